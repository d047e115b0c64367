import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { badRequest } from '../core/EngineRestError';
import { openIncident, resolveIncidents } from '../persistence/incidents';
import { requireExternalTask, updateExternalTask } from './externalTaskSupport';

/** `PUT /external-task/{id}/retries`: > 0 resolves the task's incident and makes it fetchable; 0 opens one. */
export class SetExternalTaskRetriesCommand implements Command<void> {
  readonly name = 'SetExternalTaskRetries';
  constructor(
    private readonly id: string,
    private readonly retries: number,
  ) {}

  async execute(ctx: CommandContext): Promise<void> {
    if (!Number.isInteger(this.retries) || this.retries < 0) throw badRequest('external_task.invalid_retries', 'retries is not greater than or equal to 0');
    const task = await requireExternalTask(ctx, this.id);
    await updateExternalTask(ctx, task, 'retries = ?, lock_expiry_count = 0, lock_unreported = 0', [this.retries]);
    if (this.retries > 0) {
      await resolveIncidents(ctx, task.id);
      ctx.wakeTopic(task.topic_name);
    } else {
      await openIncident(ctx, {
        type: 'failedExternalTask',
        message: task.error_message,
        configuration: task.id,
        processInstanceId: task.process_instance_id,
        processDefinitionId: task.process_definition_id,
        activityId: task.activity_id,
        executionId: task.execution_id,
        tenantId: task.tenant_id,
      });
    }
  }
}
