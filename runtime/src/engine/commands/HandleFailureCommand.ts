import type { VariableMap } from '@safeflow/engine/bpmn';
import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { badRequest } from '../core/EngineRestError';
import { openIncident } from '../persistence/incidents';
import { advanceInstance, requireInstance } from '../persistence/ProcessRunner';
import { assertActive, assertWorker, requireExternalTask, updateExternalTask } from './externalTaskSupport';

/** Input of {@link HandleFailureCommand}. */
export interface FailureInput {
  workerId: string;
  errorMessage?: string | null;
  errorDetails?: string | null;
  /** Absent means 0 (Camunda). */
  retries?: number | null;
  retryTimeout?: number | null;
  variables: VariableMap;
  localVariables: VariableMap;
}

/**
 * `POST /external-task/{id}/failure`: stores the error (message cut at 666
 * characters, details whole), sets retries, locks the task until now +
 * retryTimeout; retries 0 opens a `failedExternalTask` incident and hides the
 * task from fetchAndLock. The engine never decrements retries itself.
 */
export class HandleFailureCommand implements Command<void> {
  readonly name = 'HandleExternalTaskFailure';
  constructor(
    private readonly id: string,
    private readonly input: FailureInput,
  ) {}

  async execute(ctx: CommandContext): Promise<void> {
    const { input } = this;
    const retries = input.retries ?? 0;
    const timeout = input.retryTimeout ?? 0;
    if (retries < 0) throw badRequest('external_task.invalid_retries', 'retries is not greater than or equal to 0');
    if (timeout < 0) throw badRequest('external_task.invalid_retry_timeout', 'retryDuration is not greater than or equal to 0');
    const task = await requireExternalTask(ctx, this.id);
    assertWorker(task, input.workerId, `Failure of External Task ${task.id} cannot be reported`);
    assertActive(task);
    const message = input.errorMessage == null ? null : String(input.errorMessage).slice(0, 666);
    await updateExternalTask(
      ctx,
      task,
      'error_message = ?, error_details = ?, retries = ?, lock_expiration_time = ?, lock_unreported = 0, lock_expiry_count = 0',
      [message, input.errorDetails ?? null, retries, ctx.now.getTime() + timeout],
    );
    if (Object.keys(input.variables).length || Object.keys(input.localVariables).length) {
      const inst = await requireInstance(ctx, task.process_instance_id);
      await advanceInstance(ctx, inst, (ex, state, exec) => ex.modifyVariables(state, { ...input.variables, ...input.localVariables }, [], exec));
    }
    if (retries === 0) {
      await openIncident(ctx, {
        type: 'failedExternalTask',
        message,
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
