import type { InstanceState, VariableMap } from '@safeflow/engine/bpmn';
import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { startInstance } from '../persistence/ProcessRunner';

/** Input of {@link StartInstanceCommand}. */
export interface StartInstanceInput {
  definitionId: string;
  businessKey?: string;
  variables: VariableMap;
  transient: string[];
  startActivityId?: string;
  /** The authenticated user's id (username) for `camunda:initiator`. */
  initiator?: string;
}

/** Starts an instance of a definition and runs it to its first wait states; returns the state after that step. */
export class StartInstanceCommand implements Command<InstanceState> {
  readonly name = 'StartInstance';
  constructor(private readonly input: StartInstanceInput) {}

  async execute(ctx: CommandContext): Promise<InstanceState> {
    const def = await ctx.services.definitions.get(ctx.tx, this.input.definitionId);
    return startInstance(ctx, def, {
      businessKey: this.input.businessKey,
      variables: this.input.variables,
      transient: this.input.transient,
      startActivityId: this.input.startActivityId,
      initiator: this.input.initiator,
    });
  }
}
