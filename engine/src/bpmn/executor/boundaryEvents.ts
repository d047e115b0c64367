import type { ActivityModel } from '../model/ProcessModel';
import type { ExecutionState, VariableMap } from '../ports';
import { dataOf } from './ExecutionData';
import { cancelTree } from './endings';
import type { Operation } from './Operation';
import { timerDueDate } from './timerDueDate';

/**
 * Boundary events of an activity instance: created when it starts (timer jobs
 * on the host execution, message/signal subscriptions on listener children),
 * removed when it ends, fired by `executeJob` / `deliverEvent`.
 */
export function createBoundaryEvents(op: Operation, host: ExecutionState, activity: ActivityModel): void {
  for (const b of activity.boundaryEvents) {
    const event = b.event;
    if (event?.kind === 'timer') {
      const { timer, next } = timerDueDate(op, event, host);
      if (!next) continue;
      const repeating = !b.cancelActivity && timer.kind === 'timeCycle';
      op.emit({
        type: 'job.create',
        executionId: host.id,
        activityId: b.id,
        activityInstanceId: host.activityInstanceId!,
        kind: 'timer',
        dueDate: next.dueDate.toISOString(),
        ...(repeating ? { timer: { ...timer, ...(next.repeatsLeft === undefined ? {} : { repeatsLeft: next.repeatsLeft }) } } : {}),
        ...(b.retryTimeCycle ? { retryTimeCycle: b.retryTimeCycle } : {}),
      });
    } else if (event?.kind === 'message' || event?.kind === 'signal') {
      const name = String(op.evaluateValue(event.kind === 'message' ? event.messageName : event.signalName, host, `${event.kind} name`));
      const listener = op.createListener(host, b.id, name);
      op.emit({ type: 'subscription.create', kind: event.kind, eventName: name, executionId: listener.id, activityId: b.id });
    }
  }
}

export function removeBoundaryEvents(op: Operation, host: ExecutionState, activity: ActivityModel): void {
  for (const b of activity.boundaryEvents) {
    if (b.event?.kind === 'timer') op.emit({ type: 'job.delete', executionId: host.id, activityId: b.id });
  }
  for (const child of op.w.children(host.id)) {
    if (dataOf(child).wait !== 'listener') continue;
    op.emit({ type: 'subscription.delete', executionId: child.id });
    op.w.remove(child.id);
  }
}

/**
 * A boundary event fires on `host`: an interrupting one cancels the host (and
 * everything inside it) first; then a token starts at the boundary event in
 * the host's scope, with `variables` (message payload) set from there.
 */
export function fireBoundaryEvent(op: Operation, host: ExecutionState, boundary: ActivityModel, variables?: VariableMap, errorVars?: VariableMap): void {
  const scope = op.parent(host);
  if (boundary.cancelActivity !== false) cancelTree(op, host);
  const token = op.createToken(scope, boundary);
  op.setVariables(token, variables);
  op.setVariables(token, errorVars);
  op.start(token);
}
