import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { badRequest } from '../core/EngineRestError';
import { requireExternalTask, updateExternalTask } from './externalTaskSupport';

/** `PUT /external-task/{id}/priority`. */
export class SetExternalTaskPriorityCommand implements Command<void> {
  readonly name = 'SetExternalTaskPriority';
  constructor(
    private readonly id: string,
    private readonly priority: number,
  ) {}

  async execute(ctx: CommandContext): Promise<void> {
    if (!Number.isSafeInteger(this.priority)) throw badRequest('external_task.invalid_priority', 'priority must be an integer');
    const task = await requireExternalTask(ctx, this.id);
    await updateExternalTask(ctx, task, 'priority = ?', [this.priority]);
  }
}
