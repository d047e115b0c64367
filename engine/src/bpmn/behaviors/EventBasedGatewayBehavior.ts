import type { ExecutionState, VariableMap } from '../ports';
import { dataOf } from '../executor/ExecutionData';
import type { Operation } from '../executor/Operation';
import { timerDueDate } from '../executor/timerDueDate';
import type { ActivityBehavior } from './ActivityBehavior';

/**
 * Event-based gateway: waits on every event after it at once — a timer job on
 * the gateway's execution per timer catch (job activityId = the catch event),
 * a listener execution with a subscription per message/signal catch or
 * receive task. The first event wins ({@link fireEventGateway}); the others
 * are cancelled.
 */
export const EventBasedGatewayBehavior: ActivityBehavior = {
  execute(op, exec, activity) {
    op.wait(exec, 'eventGateway');
    for (const f of activity.outgoing) {
      const target = op.activity(f.targetId);
      const event = target.event;
      if (event?.kind === 'timer') {
        const { next } = timerDueDate(op, event, exec);
        if (!next) continue;
        op.emit({
          type: 'job.create',
          executionId: exec.id,
          activityId: target.id,
          activityInstanceId: exec.activityInstanceId!,
          kind: 'timer',
          dueDate: next.dueDate.toISOString(),
          ...(target.retryTimeCycle ? { retryTimeCycle: target.retryTimeCycle } : {}),
        });
      } else if (event?.kind === 'message' || event?.kind === 'signal') {
        const name = String(op.evaluateValue(event.kind === 'message' ? event.messageName : event.signalName, exec, `${event.kind} name`));
        const listener = op.createListener(exec, target.id, name);
        op.emit({ type: 'subscription.create', kind: event.kind, eventName: name, executionId: listener.id, activityId: target.id });
      }
    }
  },
};

/** The event of catch event `targetId` happened: cancel the other branches and continue through that catch event. */
export function fireEventGateway(op: Operation, gateway: ExecutionState, targetId: string, variables?: VariableMap): void {
  for (const child of op.w.children(gateway.id)) {
    if (dataOf(child).wait === 'listener') op.emit({ type: 'subscription.delete', executionId: child.id });
    op.w.remove(child.id);
  }
  op.resume(gateway, 'completed');
  const scope = op.parent(gateway);
  op.recordEnd(gateway, false);
  op.w.remove(gateway.id);
  const token = op.createToken(scope, op.activity(targetId), { triggered: true });
  op.setVariables(token, variables);
  op.start(token);
}
