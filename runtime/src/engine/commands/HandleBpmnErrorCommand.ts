import type { VariableMap } from '@safeflow/engine/bpmn';
import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { optimisticLocking } from '../core/EngineRestError';
import { advanceInstance, requireInstance } from '../persistence/ProcessRunner';
import { assertActive, assertWorker, requireExternalTask } from './externalTaskSupport';

/**
 * `POST /external-task/{id}/bpmnError`: throws the BPMN error from the task's
 * activity (an error boundary event with that code catches it; uncaught, the
 * activity just ends) and continues the process in this transaction.
 */
export class HandleBpmnErrorCommand implements Command<void> {
  readonly name = 'HandleExternalTaskBpmnError';
  constructor(
    private readonly id: string,
    private readonly workerId: string,
    private readonly errorCode: string,
    private readonly errorMessage: string | undefined,
    private readonly variables: VariableMap,
  ) {}

  async execute(ctx: CommandContext): Promise<void> {
    const task = await requireExternalTask(ctx, this.id);
    assertWorker(task, this.workerId, `Bpmn error of External Task ${task.id} cannot be reported`);
    assertActive(task);
    const deleted = await ctx.tx.execute(`DELETE FROM external_task WHERE id = ? AND revision = ?`, [task.id, task.revision]);
    if (deleted !== 1) throw optimisticLocking(`ExternalTask[${task.id}]`);
    const inst = await requireInstance(ctx, task.process_instance_id);
    await advanceInstance(ctx, inst, (ex, state, exec) =>
      ex.throwBpmnError(state, task.execution_id, this.errorCode, this.errorMessage, this.variables, exec),
    );
  }
}
