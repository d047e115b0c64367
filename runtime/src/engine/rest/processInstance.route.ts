import type Router from '@koa/router';
import type { Context } from 'koa';
import type { InstanceState, TypedValue } from '@safeflow/engine/bpmn';
import { DeleteInstanceCommand } from '../commands/DeleteInstanceCommand';
import { ModifyVariablesCommand } from '../commands/ModifyVariablesCommand';
import { SuspendInstanceCommand } from '../commands/SuspendInstanceCommand';
import { invalidRequest, notFound } from '../core/EngineRestError';
import { readWrapped } from '../core/restLayerVariables';
import { readWireVariable, readWireVariables, toWireVariable, toWireVariables } from '../core/wireVariables';
import type { InstanceRow } from '../persistence/rows';
import { visibleVariables } from '../persistence/visibleVariables';
import type { EngineRestEnv } from './EngineRestEnv';
import { instanceDto } from './dtos';
import { filter, listRoutes, type QuerySpec } from './camundaQuery';
import { callerOf, noContent, orgVisible, q, readBody, requireAnyPermission, tenantVisible } from './restHelpers';

const openIncident = (where: string) => `EXISTS (SELECT 1 FROM incident i WHERE i.process_instance_id = p.id AND i.resolved_at IS NULL AND ${where})`;

/** `GET|POST /process-instance` and `/count`: Camunda's ProcessInstanceQueryDto parameters and sortBy values. */
export const PROCESS_INSTANCE_QUERY: QuerySpec = {
  from: 'process_instance p',
  columns: 'p.id, p.definition_id, p.definition_key, p.business_key, p.tenant_id, p.suspended, p.ended',
  tenantColumn: 'p.tenant_id',
  orgColumn: 'p.org_path',
  filters: {
    processInstanceIds: filter.in('p.id'),
    businessKey: filter.eq('p.business_key'),
    businessKeyLike: filter.like('p.business_key'),
    processDefinitionId: filter.eq('p.definition_id'),
    processDefinitionKey: filter.eq('p.definition_key'),
    processDefinitionKeyIn: filter.in('p.definition_key'),
    processDefinitionKeyNotIn: filter.customList((keys) => ({ sql: `p.definition_key NOT IN (${keys.map(() => '?').join(',')})`, params: keys })),
    deploymentId: filter.custom((v) => ({ sql: 'p.definition_id IN (SELECT d.id FROM process_definition d WHERE d.deployment_id = ?)', params: [v] })),
    superProcessInstance: filter.eq('p.super_instance_id'),
    subProcessInstance: filter.custom((v) => ({ sql: 'p.id IN (SELECT s.super_instance_id FROM process_instance s WHERE s.id = ?)', params: [v] })),
    rootProcessInstances: filter.flag('p.super_instance_id IS NULL'),
    leafProcessInstances: filter.flag('NOT EXISTS (SELECT 1 FROM process_instance c WHERE c.super_instance_id = p.id)'),
    active: filter.flag('p.suspended = 0'),
    suspended: filter.flag('p.suspended = 1'),
    withIncident: filter.flag(openIncident('1=1')),
    incidentId: filter.custom((v) => ({ sql: openIncident('i.id = ?'), params: [v] })),
    incidentType: filter.custom((v) => ({ sql: openIncident('i.type = ?'), params: [v] })),
    incidentMessage: filter.custom((v) => ({ sql: openIncident('i.message = ?'), params: [v] })),
    incidentMessageLike: filter.custom((v) => ({ sql: openIncident('i.message LIKE ?'), params: [v] })),
    tenantIdIn: filter.in('p.tenant_id'),
    withoutTenantId: filter.flag('p.tenant_id IS NULL'),
    processDefinitionWithoutTenantId: filter.flag('p.tenant_id IS NULL'),
    // instances with a running (unfinished) activity instance of one of the ids; sub-process scopes are not leaves
    activityIdIn: filter.customList((ids) => ({
      sql: `p.id IN (SELECT a.process_instance_id FROM hist_activity_instance a WHERE a.end_time IS NULL AND a.activity_type <> 'subProcess' AND a.activity_id IN (${ids.map(() => '?').join(',')}))`,
      params: ids,
    })),
    variables: filter.variables('p.state'),
  },
  sorts: { instanceId: 'p.id', definitionKey: 'p.definition_key', definitionId: 'p.definition_id', tenantId: 'p.tenant_id', businessKey: 'p.business_key' },
  order: ['p.start_time', 'p.id'],
};

