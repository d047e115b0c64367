import type Router from '@koa/router';
import type { Context } from 'koa';
import type { InstanceState, TypedValue } from '@safeflow/engine/bpmn';
import { invalidRequest, notFound } from '../core/EngineRestError';
import { toWireVariable } from '../core/wireVariables';
import type { EngineRestEnv } from './EngineRestEnv';
import { bodySource, querySource, type QuerySource, type VariableCondition } from './camundaQuery';
import { sendData } from './processInstance.route';
import { callerOf, orgSql, orgVisible, q, readBody, requireAnyPermission, tenantSql, tenantVisible } from './restHelpers';

/** One runtime variable of an instance: process-level (`executionId` = instance id) or local to an execution. */
interface RuntimeVariable {
  id: string;
  name: string;
  value: TypedValue;
  processInstanceId: string;
  processDefinitionId: string;
  executionId: string;
  activityInstanceId: string;
  tenantId: string | null;
}

/** Camunda's `sortBy` values of `/variable-instance`. */
const SORTS: Record<string, (v: Omit<RuntimeVariable, 'id'>) => string> = {
  variableName: (v) => v.name,
  variableType: (v) => v.value.type,
  activityInstanceId: (v) => v.activityInstanceId,
  tenantId: (v) => v.tenantId ?? '',
};

const NUMERIC = new Set(['Integer', 'Long', 'Short', 'Double']);

