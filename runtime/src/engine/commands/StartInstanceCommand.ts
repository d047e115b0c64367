import type { InstanceState, VariableMap } from '@safeflow/engine/bpmn';
import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import type { AuthContext } from '../../http/AuthContext';
import { startInstance } from '../persistence/ProcessRunner';
import { resolveStartOrgPath } from '../persistence/startOrg';
import type { UnitActor } from '../../db/unitOfWork';
import { auditEngineChange, engineActor } from '../core/auditEngineChange';
import { orgIdOfPath } from '../../orgs/orgIdOfPath';

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
  /** Who the audit entry names when there is no `auth` (default: the auth's user, else the system). */
  actor?: UnitActor;
}

/** Starts an instance of a definition and runs it to its first wait states; returns the state after that step. */
export class StartInstanceCommand implements Command<InstanceState> {
  readonly name = 'StartInstance';
  constructor(private readonly input: StartInstanceInput) {}

  async execute(ctx: CommandContext): Promise<InstanceState> {
    const def = await ctx.services.definitions.get(ctx.tx, this.input.definitionId);
    const orgPath = await resolveStartOrgPath(ctx, def.row, { orgId: this.input.orgId, auth: this.input.auth });
    const state = await startInstance(ctx, def, {
      orgPath,
      businessKey: this.input.businessKey,
      variables: this.input.variables,
      transient: this.input.transient,
      startActivityId: this.input.startActivityId,
      initiator: this.input.initiator,
    });
    await auditEngineChange(ctx, engineActor(this.input.auth, this.input.actor), {
      action: 'process_instance.start', targetType: 'process_instance', targetId: state.processInstanceId, orgId: orgIdOfPath(orgPath), orgPath,
      change: { definitionId: def.row.id, processKey: def.row.def_key, businessKey: this.input.businessKey ?? null, variables: Object.keys(this.input.variables).sort() },
    });
    return state;
  }
}