/** `/process-instance/**` and `/execution/{id}/localVariables/{name}/data`. */
export function processInstanceRoutes(router: Router, env: EngineRestEnv): void {
  const { db } = env.deps;

  const load = async (ctx: Context, id: string): Promise<InstanceRow> => {
    const [row] = await db.query<InstanceRow>(`SELECT * FROM process_instance WHERE id = ?`, [id]);
    if (!row || !tenantVisible(callerOf(ctx), row.tenant_id) || !orgVisible(callerOf(ctx), row.org_path, row.tenant_id)) {
      throw notFound('process_instance.not_found', `Process instance with id ${id} does not exist`);
    }
    return row;
  };
  const stateOf = (row: InstanceRow) => JSON.parse(row.state) as InstanceState;

  listRoutes<InstanceRow>(router, env.deps, { path: '/process-instance', spec: PROCESS_INSTANCE_QUERY, dto: (r) => instanceDto(r), post: true });

  router.get('/process-instance/:id', async (ctx) => {
    ctx.body = instanceDto(await load(ctx, ctx.params.id!));
  });

  router.delete('/process-instance/:id', async (ctx) => {
    const auth = callerOf(ctx);
    requireAnyPermission(auth, 'engine.operate');
    await load(ctx, ctx.params.id!);
    await env.executor.execute(new DeleteInstanceCommand(ctx.params.id!, q.str(ctx, 'deleteReason') ?? 'deleted', { actorId: auth.userId, actorName: auth.username }));
    noContent(ctx);
  });

  router.put('/process-instance/:id/suspended', async (ctx) => {
    requireAnyPermission(callerOf(ctx), 'engine.operate');
    const body = await readBody(ctx);
    if (typeof body.suspended !== 'boolean') throw invalidRequest('process_instance.invalid_suspended', "'suspended' must be true or false");
    await load(ctx, ctx.params.id!);
    await env.executor.execute(new SuspendInstanceCommand(ctx.params.id!, body.suspended));
    noContent(ctx);
  });

  router.get('/process-instance/:id/variables', async (ctx) => {
    const row = await load(ctx, ctx.params.id!);
    ctx.body = toWireVariables(stateOf(row).variables);
  });

  router.post('/process-instance/:id/variables', async (ctx) => {
    requireAnyPermission(callerOf(ctx), 'engine.operate', 'task.work');
    const body = await readBody(ctx);
    await load(ctx, ctx.params.id!);
    const mods = readWrapped('Cannot modify variables for process instance', () => readWireVariables(body.modifications, 'modifications'));
    const deletions = body.deletions ?? [];
    if (!Array.isArray(deletions) || deletions.some((d) => typeof d !== 'string')) {
      throw invalidRequest('engine.invalid_body', "'deletions' must be an array of names");
    }
    await env.executor.execute(new ModifyVariablesCommand(ctx.params.id!, mods.variables, deletions));
    noContent(ctx);
  });

  const oneVariable = async (ctx: Context): Promise<TypedValue> => {
    const row = await load(ctx, ctx.params.id!);
    const v = stateOf(row).variables[ctx.params.name!];
    if (!v) throw notFound('variable.not_found', `process instance variable with name ${ctx.params.name} does not exist`);
    return v;
  };
  router.get('/process-instance/:id/variables/:name', async (ctx) => {
    ctx.body = toWireVariable(await oneVariable(ctx));
  });
  router.get('/process-instance/:id/variables/:name/data', async (ctx) => sendData(ctx, await oneVariable(ctx)));
  router.put('/process-instance/:id/variables/:name', async (ctx) => {
    requireAnyPermission(callerOf(ctx), 'engine.operate', 'task.work');
    const body = await readBody(ctx);
    await load(ctx, ctx.params.id!);
    const tv = readWrapped(`Cannot put process instance variable ${ctx.params.name}`, () => readWireVariable(ctx.params.name!, body));
    await env.executor.execute(new ModifyVariablesCommand(ctx.params.id!, { [ctx.params.name!]: tv }, []));
    noContent(ctx);
  });
  router.delete('/process-instance/:id/variables/:name', async (ctx) => {
    requireAnyPermission(callerOf(ctx), 'engine.operate', 'task.work');
    await load(ctx, ctx.params.id!);
    await env.executor.execute(new ModifyVariablesCommand(ctx.params.id!, {}, [ctx.params.name!]));
    noContent(ctx);
  });

  /** The JS client downloads File variables from here, passing the process instance id as execution id. */
  router.get('/execution/:id/localVariables/:name/data', async (ctx) => {
    const id = ctx.params.id!;
    const auth = callerOf(ctx);
    const [owner] = await db.query<{ process_instance_id: string; topic_name?: string }>(
      `SELECT process_instance_id, topic_name FROM external_task WHERE execution_id = ?`,
      [id],
    );
    const row = await load(ctx, owner?.process_instance_id ?? id);
    if (auth.kind === 'worker') {
      const topics = await db.query<{ topic_name: string }>(`SELECT topic_name FROM external_task WHERE process_instance_id = ?`, [row.id]);
      if (!topics.some((t) => auth.topics?.includes(t.topic_name))) throw notFound('execution.not_found', `Execution ${id} does not exist`);
    }
    const state = stateOf(row);
    const v = visibleVariables(state, state.executions.some((e) => e.id === id) ? id : undefined)[ctx.params.name!];
    if (!v) throw notFound('variable.not_found', `execution variable with name ${ctx.params.name} does not exist`);
    sendData(ctx, v);
  });
}

/** Answers a File/Bytes variable's content (Camunda's `/data` endpoints); 400 for other types. */
export function sendData(ctx: Context, v: TypedValue): void {
  if (v.type !== 'File' && v.type !== 'Bytes') {
    throw invalidRequest('variable.not_binary', `Value of variable is not a binary value (type ${v.type})`);
  }
  const info = v.valueInfo ?? {};
  const data = Buffer.from(String(v.value ?? ''), 'base64');
  ctx.type = v.type === 'File' ? String(info.mimetype ?? 'application/octet-stream') : 'application/octet-stream';
  if (v.type === 'File' && info.filename) ctx.set('Content-Disposition', `attachment; filename="${String(info.filename).replace(/["\\\r\n]/g, '_')}"`);
  ctx.body = data;
}