/** Camunda's `...Like` pattern (`%`, `_`) as a RegExp. */
function likePattern(pattern: string): RegExp {
  const body = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${body}$`, 's');
}

/** The same typed comparison as `typedValueCondition` (SQL), for variables read from instance state. */
function matches(tv: TypedValue, c: VariableCondition): boolean {
  const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);
  const test = (r: number) =>
    ({ eq: r === 0, neq: r !== 0, gt: r > 0, gteq: r >= 0, lt: r < 0, lteq: r <= 0, like: false })[c.operator];
  if (typeof c.value === 'number') return NUMERIC.has(tv.type) && c.operator !== 'like' && test(cmp(Number(tv.value), c.value));
  if (typeof c.value === 'boolean') return tv.type === 'Boolean' && (c.operator === 'eq' ? tv.value === c.value : c.operator === 'neq' && tv.value !== c.value);
  if (c.value === null || c.value === undefined) return c.operator === 'eq' ? tv.type === 'Null' : c.operator === 'neq' && tv.type !== 'Null';
  if (tv.type !== 'String') return false;
  const s = String(tv.value);
  return c.operator === 'like' ? likePattern(String(c.value)).test(s) : test(cmp(s, String(c.value)));
}

/** The variables of one instance state, process-level first, then execution locals. */
function variablesOf(state: InstanceState, tenantId: string | null): Omit<RuntimeVariable, 'id'>[] {
  const base = { processInstanceId: state.processInstanceId, processDefinitionId: state.processDefinitionId, tenantId };
  const out: Omit<RuntimeVariable, 'id'>[] = Object.entries(state.variables).map(([name, value]) => ({
    ...base,
    name,
    value,
    executionId: state.processInstanceId,
    activityInstanceId: state.processInstanceId,
  }));
  for (const e of state.executions) {
    for (const [name, value] of Object.entries(e.variables ?? {})) {
      out.push({ ...base, name, value, executionId: e.id, activityInstanceId: e.activityInstanceId ?? e.id });
    }
  }
  return out;
}

/** Camunda's VariableInstanceDto (File/Bytes values are not inlined: `/variable-instance/{id}/data`). */
function variableInstanceDto(v: RuntimeVariable) {
  const wire = toWireVariable(v.value);
  return {
    id: v.id,
    name: v.name,
    type: wire.type,
    value: wire.value,
    valueInfo: wire.valueInfo,
    processDefinitionId: v.processDefinitionId,
    processInstanceId: v.processInstanceId,
    executionId: v.executionId,
    caseInstanceId: null,
    caseExecutionId: null,
    taskId: null,
    batchId: null,
    activityInstanceId: v.activityInstanceId,
    errorMessage: null,
    tenantId: v.tenantId,
  };
}

/**
 * `GET|POST /variable-instance` (+ `/count`), `GET /variable-instance/{id}` and
 * `/{id}/data`: the runtime variables of running instances, read from their
 * state. Variable ids are those of `/history/variable-instance` (one id per
 * variable of an execution, as in Camunda). Instances are narrowed in SQL
 * (tenant scope, `processInstanceIdIn`, `tenantIdIn`); names, values,
 * executions and sorting apply to the variables of those instances.
 */
export function variableInstanceRoutes(router: Router, env: EngineRestEnv): void {
  const { db } = env.deps;

  const find = async (ctx: Context, src: QuerySource): Promise<RuntimeVariable[]> => {
    const auth = callerOf(ctx);
    requireAnyPermission(auth, 'engine.operate');
    const t = tenantSql(auth, 'p.tenant_id');
    const o = orgSql(auth, 'p.org_path', 'p.tenant_id', db.dialect);
    const where = [t.sql, ...(o ? [o.sql] : [])];
    const params: unknown[] = [...t.params, ...(o?.params ?? [])];
    const instanceIds = src.read('processInstanceIdIn', 'list');
    if (instanceIds) {
      where.push(`p.id IN (${instanceIds.map(() => '?').join(',')})`);
      params.push(...instanceIds);
    }
    const tenantIds = src.read('tenantIdIn', 'list');
    if (tenantIds) {
      where.push(`p.tenant_id IN (${tenantIds.map(() => '?').join(',')})`);
      params.push(...tenantIds);
    }
    const taskIds = src.read('taskIdIn', 'list');
    const name = src.read('variableName', 'string');
    const nameLike = src.read('variableNameLike', 'string');
    const values = src.read('variableValues', 'variables');
    const executionIds = src.read('executionIdIn', 'list');
    const activityInstanceIds = src.read('activityInstanceIdIn', 'list');
    src.read('deserializeValues', 'bool');
    const order = src.sorting().map(({ sortBy, sortOrder }) => {
      const key = Object.hasOwn(SORTS, sortBy) ? SORTS[sortBy] : undefined;
      if (!key) throw invalidRequest('engine.invalid_query', `Cannot set query parameter 'sortBy' to value '${sortBy}'`);
      if (sortOrder !== 'asc' && sortOrder !== 'desc') throw invalidRequest('engine.invalid_query', `Cannot set query parameter 'sortOrder' to value '${sortOrder}'`);
      return { key, dir: sortOrder === 'desc' ? -1 : 1 };
    });
    if (taskIds) return []; // variables of user tasks are not task-scoped in SafeFlow (no task-local variables)

    const rows = await db.query<{ id: string; tenant_id: string | null; state: string }>(
      `SELECT p.id, p.tenant_id, p.state FROM process_instance p WHERE ${where.map((w) => `(${w})`).join(' AND ')} ORDER BY p.start_time, p.id`,
      params,
    );
    const like = nameLike === undefined ? undefined : likePattern(nameLike);
    const found = rows
      .flatMap((r) => variablesOf(JSON.parse(r.state) as InstanceState, r.tenant_id))
      .filter(
        (v) =>
          (name === undefined || v.name === name) &&
          (!like || like.test(v.name)) &&
          (!executionIds || executionIds.includes(v.executionId)) &&
          (!activityInstanceIds || activityInstanceIds.includes(v.activityInstanceId)) &&
          // like Camunda's query: every condition applies to the variable itself (its name and its value)
          (!values || values.every((c) => c.name === v.name && matches(v.value, c))),
      );
    const sorted = order.length
      ? found.map((v, i) => ({ v, i })).sort((a, b) => {
          for (const o of order) {
            const x = o.key(a.v);
            const y = o.key(b.v);
            if (x !== y) return (x < y ? -1 : 1) * o.dir;
          }
          return a.i - b.i;
        }).map((x) => x.v)
      : found;
    const ids = await variableIds(sorted.map((v) => v.processInstanceId));
    return sorted.map((v) => ({ ...v, id: ids.get(`${v.processInstanceId}|${v.executionId}|${v.name}`) ?? `${v.executionId}:${v.name}` }));
  };

  /** Ids of the live variables of `instanceIds`, keyed `instance|execution|name` (from history, where Camunda keeps the same ids). */
  const variableIds = async (instanceIds: string[]): Promise<Map<string, string>> => {
    const unique = [...new Set(instanceIds)];
    const out = new Map<string, string>();
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      const rows = await db.query<{ id: string; process_instance_id: string; execution_id: string | null; name: string }>(
        `SELECT id, process_instance_id, execution_id, name FROM hist_variable WHERE state <> 'DELETED' AND process_instance_id IN (${chunk.map(() => '?').join(',')})`,
        chunk,
      );
      for (const r of rows) out.set(`${r.process_instance_id}|${r.execution_id ?? r.process_instance_id}|${r.name}`, r.id);
    }
    return out;
  };

  const page = (ctx: Context, all: RuntimeVariable[]) => {
    const first = Math.max(0, q.int(ctx, 'firstResult') ?? 0);
    const max = q.int(ctx, 'maxResults');
    return all.slice(first, max === undefined ? undefined : first + Math.max(0, max));
  };
  router.get('/variable-instance', async (ctx) => {
    ctx.body = page(ctx, await find(ctx, querySource(ctx))).map(variableInstanceDto);
  });
  router.post('/variable-instance', async (ctx) => {
    ctx.body = page(ctx, await find(ctx, bodySource(await readBody(ctx)))).map(variableInstanceDto);
  });
  router.get('/variable-instance/count', async (ctx) => {
    ctx.body = { count: (await find(ctx, querySource(ctx))).length };
  });
  router.post('/variable-instance/count', async (ctx) => {
    ctx.body = { count: (await find(ctx, bodySource(await readBody(ctx)))).length };
  });

  const one = async (ctx: Context): Promise<RuntimeVariable> => {
    const auth = callerOf(ctx);
    requireAnyPermission(auth, 'engine.operate');
    const id = ctx.params.id!;
    const missing = () => notFound('variable.not_found', `Variable instance with Id '${id}' does not exist.`);
    const [h] = await db.query<{ process_instance_id: string; execution_id: string | null; name: string }>(
      `SELECT process_instance_id, execution_id, name FROM hist_variable WHERE id = ? AND state <> 'DELETED'`,
      [id],
    );
    const [row] = h
      ? await db.query<{ tenant_id: string | null; org_path: string | null; state: string }>(`SELECT tenant_id, org_path, state FROM process_instance WHERE id = ?`, [h.process_instance_id])
      : [];
    if (!h || !row || !tenantVisible(auth, row.tenant_id) || !orgVisible(auth, row.org_path, row.tenant_id)) throw missing();
    const executionId = h.execution_id ?? h.process_instance_id;
    const v = variablesOf(JSON.parse(row.state) as InstanceState, row.tenant_id).find((x) => x.name === h.name && x.executionId === executionId);
    if (!v) throw missing();
    return { ...v, id };
  };
  router.get('/variable-instance/:id', async (ctx) => {
    ctx.body = variableInstanceDto(await one(ctx));
  });
  router.get('/variable-instance/:id/data', async (ctx) => sendData(ctx, (await one(ctx)).value));
}
