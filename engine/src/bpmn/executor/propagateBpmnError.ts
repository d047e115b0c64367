import type { ActivityModel } from '../model/ProcessModel';
import type { ExecutionState, VariableMap } from '../ports';
import { toTypedValue } from '../variables';
import { fireBoundaryEvent } from './boundaryEvents';
import { dataOf } from './ExecutionData';
import { callerCatches } from './caughtErrors';
import { endProcess } from './endings';
import { catchByEventSubProcess, errorEventSubProcessOf } from './eventSubProcesses';
import type { Operation } from './Operation';

/** The error boundary of `activity` catching `errorCode`: an exact code match first, then a catch-all. */
function findErrorBoundary(activity: ActivityModel, errorCode: string): ActivityModel | undefined {
  let catchAll: ActivityModel | undefined;
  for (const b of activity.boundaryEvents) {
    if (b.event?.kind !== 'error') continue;
    if (b.event.errorCode === errorCode) return b;
    if (b.event.errorCode === undefined) catchAll ??= b;
  }
  return catchAll;
}

/**
 * Throws a BPMN error from `from` outwards: the innermost catcher on the way
 * to the process scope wins. At each scope execution (sub-process, one
 * multi-instance sub-process instance, the process) an error event
 * sub-process of that scope catches first (Camunda gives it precedence over
 * the boundary events of the scope's own activity); otherwise the first
 * activity instance with a matching error boundary event catches it
 * (it is cancelled, the boundary path starts, `camunda:errorCodeVariable` /
 * `errorMessageVariable` are set). Multi-instance instances defer to their
 * body. Not caught in this instance but by a caller of this called instance
 * (`state.callerCatches`): the instance terminates (`instance.end` with
 * `escapedError`; the runtime hands the error to the caller's call activity
 * through `catchCalledError`) and this returns true. Returns false when
 * nothing catches it anywhere; the caller then ends the throwing token like a
 * none end event (Camunda's behaviour for an unhandled BPMN error).
 */
export function propagateBpmnError(
  op: Operation,
  from: ExecutionState,
  errorCode: string,
  errorMessage: string | undefined,
  throwingActivityId: string | undefined = from.activityId,
): boolean {
  let current: ExecutionState | undefined = from;
  let inner: ExecutionState | undefined;
  while (current !== undefined) {
    if (current.status === 'scope') {
      const start = errorEventSubProcessOf(op, current, inner, errorCode);
      if (start) {
        catchByEventSubProcess(op, current, start, errorCode, errorMessage);
        return true;
      }
    }
    if (op.isRoot(current)) return escapeToCaller(op, errorCode, errorMessage, throwingActivityId);
    const data = dataOf(current);
    if (!data.miInstance && data.wait !== 'listener' && current.activityId !== undefined) {
      const boundary = findErrorBoundary(op.activityOf(current), errorCode);
      if (boundary) {
        const event = boundary.event as Extract<ActivityModel['event'], { kind: 'error' }>;
        const vars: VariableMap = {};
        if (event.errorCodeVariable) vars[event.errorCodeVariable] = toTypedValue(errorCode);
        if (event.errorMessageVariable) vars[event.errorMessageVariable] = toTypedValue(errorMessage ?? null);
        fireBoundaryEvent(op, current, boundary, undefined, vars);
        return true;
      }
    }
    inner = current;
    current = op.parent(current);
  }
  return false;
}

/** A caller catches the error: this called instance terminates and the error escapes to it. */
function escapeToCaller(op: Operation, errorCode: string, errorMessage: string | undefined, throwingActivityId: string | undefined): boolean {
  if (!callerCatches(op, errorCode)) return false;
  endProcess(op, 'terminated', throwingActivityId, { errorCode, ...(errorMessage === undefined ? {} : { errorMessage }) });
  return true;
}
