import type { AuthContext } from '../../http/AuthContext';
import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { forbidden } from '../core/EngineRestError';
import { isOperator, requireUserTask, updateUserTask } from './userTaskSupport';

/**
 * `POST /task/{id}/unclaim` (assignee null) and `POST /task/{id}/assignee {userId}`:
 * operators may set anyone; others may only give up a task assigned to them.
 */
export class SetAssigneeCommand implements Command<void> {
  readonly name = 'SetAssignee';
  constructor(
    private readonly taskId: string,
    private readonly userId: string | null,
    private readonly auth: AuthContext,
  ) {}

  async execute(ctx: CommandContext): Promise<void> {
    const task = await requireUserTask(ctx, this.taskId);
    const ownRelease = this.userId === null && task.assignee === this.auth.username;
    if (!ownRelease && !isOperator(this.auth)) {
      throw forbidden(`The user '${this.auth.username}' may not change the assignee of task '${task.id}'`);
    }
    await updateUserTask(ctx, task, 'assignee = ?', [this.userId]);
    await ctx.tx.execute(`UPDATE hist_task SET assignee = ? WHERE id = ?`, [this.userId, task.id]);
  }
}
