import type { AuthContext } from '../../http/AuthContext';
import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { EngineRestError, forbidden } from '../core/EngineRestError';
import { assertMayWork, isOperator, requireUserTask, updateUserTask } from './userTaskSupport';

/**
 * `POST /task/{id}/claim {userId}`: a task assigned to someone else is 500
 * TaskAlreadyClaimedException; claiming one's own task is a no-op. Only
 * operators claim for other users.
 */
export class ClaimTaskCommand implements Command<void> {
  readonly name = 'ClaimTask';
  constructor(
    private readonly taskId: string,
    private readonly userId: string,
    private readonly auth: AuthContext,
  ) {}

  async execute(ctx: CommandContext): Promise<void> {
    const task = await requireUserTask(ctx, this.taskId);
    if (this.userId !== this.auth.username && !isOperator(this.auth)) {
      throw forbidden(`The user '${this.auth.username}' may not claim task '${task.id}' for '${this.userId}'`);
    }
    if (task.assignee && task.assignee !== this.userId) {
      throw new EngineRestError('task.already_claimed', 'TaskAlreadyClaimedException', `Task '${task.id}' is already claimed by someone else.`, { status: 500 });
    }
    if (task.assignee === this.userId) return;
    assertMayWork(this.auth, task);
    await updateUserTask(ctx, task, 'assignee = ?', [this.userId]);
    await ctx.tx.execute(`UPDATE hist_task SET assignee = ? WHERE id = ?`, [this.userId, task.id]);
  }
}
