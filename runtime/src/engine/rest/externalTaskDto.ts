import { formatDate } from '../core/dates';
import type { ExternalTaskRow } from '../persistence/rows';

/** Camunda's ExternalTaskDto (list/get), without variables. */
export function externalTaskDto(t: ExternalTaskRow) {
  return {
    activityId: t.activity_id,
    activityInstanceId: t.activity_instance_id,
    errorMessage: t.error_message,
    executionId: t.execution_id,
    id: t.id,
    lockExpirationTime: formatDate(t.lock_expiration_time === null ? null : Number(t.lock_expiration_time)),
    createTime: formatDate(Number(t.create_time)),
    processDefinitionId: t.process_definition_id,
    processDefinitionKey: t.process_definition_key,
    processDefinitionVersionTag: t.process_definition_version_tag,
    processInstanceId: t.process_instance_id,
    retries: t.retries === null ? null : Number(t.retries),
    suspended: Number(t.suspended) === 1,
    workerId: t.worker_id,
    topicName: t.topic_name,
    tenantId: t.tenant_id,
    priority: Number(t.priority),
    businessKey: t.business_key,
  };
}
