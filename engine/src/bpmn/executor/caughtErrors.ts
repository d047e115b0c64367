import type { CaughtErrors, ExecutionState } from '../ports';
import { dataOf } from './ExecutionData';
import { eventSubProcessStartsOf } from './eventSubProcesses';
import type { Operation } from './Operation';

/**
 * The BPMN errors caught on the way out from `from` (a call activity's
 * execution) — by the same walk as `propagateBpmnError`: at each scope the
 * error event sub-processes (not the one the walk comes from), at each
 * activity instance its error boundary events (multi-instance instances
 * defer to their body) — plus every error this instance's own callers catch
 * (`state.callerCatches`). A catch-all anywhere gives `{ any: true }`.
 */
export function caughtErrorsFrom(op: Operation, from: ExecutionState): CaughtErrors {
  const above = op.w.base.callerCatches;
  let any = above?.any ?? false;
  const codes = new Set<string>(above?.codes ?? []);
  const add = (code: string | undefined) => {
    if (code === undefined) any = true;
    else codes.add(code);
  };
  let current: ExecutionState | undefined = from;
  let inner: ExecutionState | undefined;
  while (current !== undefined && !any) {
    if (current.status === 'scope') {
      for (const s of eventSubProcessStartsOf(op, current) ?? []) {
        if (s.event?.kind === 'error' && !(inner !== undefined && s.containerId === inner.activityId)) add(s.event.errorCode);
      }
    }
    if (op.isRoot(current)) break;
    const data = dataOf(current);
    if (!data.miInstance && data.wait !== 'listener' && current.activityId !== undefined) {
      for (const b of op.activityOf(current).boundaryEvents) if (b.event?.kind === 'error') add(b.event.errorCode);
    }
    inner = current;
    current = op.parent(current);
  }
  return any ? { any: true, codes: [] } : { any: false, codes: [...codes].sort() };
}

/** True when a caller of this (called) instance catches `errorCode` (see `InstanceState.callerCatches`). */
export function callerCatches(op: Operation, errorCode: string): boolean {
  const state = op.w.base;
  const c = state.callerCatches;
  if (state.superProcessInstanceId === undefined || c === undefined) return false;
  return c.any || c.codes.includes(errorCode);
}
