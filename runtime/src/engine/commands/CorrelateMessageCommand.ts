import { fromTypedValue, type InstanceState, type VariableMap } from '@safeflow/engine/bpmn';
import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { badRequest } from '../core/EngineRestError';
import type { AuthContext } from '../../http/AuthContext';
import { advanceInstance, loadInstance, startInstance } from '../persistence/ProcessRunner';
import { defaultStartOrgPath } from '../persistence/startOrg';
import { scopeTest } from './SignalCommand';

/** Input of {@link CorrelateMessageCommand}. */
export interface CorrelateInput {
  messageName: string;
  businessKey?: string;
  processInstanceId?: string;
  /** Process variables that must equal these values. */
  correlationKeys: VariableMap;
  processVariables: VariableMap;
  all: boolean;
  /** The caller's tenants (undefined = all). */
  tenantScope?: string[];
  /** The sender: a person correlates with instances in their data scope only; started instances get their default start org. */
  auth?: AuthContext;
}

/** One correlation result (Camunda's MessageCorrelationResultDto). */
export interface CorrelationResult {
  resultType: 'Execution' | 'ProcessDefinition';
  processInstanceId: string;
  executionId?: string;
  definitionId: string;
  state: InstanceState;
}

interface Sub {
  id: string;
  execution_id: string | null;
  process_instance_id: string | null;
  definition_id: string | null;
  tenant_id: string | null;
}

/**
 * `POST /message`: delivers a message to the waiting executions it matches
 * (subscription name, business key, instance id, correlation keys equal to
 * process variables) or starts an instance at a message start event. Exactly
 * one match is required unless `all`; none is 400 "Cannot correlate message".
 */
export class CorrelateMessageCommand implements Command<CorrelationResult[]> {
  readonly name = 'CorrelateMessage';
  constructor(private readonly input: CorrelateInput) {}

  async execute(ctx: CommandContext): Promise<CorrelationResult[]> {
    const { tx } = ctx;
    const input = this.input;
    const subs = await tx.query<Sub>(`SELECT * FROM event_subscription WHERE kind = 'message' AND event_name = ? ORDER BY created, id`, [input.messageName]);
    const visible = subs.filter((s) => !input.tenantScope || s.tenant_id === null || input.tenantScope.includes(s.tenant_id));
    const executions: Array<{ sub: Sub; state: InstanceState }> = [];
    const reaches = scopeTest(input.auth);
    for (const s of visible.filter((x) => x.execution_id)) {
      if (input.processInstanceId && s.process_instance_id !== input.processInstanceId) continue;
      const [row] = await tx.query<{ state: string; business_key: string | null; org_path: string | null }>(`SELECT state, business_key, org_path FROM process_instance WHERE id = ?`, [s.process_instance_id]);
      if (!row || (reaches && !reaches(row.org_path))) continue;
      const state = JSON.parse(row.state) as InstanceState;
      if (input.businessKey !== undefined && (state.businessKey ?? row.business_key) !== input.businessKey) continue;
      if (!keysMatch(state, input.correlationKeys)) continue;
      executions.push({ sub: s, state });
    }
    // message start events (one subscription per definition: a new version replaces the old one at deploy)
    const starts: Sub[] = [];
    for (const s of input.processInstanceId || Object.keys(input.correlationKeys).length ? [] : visible.filter((x) => !x.execution_id)) {
      // like Camunda, suspended definitions do not take messages; read fresh (another node may have changed it) and tell the cache
      const [d] = await tx.query<{ suspended: number }>(`SELECT suspended FROM process_definition WHERE id = ?`, [s.definition_id]);
      if (!d) continue;
      ctx.services.definitions.setSuspended(s.definition_id!, Number(d.suspended) === 1);
      if (Number(d.suspended) !== 1) starts.push(s);
    }
    const total = executions.length + starts.length;
    const cannot = (why: string) => badRequest('message.not_correlated', `Cannot correlate message '${input.messageName}': ${why}`);
    if (total === 0) throw cannot('No process definition or execution matches the parameters');
    if (!input.all && total > 1) throw cannot(`${total} executions match the correlation keys`);

    const results: CorrelationResult[] = [];
    const seen = new Set<string>();
    for (const { sub } of executions) {
      const inst = await loadInstance(ctx, sub.process_instance_id!);
      if (!inst) continue;
      if (seen.has(sub.execution_id!)) continue;
      seen.add(sub.execution_id!);
      await ctx.tx.execute(`DELETE FROM event_subscription WHERE id = ?`, [sub.id]);
      const r = await advanceInstance(ctx, inst, (ex, state, exec) => ex.deliverEvent(state, sub.execution_id!, input.processVariables, exec));
      results.push({ resultType: 'Execution', processInstanceId: inst.row.id, executionId: sub.execution_id!, definitionId: inst.row.definition_id, state: r.state });
    }
    for (const sub of starts) {
      const def = await ctx.services.definitions.get(tx, sub.definition_id!);
      const [act] = await tx.query<{ activity_id: string }>(`SELECT activity_id FROM event_subscription WHERE id = ?`, [sub.id]);
      const orgPath = defaultStartOrgPath(input.auth, def.row.tenant_id);
      const state = await startInstance(ctx, def, { businessKey: input.businessKey, variables: input.processVariables, startActivityId: act?.activity_id, orgPath });
      results.push({ resultType: 'ProcessDefinition', processInstanceId: state.processInstanceId, definitionId: def.row.id, state });
    }
    return results;
  }
}

function keysMatch(state: InstanceState, keys: VariableMap): boolean {
  return Object.entries(keys).every(([name, tv]) => {
    const actual = state.variables[name];
    if (!actual) return false;
    const norm = (v: unknown) => JSON.stringify(v instanceof Date ? v.toISOString() : v);
    return norm(fromTypedValue(actual)) === norm(fromTypedValue(tv));
  });
}
