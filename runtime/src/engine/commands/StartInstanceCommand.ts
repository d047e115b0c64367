import type { InstanceState, VariableMap } from '@safeflow/engine/bpmn';
import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import type { AuthContext } from '../../http/AuthContext';
import { startInstance } from '../persistence/ProcessRunner';
import { resolveStartOrgPath } from '../persistence/startOrg';

/** Input of {@link StartInstanceCommand}. */
export interface StartInstanceInput {
  definitionId: string;
  businessKey?: string;
  variables: VariableMap;
  transient: string[];
  startActivityId?: string;
  /** The authenticated user's id (username) for `camunda:initiator`. */
  initiator?: string;
  /** The org the instance belongs to (SafeFlow only; see `resolveStartOrgPath` for the default and the checks). */
  orgId?: string;
  /** The starter, whose data scope must contain `orgId` (absent: the platform or engine itself). */
  auth?: AuthContext;
}

/** Starts an instance of a definition and runs it to its first wait states; returns the state after that step. */
export class StartInstanceCommand implements Command<InstanceState> {
  readonly name = 'StartInstance';
  constructor(private readonly input: StartInstanceInput) {}

  async execute(ctx: CommandContext): Promise<InstanceState> {
    const def = await ctx.services.definitions.get(ctx.tx, this.input.definitionId);
    const orgPath = await resolveStartOrgPath(ctx, def.row, { orgId: this.input.orgId, auth: this.input.auth });
    return startInstance(ctx, def, {
      orgPath,
      businessKey: this.input.businessKey,
      variables: this.input.variables,
      transient: this.input.transient,
      startActivityId: this.input.startActivityId,
      initiator: this.input.initiator,
    });
  }
}
