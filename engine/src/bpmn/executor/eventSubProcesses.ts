import type { ActivityModel } from '../model/ProcessModel';
import type { ExecutionState, VariableMap } from '../ports';
import { toTypedValue } from '../variables';
import { dataOf } from './ExecutionData';
import { cancelTree } from './endings';
import type { Operation } from './Operation';
import { renewSubscription } from './renewSubscription';
import { timerDueDate } from './timerDueDate';

/**
 * Event sub-processes (`<subProcess triggeredByEvent="true">`), Camunda 7
 * semantics. An event sub-process belongs to the scope that contains it (the
 * process instance, an embedded sub-process execution, or one instance of a
 * multi-instance sub-process) and can only trigger while that scope is
 * active:
 *
 * - When the scope starts, the start events of its event sub-processes are
 *   opened ({@link openEventSubProcesses}): a timer job on the scope's
 *   execution (job activityId = the start event, like boundary timers on
 *   their host), a listener execution with a subscription per message or
 *   signal start event. Error start events need no artefact.
 * - Triggering ({@link triggerEventSubProcess}) starts an execution of the
 *   event sub-process in the scope (history: `subProcess`, then its start
 *   event as `startTimerEvent` / `messageStartEvent` / `signalStartEvent` /
 *   `errorStartEvent`). An interrupting one first cancels everything else in
 *   the scope (tokens, running event sub-process instances, the other event
 *   sub-process triggers) — only the boundary events of the scope itself
 *   stay; when it ends, the scope completes. A non-interrupting one runs
 *   beside the main flow and may trigger again (a cycle timer keeps firing;
 *   a message/signal subscription is renewed); the scope completes when the
 *   main flow and every running event sub-process instance are done.
 * - When the scope ends (completes or is cancelled) its triggers are closed
 *   ({@link closeEventSubProcesses}): timer jobs and subscriptions deleted.
 */

/** The event sub-process start events of `scope`, if it is a scope execution that has any. */
export function eventSubProcessStartsOf(
  op: Operation,
  scope: ExecutionState,
): readonly ActivityModel[] | undefined {
  if (op.isRoot(scope)) return op.model.eventSubProcessStarts;
  if (scope.status !== 'scope' || scope.activityId === undefined) return undefined;
  const activity = op.activityOf(scope);
  if (activity.kind !== 'subProcess' || (activity.multiInstance && !dataOf(scope).miInstance))
    return undefined;
  return activity.eventSubProcessStarts;
}

/** The scope started: a timer job per timer start event, a listener with a subscription per message/signal start event. */
export function openEventSubProcesses(
  op: Operation,
  scope: ExecutionState,
  starts: readonly ActivityModel[],
): void {
  for (const start of starts) {
    const event = start.event;
    if (event?.kind === 'timer') {
      const { timer, next } = timerDueDate(op, event, scope);
      if (!next) continue;
      const repeating = start.isInterrupting === false && timer.kind === 'timeCycle';
      op.emit({
        type: 'job.create',
        executionId: scope.id,
        activityId: start.id,
        activityInstanceId: scope.activityInstanceId ?? scope.id,
        kind: 'timer',
        dueDate: next.dueDate.toISOString(),
        ...(repeating
          ? {
              timer: {
                ...timer,
                ...(next.repeatsLeft === undefined ? {} : { repeatsLeft: next.repeatsLeft }),
              },
            }
          : {}),
        ...(start.retryTimeCycle ? { retryTimeCycle: start.retryTimeCycle } : {}),
      });
    } else if (event?.kind === 'message' || event?.kind === 'signal') {
      const name = String(
        op.evaluateValue(
          event.kind === 'message' ? event.messageName : event.signalName,
          scope,
          `${event.kind} name`,
        ),
      );
      const listener = op.createListener(scope, start.id, name);
      op.emit({
        type: 'subscription.create',
        kind: event.kind,
        eventName: name,
        executionId: listener.id,
        activityId: start.id,
      });
    }
  }
}

