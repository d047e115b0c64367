import type { AppDeps } from '../app/AppDeps';
import type { Tx } from '../db/Database';
import { StartInstanceCommand } from '../engine/commands/StartInstanceCommand';
import type { Command } from '../engine/core/Command';
import type { CommandContext } from '../engine/core/CommandContext';
import { engineOf } from '../engine/engine.module';
import { findLatestDefinition } from '../engine/persistence/findDefinition';
import type { DefinitionRow } from '../engine/persistence/rows';
import type { GatewayVariables } from '../engineGateway/EngineGateway';
import { engineGatewayOf } from '../engineGateway/engineGatewayOf';
import { toVariableMap } from '../engineGateway/gatewayVariables';
import type { AuthContext } from '../http/AuthContext';

/** One instance to start: for `orgId` (the instance's org), with its variables and business key. */
export interface OrgStart {
  orgId: string;
  variables?: GatewayVariables;
  businessKey?: string;
}

/** A started instance. */
export interface StartedInstance {
  orgId: string;
  processInstanceId: string;
  businessKey: string | null;
  definitionId: string;
  ended: boolean;
}

/** The latest definition of `key` for `tenantId`: the tenant's own first, else a tenant-less one. */
export async function latestDefinitionFor(tx: Pick<Tx, 'query'>, key: string, tenantId: string): Promise<DefinitionRow> {
  try {
    return await findLatestDefinition(tx, key, undefined, tenantId);
  } catch (err) {
    if ((err as { code?: string }).code !== 'process_definition.not_found') throw err;
    return findLatestDefinition(tx, key, undefined, null);
  }
}

/**
 * Starts the latest version of process `key` once per entry of `starts`, each
 * instance belonging to its `orgId` (so the people of that org see its tasks),
 * as `actor` (whose engine.operate / task.work scope must contain every org;
 * absent: the platform). On SafeFlow's engine every start and `inTransaction`
 * run in ONE transaction: all instances start or none does. On a remote
 * Camunda (ENGINE_URL) the starts are sequential calls and orgs are unknown
 * to it (see EngineGateway.StartRequest.orgId).
 */
export async function startForOrgs(
  deps: AppDeps,
  req: {
    key: string;
    tenantId: string;
    starts: OrgStart[];
    actor?: AuthContext;
    inTransaction?: (tx: Tx, started: StartedInstance[]) => Promise<void>;
  },
): Promise<StartedInstance[]> {
  if (deps.config.engineUrl) {
    const gateway = engineGatewayOf(deps);
    const out: StartedInstance[] = [];
    for (const s of req.starts) {
      const inst = await gateway.startProcess({ key: req.key, tenantId: req.tenantId, orgId: s.orgId, variables: s.variables, businessKey: s.businessKey, actor: req.actor });
      out.push({ orgId: s.orgId, processInstanceId: inst.id, businessKey: inst.businessKey, definitionId: inst.definitionId, ended: inst.ended });
    }
    if (req.inTransaction) await deps.db.transaction((tx) => req.inTransaction!(tx, out));
    return out;
  }
  const cmd: Command<StartedInstance[]> = {
    name: 'StartForOrgs',
    async execute(ctx: CommandContext) {
      const def = await latestDefinitionFor(ctx.tx, req.key, req.tenantId);
      const out: StartedInstance[] = [];
      for (const s of req.starts) {
        const state = await new StartInstanceCommand({
          definitionId: def.id, businessKey: s.businessKey, variables: toVariableMap(s.variables), transient: [],
          orgId: s.orgId, auth: req.actor, initiator: req.actor?.username,
        }).execute(ctx);
        out.push({ orgId: s.orgId, processInstanceId: state.processInstanceId, businessKey: state.businessKey ?? null, definitionId: def.id, ended: state.ended });
      }
      await req.inTransaction?.(ctx.tx, out);
      return out;
    },
  };
  return engineOf(deps).executor.execute(cmd);
}
