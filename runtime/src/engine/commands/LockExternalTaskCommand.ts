import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { badRequest } from '../core/EngineRestError';
import { requireExternalTask, updateExternalTask } from './externalTaskSupport';

/** `POST /external-task/{id}/lock`: allowed when unlocked, held by the same worker, or expired; else 400. */
export class LockExternalTaskCommand implements Command<void> {
  readonly name = 'LockExternalTask';
  constructor(
    private readonly id: string,
    private readonly workerId: string,
    private readonly lockDuration: number,
  ) {}

  async execute(ctx: CommandContext): Promise<void> {
    if (!(this.lockDuration > 0)) throw badRequest('external_task.invalid_lock_duration', 'lockDuration is not greater than 0');
    const task = await requireExternalTask(ctx, this.id);
    const now = ctx.now.getTime();
    const locked = task.worker_id !== null && task.lock_expiration_time !== null && Number(task.lock_expiration_time) > now;
    if (locked && task.worker_id !== this.workerId) {
      throw badRequest(
        'external_task.wrong_worker',
        `External Task ${task.id} cannot be locked by worker '${this.workerId}'. It is locked by worker '${task.worker_id}'.`,
      );
    }
    await updateExternalTask(ctx, task, 'worker_id = ?, lock_expiration_time = ?, lock_unreported = 1', [this.workerId, now + this.lockDuration]);
  }
}
