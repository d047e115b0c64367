import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { cancelInstance, requireInstance } from '../persistence/ProcessRunner';

/** `DELETE /process-instance/{id}`: cancels the instance and its called children; 404 when it does not exist. */
export class DeleteInstanceCommand implements Command<void> {
  readonly name = 'DeleteInstance';
  constructor(
    private readonly instanceId: string,
    private readonly reason = 'deleted',
  ) {}

  async execute(ctx: CommandContext): Promise<void> {
    await requireInstance(ctx, this.instanceId);
    await cancelInstance(ctx, this.instanceId, this.reason);
  }
}
