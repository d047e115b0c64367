import { expressionFailed } from '../executor/bpmnErrors';
import type { ActivityBehavior } from './ActivityBehavior';

/**
 * `camunda:type="external"` service/send/business-rule tasks and message
 * throw/end events: emits `externalTask.create` (topic and priority may be
 * expressions; `camunda:properties` become extension properties) and waits
 * for `completeExternalTask` or `throwBpmnError`.
 */
export const ExternalTaskBehavior: ActivityBehavior = {
  execute(op, exec, activity) {
    const ext = activity.external!;
    const topic = op.evaluateValue(ext.topic, exec, 'camunda:topic');
    if (typeof topic !== 'string' || topic === '') {
      throw expressionFailed(`camunda:topic '${ext.topic.source}' at '${activity.id}' did not give a topic name`, { expression: ext.topic.source, activityId: activity.id });
    }
    let priority = 0;
    if (ext.priority) {
      const p = Number(op.evaluateValue(ext.priority, exec, 'camunda:taskPriority'));
      if (!Number.isFinite(p)) throw expressionFailed(`camunda:taskPriority '${ext.priority.source}' at '${activity.id}' is not a number`, { expression: ext.priority.source, activityId: activity.id });
      priority = Math.trunc(p);
    }
    op.wait(exec, 'externalTask');
    op.emit({
      type: 'externalTask.create',
      executionId: exec.id,
      activityId: activity.id,
      activityInstanceId: exec.activityInstanceId!,
      topicName: topic,
      priority,
      extensionProperties: { ...ext.properties },
    });
  },
};
