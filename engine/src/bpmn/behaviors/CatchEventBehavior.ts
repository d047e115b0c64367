import { dataOf } from '../executor/ExecutionData';
import { timerDueDate } from '../executor/timerDueDate';
import type { ActivityBehavior } from './ActivityBehavior';

/**
 * Intermediate catch events (timer, message, signal) and receive tasks: wait
 * for `executeJob` / `deliverEvent`. A token entered from an event-based
 * gateway (`triggered`) has its event already and passes at once. A receive
 * task without a message waits for `deliverEvent` on its execution id.
 */
export const CatchEventBehavior: ActivityBehavior = {
  execute(op, exec, activity) {
    if (dataOf(exec).triggered) {
      op.w.setData(exec, { triggered: undefined });
      return op.leave(exec);
    }
    const event = activity.event;
    if (event?.kind === 'timer') {
      const { next } = timerDueDate(op, event, exec);
      op.wait(exec, 'timer');
      if (!next) return;
      op.emit({
        type: 'job.create',
        executionId: exec.id,
        activityId: activity.id,
        activityInstanceId: exec.activityInstanceId!,
        kind: 'timer',
        dueDate: next.dueDate.toISOString(),
        ...(activity.retryTimeCycle ? { retryTimeCycle: activity.retryTimeCycle } : {}),
      });
      return;
    }
    if (event?.kind === 'message' || event?.kind === 'signal') {
      const name = String(op.evaluateValue(event.kind === 'message' ? event.messageName : event.signalName, exec, `${event.kind} name`));
      op.wait(exec, event.kind, { eventName: name });
      op.emit({ type: 'subscription.create', kind: event.kind, eventName: name, executionId: exec.id, activityId: activity.id });
      return;
    }
    op.wait(exec, 'trigger');
  },
};
