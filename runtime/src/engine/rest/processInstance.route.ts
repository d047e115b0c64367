import type Router from '@koa/router';
import type { Context } from 'koa';
import type { InstanceState, TypedValue } from '@safeflow/engine/bpmn';
import { DeleteInstanceCommand } from '../commands/DeleteInstanceCommand';
import { ModifyVariablesCommand } from '../commands/ModifyVariablesCommand';
import { SuspendInstanceCommand } from '../commands/SuspendInstanceCommand';
import { invalidRequest, notFound } from '../core/EngineRestError';
import { readWireVariable, readWireVariables, toWireVariable, toWireVariables } from '../core/wireVariables';
import type { InstanceRow } from '../persistence/rows';
import { visibleVariables } from '../persistence/visibleVariables';
import type { EngineRestEnv } from './EngineRestEnv';
import { instanceDto } from './dtos';
import { callerOf, noContent, pagingSql, q, readBody, requireAnyPermission, tenantSql, tenantVisible } from './restHelpers';

/** `/process-instance/**` and `/execution/{id}/localVariables/{name}/data`. */
export function processInstanceRoutes(router: Router, env: EngineRestEnv): void {
  const { db } = env.deps;

  const load = async (ctx: Context, id: string): Promise<InstanceRow> => {
    const [row] = await db.query<InstanceRow>(`SELECT * FROM process_instance WHERE id = ?`, [id]);
    if (!row || !tenantVisible(callerOf(ctx), row.tenant_id)) {
      throw notFound('process_instance.not_found', `Process instance with id ${id} does not exist`);
    }
    return row;
  };
  const stateOf = (row: InstanceRow) => JSON.parse(row.state) as InstanceState;

  const filter = (ctx: Context, body: Record<string, unknown> = {}) => {
    const get = (n: string) => (body[n] !== undefined ? String(body[n]) : q.str(ctx, n));
    const t = tenantSql(callerOf(ctx), 'p.tenant_id');
    const where = [t.sql];
    const params: unknown[] = [...t.params];
    const eq = (param: string, column: string) => {
      const v = get(param);
      if (v !== undefined) {
        where.push(`${column} = ?`);
        params.push(v);
      }
    };
    eq('businessKey', 'p.business_key');
    eq('processDefinitionId', 'p.definition_id');
    eq('processDefinitionKey', 'p.definition_key');
    eq('superProcessInstance', 'p.super_instance_id');
    const ids = q.list(ctx, 'processInstanceIds') ?? body.processInstanceIds;
    if (Array.isArray(ids)) {
      where.push(ids.length ? `p.id IN (${ids.map(() => '?').join(',')})` : '1=0');
      params.push(...ids);
    }
    if ((body.suspended ?? q.bool(ctx, 'suspended')) === true) where.push('p.suspended = 1');
    if ((body.active ?? q.bool(ctx, 'active')) === true) where.push('p.suspended = 0');
    return { where: where.join(' AND '), params };
  };

  const list = async (ctx: Context, body?: Record<string, unknown>) => {
    const { where, params } = filter(ctx, body);
    const rows = await db.query<InstanceRow>(
      `SELECT p.id, p.definition_id, p.definition_key, p.business_key, p.tenant_id, p.suspended, p.ended FROM process_instance p WHERE ${where}
        ORDER BY p.start_time, p.id${pagingSql(q.int(ctx, 'firstResult'), q.int(ctx, 'maxResults'))}`,
      params,
    );
    ctx.body = rows.map((r) => instanceDto(r));
  };
  const count = async (ctx: Context, body?: Record<string, unknown>) => {
    const { where, params } = filter(ctx, body);
    const [row] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM process_instance p WHERE ${where}`, params);
    ctx.body = { count: Number(row?.n ?? 0) };
  };
  router.get('/process-instance', (ctx) => list(ctx));
  router.post('/process-instance', async (ctx) => list(ctx, await readBody(ctx)));
  router.get('/process-instance/count', (ctx) => count(ctx));
  router.post('/process-instance/count', async (ctx) => count(ctx, await readBody(ctx)));

  router.get('/process-instance/:id', async (ctx) => {
    ctx.body = instanceDto(await load(ctx, ctx.params.id!));
  });

  router.delete('/process-instance/:id', async (ctx) => {
    requireAnyPermission(callerOf(ctx), 'engine.operate');
    await load(ctx, ctx.params.id!);
    await env.executor.execute(new DeleteInstanceCommand(ctx.params.id!, q.str(ctx, 'deleteReason') ?? 'deleted'));
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
    const mods = readWireVariables(body.modifications, 'modifications');
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
    const tv = readWireVariable(ctx.params.name!, body);
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

function sendData(ctx: Context, v: TypedValue): void {
  if (v.type !== 'File' && v.type !== 'Bytes') {
    throw invalidRequest('variable.not_binary', `Value of variable is not a binary value (type ${v.type})`);
  }
  const info = v.valueInfo ?? {};
  const data = Buffer.from(String(v.value ?? ''), 'base64');
  ctx.type = v.type === 'File' ? String(info.mimetype ?? 'application/octet-stream') : 'application/octet-stream';
  if (v.type === 'File' && info.filename) ctx.set('Content-Disposition', `attachment; filename="${String(info.filename).replace(/["\\\r\n]/g, '_')}"`);
  ctx.body = data;
}
