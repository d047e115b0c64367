import type { VariableMap } from '@safeflow/engine/bpmn';
import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { optimisticLocking } from '../core/EngineRestError';
import { advanceInstance, requireInstance } from '../persistence/ProcessRunner';
import { assertActive, assertWorker, requireExternalTask } from './externalTaskSupport';

/**
 * `POST /external-task/{id}/complete`: the last locker completes the task; its
 * variables are set and the process continues to its next wait states — all
 * in this transaction, so a failing continuation leaves the task in place.
 */
export class CompleteExternalTaskCommand implements Command<void> {
  readonly name = 'CompleteExternalTask';
  constructor(
    private readonly id: string,
    private readonly workerId: string,
    private readonly variables: VariableMap,
    private readonly localVariables: VariableMap,
    private readonly transient: string[] = [],
  ) {}

  async execute(ctx: CommandContext): Promise<void> {
    const task = await requireExternalTask(ctx, this.id);
    assertWorker(task, this.workerId, `External Task ${task.id} cannot be completed`);
    assertActive(task);
    const deleted = await ctx.tx.execute(`DELETE FROM external_task WHERE id = ? AND revision = ?`, [task.id, task.revision]);
    if (deleted !== 1) throw optimisticLocking(`ExternalTask[${task.id}]`);
    const inst = await requireInstance(ctx, task.process_instance_id);
    await advanceInstance(
      ctx,
      inst,
      (ex, state, exec) => ex.completeExternalTask(state, task.execution_id, this.variables, this.localVariables, exec),
      this.transient,
    );
  }
}
