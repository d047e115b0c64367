import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { badRequest } from '../core/EngineRestError';
import { assertWorker, requireExternalTask, updateExternalTask } from './externalTaskSupport';

/** `POST /external-task/{id}/extendLock`: same worker, lock not yet expired; expiry = now + newDuration. */
export class ExtendLockCommand implements Command<void> {
  readonly name = 'ExtendLock';
  constructor(
    private readonly id: string,
    private readonly workerId: string,
    private readonly newDuration: number,
  ) {}

  async execute(ctx: CommandContext): Promise<void> {
    if (!(this.newDuration > 0)) throw badRequest('external_task.invalid_lock_duration', 'lockDuration is not greater than 0');
    const task = await requireExternalTask(ctx, this.id);
    assertWorker(task, this.workerId, `The lock of the External Task ${task.id} cannot be extended`);
    const now = ctx.now.getTime();
    if (task.lock_expiration_time === null || Number(task.lock_expiration_time) <= now) {
      throw badRequest('external_task.lock_expired', 'Cannot extend a lock that expired');
    }
    await updateExternalTask(ctx, task, 'lock_expiration_time = ?, lock_unreported = 0, lock_expiry_count = 0', [now + this.newDuration]);
  }
}
