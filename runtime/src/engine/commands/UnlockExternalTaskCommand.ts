import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { requireExternalTask, updateExternalTask } from './externalTaskSupport';

/** `POST /external-task/{id}/unlock`: no worker check; clears the lock and wakes long polls of its topic. */
export class UnlockExternalTaskCommand implements Command<void> {
  readonly name = 'UnlockExternalTask';
  constructor(private readonly id: string) {}

  async execute(ctx: CommandContext): Promise<void> {
    const task = await requireExternalTask(ctx, this.id);
    await updateExternalTask(ctx, task, 'worker_id = NULL, lock_expiration_time = NULL, lock_unreported = 0, lock_expiry_count = 0', []);
    ctx.wakeTopic(task.topic_name);
  }
}
