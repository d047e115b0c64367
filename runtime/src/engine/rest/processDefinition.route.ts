import type Router from '@koa/router';
import type { Context } from 'koa';
import { StartInstanceCommand } from '../commands/StartInstanceCommand';
import { notFound } from '../core/EngineRestError';
import { readWireVariables } from '../core/wireVariables';
import { findLatestDefinition } from '../persistence/findDefinition';
import type { DefinitionRow } from '../persistence/rows';
import type { EngineRestEnv } from './EngineRestEnv';
import { definitionDto, instanceDto } from './dtos';
import { callerOf, pagingSql, q, readBody, requireAnyPermission, tenantSql, tenantsOf, tenantVisible } from './restHelpers';

/** `/process-definition/**`: list, get (by id or latest by key), XML, and start. */
export function processDefinitionRoutes(router: Router, env: EngineRestEnv): void {
  const { db } = env.deps;

  const byKey = async (ctx: Context): Promise<DefinitionRow> => {
    const auth = callerOf(ctx);
    return db.transaction((tx) => findLatestDefinition(tx, ctx.params.key!, tenantsOf(auth), ctx.params.tenantId));
  };
  const byId = async (ctx: Context): Promise<DefinitionRow> => {
    const [row] = await db.query<DefinitionRow>(`SELECT * FROM process_definition WHERE id = ?`, [ctx.params.id]);
    if (!row || !tenantVisible(callerOf(ctx), row.tenant_id)) {
      throw notFound('process_definition.not_found', `No matching definition with id ${ctx.params.id}`);
    }
    return row;
  };
  const xml = async (ctx: Context, def: DefinitionRow) => {
    const [res] = await db.query<{ content: string }>(`SELECT content FROM deployment_resource WHERE deployment_id = ? AND name = ?`, [
      def.deployment_id,
      def.resource_name,
    ]);
    ctx.body = { id: def.id, bpmn20Xml: res?.content ?? null };
  };
  const start = async (ctx: Context, def: DefinitionRow) => {
    requireAnyPermission(callerOf(ctx), 'engine.operate', 'task.work');
    const body = await readBody(ctx);
    const vars = readWireVariables(body.variables);
    const state = await env.executor.execute(
      new StartInstanceCommand({
        definitionId: def.id,
        businessKey: typeof body.businessKey === 'string' ? body.businessKey : undefined,
        variables: vars.variables,
        transient: vars.transient,
        initiator: callerOf(ctx).username,
      }),
    );
    ctx.body = instanceDto(
      { id: state.processInstanceId, definition_id: def.id, definition_key: def.def_key, business_key: state.businessKey ?? null, tenant_id: def.tenant_id },
      state,
      body.withVariablesInReturn === true,
    );
  };

  const list = (ctx: Context) => {
    const t = tenantSql(callerOf(ctx), 'd.tenant_id');
    const where = [t.sql];
    const params: unknown[] = [...t.params];
    const eq = (param: string, column: string) => {
      const v = q.str(ctx, param);
      if (v !== undefined) {
        where.push(`${column} = ?`);
        params.push(v);
      }
    };
    eq('key', 'd.def_key');
    eq('deploymentId', 'd.deployment_id');
    eq('versionTag', 'd.version_tag');
    eq('processDefinitionId', 'd.id');
    if (q.bool(ctx, 'latestVersion')) {
      where.push('d.version = (SELECT MAX(d2.version) FROM process_definition d2 WHERE d2.def_key = d.def_key AND COALESCE(d2.tenant_id, \'\') = COALESCE(d.tenant_id, \'\'))');
    }
    const tenantIdIn = q.list(ctx, 'tenantIdIn');
    if (tenantIdIn) {
      where.push(tenantIdIn.length ? `d.tenant_id IN (${tenantIdIn.map(() => '?').join(',')})` : '1=0');
      params.push(...tenantIdIn);
    }
    if (q.bool(ctx, 'withoutTenantId')) where.push('d.tenant_id IS NULL');
    return { where: where.join(' AND '), params };
  };

  router.get('/process-definition', async (ctx) => {
    const { where, params } = list(ctx);
    const rows = await db.query<DefinitionRow>(
      `SELECT d.* FROM process_definition d WHERE ${where} ORDER BY d.def_key, d.version, d.id${pagingSql(q.int(ctx, 'firstResult'), q.int(ctx, 'maxResults'))}`,
      params,
    );
    ctx.body = rows.map(definitionDto);
  });
  router.get('/process-definition/count', async (ctx) => {
    const { where, params } = list(ctx);
    const [row] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM process_definition d WHERE ${where}`, params);
    ctx.body = { count: Number(row?.n ?? 0) };
  });
  router.get('/process-definition/key/:key', async (ctx) => {
    ctx.body = definitionDto(await byKey(ctx));
  });
  router.get('/process-definition/key/:key/tenant-id/:tenantId', async (ctx) => {
    ctx.body = definitionDto(await byKey(ctx));
  });
  router.get('/process-definition/key/:key/xml', async (ctx) => xml(ctx, await byKey(ctx)));
  router.get('/process-definition/key/:key/tenant-id/:tenantId/xml', async (ctx) => xml(ctx, await byKey(ctx)));
  router.post('/process-definition/key/:key/start', async (ctx) => start(ctx, await byKey(ctx)));
  router.post('/process-definition/key/:key/tenant-id/:tenantId/start', async (ctx) => start(ctx, await byKey(ctx)));
  router.get('/process-definition/:id', async (ctx) => {
    ctx.body = definitionDto(await byId(ctx));
  });
  router.get('/process-definition/:id/xml', async (ctx) => xml(ctx, await byId(ctx)));
  router.post('/process-definition/:id/start', async (ctx) => start(ctx, await byId(ctx)));
}
