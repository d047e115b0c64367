import type { ActivityModel } from '../model/ProcessModel';
import type { ExecutionState } from '../ports';
import { dataOf } from './ExecutionData';
import type { Operation } from './Operation';

/**
 * A non-interrupting message/signal event (boundary or event sub-process
 * start) fired and keeps listening: its `subscription.create` is emitted again
 * for the same listener execution. The runtime consumes the subscription row
 * it correlated before calling `deliverEvent`; the create (an upsert by
 * execution id and event name) puts it back, so the event can fire again.
 */
export function renewSubscription(op: Operation, listener: ExecutionState, activity: ActivityModel): void {
  const kind = activity.event?.kind;
  const eventName = dataOf(listener).eventName;
  if ((kind !== 'message' && kind !== 'signal') || eventName === undefined) return;
  op.emit({
    type: 'subscription.create',
    kind,
    eventName,
    executionId: listener.id,
    activityId: activity.id,
  });
}
