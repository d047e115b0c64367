import type { VariableMap } from '@safeflow/engine/bpmn';
import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { advanceInstance, requireInstance } from '../persistence/ProcessRunner';

/** `POST /process-instance/{id}/variables` (and PUT/DELETE of one): sets and removes process variables; nothing executes. */
export class ModifyVariablesCommand implements Command<void> {
  readonly name = 'ModifyVariables';
  constructor(
    private readonly instanceId: string,
    private readonly modifications: VariableMap,
    private readonly deletions: string[],
  ) {}

  async execute(ctx: CommandContext): Promise<void> {
    const inst = await requireInstance(ctx, this.instanceId);
    inst.row.suspended = 0; // variables may change on suspended instances (Camunda)
    await advanceInstance(ctx, inst, (ex, state, exec) => ex.modifyVariables(state, this.modifications, this.deletions, exec));
  }
}