/** The scope ends or was interrupted: its event sub-process timer jobs and subscriptions are deleted. */
export function closeEventSubProcesses(
  op: Operation,
  scope: ExecutionState,
  starts: readonly ActivityModel[],
): void {
  for (const start of starts) {
    if (start.event?.kind === 'timer')
      op.emit({ type: 'job.delete', executionId: scope.id, activityId: start.id });
  }
  for (const child of op.w.children(scope.id)) {
    if (dataOf(child).wait !== 'listener' || !starts.some((s) => s.id === child.activityId)) continue;
    op.emit({ type: 'subscription.delete', executionId: child.id });
    op.w.remove(child.id);
  }
}

/**
 * The trigger of `start` happened in `scope`: an interrupting event
 * sub-process cancels everything else in the scope first (the scope's own
 * boundary events stay); then an execution of the event sub-process starts in
 * the scope, with `variables` (message/signal payload, error variables) set
 * from there.
 */
export function triggerEventSubProcess(
  op: Operation,
  scope: ExecutionState,
  start: ActivityModel,
  variables?: VariableMap,
): void {
  if (start.isInterrupting !== false) {
    for (const child of op.w.children(scope.id)) {
      if (dataOf(child).wait === 'listener' && op.activityOf(child).kind === 'boundaryEvent') continue;
      cancelTree(op, child);
    }
    const starts = eventSubProcessStartsOf(op, scope);
    if (starts) closeEventSubProcesses(op, scope, starts);
  }
  const token = op.createToken(scope, op.activity(start.containerId!));
  op.setVariables(token, variables);
  op.start(token);
}

/**
 * A timer job of `scope` fired: true when `activityId` is one of its event
 * sub-process timer start events (then triggered), false when it is not.
 * A one-shot non-interrupting timer gets its `job.delete`; a cycle keeps its
 * job (the runtime reschedules it while the scope lives).
 */
export function fireEventSubProcessTimer(op: Operation, scope: ExecutionState, activityId: string): boolean {
  const start = eventSubProcessStartsOf(op, scope)?.find(
    (s) => s.id === activityId && s.event?.kind === 'timer',
  );
  if (!start) return false;
  if (
    start.isInterrupting === false &&
    (start.event as { timer: { kind: string } }).timer.kind !== 'timeCycle'
  ) {
    op.emit({ type: 'job.delete', executionId: scope.id, activityId: start.id });
  }
  triggerEventSubProcess(op, scope, start);
  return true;
}

/** A message/signal reached the listener of an event sub-process start event. */
export function deliverToEventSubProcess(
  op: Operation,
  listener: ExecutionState,
  start: ActivityModel,
  variables: VariableMap,
): void {
  const scope = op.parent(listener);
  if (start.isInterrupting === false) renewSubscription(op, listener, start);
  triggerEventSubProcess(op, scope, start, variables);
}

/**
 * The error start event of an event sub-process of `scope` that catches
 * `errorCode` (an exact code match first, then a catch-all), skipping the
 * event sub-process the error was thrown from (`inner`, Camunda does not let
 * an error event sub-process catch its own errors).
 */
export function errorEventSubProcessOf(
  op: Operation,
  scope: ExecutionState,
  inner: ExecutionState | undefined,
  errorCode: string,
): ActivityModel | undefined {
  const starts = eventSubProcessStartsOf(op, scope);
  if (!starts) return undefined;
  let catchAll: ActivityModel | undefined;
  for (const s of starts) {
    if (s.event?.kind !== 'error' || (inner !== undefined && s.containerId === inner.activityId)) continue;
    if (s.event.errorCode === errorCode) return s;
    if (s.event.errorCode === undefined) catchAll ??= s;
  }
  return catchAll;
}

/** Starts the error event sub-process of `start` in `scope` (always interrupting), setting the error variables. */
export function catchByEventSubProcess(
  op: Operation,
  scope: ExecutionState,
  start: ActivityModel,
  errorCode: string,
  errorMessage: string | undefined,
): void {
  const event = start.event as Extract<ActivityModel['event'], { kind: 'error' }>;
  const vars: VariableMap = {};
  if (event.errorCodeVariable) vars[event.errorCodeVariable] = toTypedValue(errorCode);
  if (event.errorMessageVariable) vars[event.errorMessageVariable] = toTypedValue(errorMessage ?? null);
  triggerEventSubProcess(op, scope, start, vars);
}
