import type Router from '@koa/router';
import type { Context } from 'koa';
import { StartInstanceCommand } from '../commands/StartInstanceCommand';
import { SuspendDefinitionCommand } from '../commands/SuspendDefinitionCommand';
import { EngineRestError, invalidRequest, notFound } from '../core/EngineRestError';
import { readWireVariables } from '../core/wireVariables';
import { findLatestDefinition } from '../persistence/findDefinition';
import type { DefinitionRow } from '../persistence/rows';
import type { EngineRestEnv } from './EngineRestEnv';
import { instantiationFailed } from './instantiationFailed';
import { definitionDto, instanceDto } from './dtos';
import { filter, listRoutes, type QuerySpec } from './camundaQuery';
import { callerOf, noContent, readBody, requireAnyPermission, tenantSql, tenantsOf, tenantVisible } from './restHelpers';

const openIncident = (where: string) => `EXISTS (SELECT 1 FROM incident i WHERE i.process_definition_id = d.id AND i.resolved_at IS NULL AND ${where})`;

/** `GET /process-definition` and `/count`: Camunda's ProcessDefinitionQueryDto parameters and sortBy values. */
export const PROCESS_DEFINITION_QUERY: QuerySpec = {
  from: 'process_definition d',
  tenantColumn: 'd.tenant_id',
  filters: {
    processDefinitionId: filter.eq('d.id'),
    processDefinitionIdIn: filter.in('d.id'),
    name: filter.eq('d.name'),
    nameLike: filter.like('d.name'),
    deploymentId: filter.eq('d.deployment_id'),
    deployedAfter: filter.date('d.created_at', '>'),
    deployedAt: filter.date('d.created_at', '='),
    key: filter.eq('d.def_key'),
    keysIn: filter.in('d.def_key'),
    keyLike: filter.like('d.def_key'),
    version: filter.intEq('d.version'),
    latestVersion: filter.flag(
      "d.version = (SELECT MAX(d2.version) FROM process_definition d2 WHERE d2.def_key = d.def_key AND COALESCE(d2.tenant_id, '') = COALESCE(d.tenant_id, ''))",
    ),
    resourceName: filter.eq('d.resource_name'),
    resourceNameLike: filter.like('d.resource_name'),
    active: filter.flag('d.suspended = 0'),
    suspended: filter.flag('d.suspended = 1'),
    incidentId: filter.custom((v) => ({ sql: openIncident('i.id = ?'), params: [v] })),
    incidentType: filter.custom((v) => ({ sql: openIncident('i.type = ?'), params: [v] })),
    incidentMessage: filter.custom((v) => ({ sql: openIncident('i.message = ?'), params: [v] })),
    incidentMessageLike: filter.custom((v) => ({ sql: openIncident('i.message LIKE ?'), params: [v] })),
    withoutTenantId: filter.flag('d.tenant_id IS NULL'),
    versionTag: filter.eq('d.version_tag'),
    versionTagLike: filter.like('d.version_tag'),
    withoutVersionTag: filter.flag('d.version_tag IS NULL'),
  },
  combined: (src) => {
    const tenants = src.read('tenantIdIn', 'list');
    if (!tenants) return [];
    const orNone = src.read('includeProcessDefinitionsWithoutTenantId', 'bool') ? ' OR d.tenant_id IS NULL' : '';
    return [{ sql: `d.tenant_id IN (${tenants.map(() => '?').join(',')})${orNone}`, params: tenants }];
  },
  sorts: {
    category: "'http://bpmn.io/schema/bpmn'",
    key: 'd.def_key',
    id: 'd.id',
    name: 'd.name',
    version: 'd.version',
    deploymentId: 'd.deployment_id',
    deployTime: 'd.created_at',
    tenantId: 'd.tenant_id',
    versionTag: 'd.version_tag',
  },
  order: ['d.def_key', 'd.version', 'd.id'],
};

/** Reads `{ suspended, includeProcessInstances, executionDate }`; a delayed change (executionDate) is refused. */
function readSuspension(body: Record<string, unknown>): { suspended: boolean; includeProcessInstances: boolean } {
  if (typeof body.suspended !== 'boolean') throw invalidRequest('process_definition.invalid_suspended', "'suspended' must be true or false");
  if (body.includeProcessInstances !== undefined && body.includeProcessInstances !== null && typeof body.includeProcessInstances !== 'boolean') {
    throw invalidRequest('process_definition.invalid_suspension', "'includeProcessInstances' must be true or false");
  }
  if (body.executionDate !== undefined && body.executionDate !== null && body.executionDate !== '') {
    throw invalidRequest(
      'process_definition.delayed_suspension_unsupported',
      'SafeFlow does not support a delayed suspension state change: omit executionDate to suspend or activate now',
    );
  }
  return { suspended: body.suspended, includeProcessInstances: body.includeProcessInstances === true };
}

/** Camunda's answer to starting a suspended definition (ENGINE-03043 wrapped by the start resource). */
const suspendedStart = (id: string) =>
  new EngineRestError('process_definition.suspended', 'RestException', `Cannot instantiate process definition ${id}: ENGINE-03043 Process Definition with id '${id}' is suspended.`, {
    status: 500,
  });

/** `/process-definition/**`: list, get (by id or latest by key), XML, and start. */
export function processDefinitionRoutes(router: Router, env: EngineRestEnv): void {
  const { db } = env.deps;

  const byKey = async (ctx: Context): Promise<DefinitionRow> => {
    const auth = callerOf(ctx);
    // one SELECT: no transaction of its own (on MySQL/MariaDB that would be three round trips)
    return findLatestDefinition(db, ctx.params.key!, tenantsOf(auth), ctx.params.tenantId);
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
    let vars: ReturnType<typeof readWireVariables>;
    try {
      vars = readWireVariables(body.variables);
    } catch (err) {
      throw instantiationFailed(def.id, err, true);
    }
    // SafeFlow extension: `orgId` names the org the instance belongs to (assignment downwards); never silently ignored
    if (body.orgId !== undefined && body.orgId !== null && (typeof body.orgId !== 'string' || !body.orgId)) {
      throw invalidRequest('process_instance.invalid_org', "'orgId' must be the id of an org (a non-empty string)");
    }
    const orgId = typeof body.orgId === 'string' ? body.orgId : undefined;
    // `def` was just read from the database: it also corrects this node's cached state if another node changed it
    env.services.definitions.setSuspended(def.id, Number(def.suspended) === 1);
    if (Number(def.suspended) === 1) throw suspendedStart(def.id);
    const state = await env.executor
      .execute(
        new StartInstanceCommand({
          definitionId: def.id,
          businessKey: typeof body.businessKey === 'string' ? body.businessKey : undefined,
          variables: vars.variables,
          transient: vars.transient,
          initiator: callerOf(ctx).username,
          auth: callerOf(ctx),
          orgId,
        }),
      )
      .catch((err: unknown) => {
        // the org checks answer as themselves (404 org.not_found / 400 outside the tenant), not as a failed instantiation
        const code = (err as { code?: string }).code;
        if (code === 'org.not_found' || code === 'process_instance.org_outside_tenant') throw err;
        // suspended between the read above and the command (the command checks the cached definition)
        throw (err as { code?: string }).code === 'process_definition.suspended' ? suspendedStart(def.id) : instantiationFailed(def.id, err);
      });
    ctx.body = instanceDto(
      { id: state.processInstanceId, definition_id: def.id, definition_key: def.def_key, business_key: state.businessKey ?? null, tenant_id: def.tenant_id },
      state,
      body.withVariablesInReturn === true,
    );
  };

  listRoutes<DefinitionRow>(router, env.deps, { path: '/process-definition', spec: PROCESS_DEFINITION_QUERY, dto: definitionDto });

  const suspend = async (ctx: Context, ids: () => Promise<string[]>, body: Record<string, unknown>) => {
    requireAnyPermission(callerOf(ctx), 'engine.operate');
    const s = readSuspension(body);
    await env.executor.execute(new SuspendDefinitionCommand(await ids(), s.suspended, s.includeProcessInstances));
    noContent(ctx);
  };
  router.put('/process-definition/suspended', async (ctx) => {
    const body = await readBody(ctx);
    if (body.processDefinitionId !== undefined && body.processDefinitionId !== null) {
      throw invalidRequest('process_definition.invalid_suspension', 'Only processDefinitionKey can be set to update the suspension state.');
    }
    if (typeof body.processDefinitionKey !== 'string' || !body.processDefinitionKey) {
      throw invalidRequest('process_definition.invalid_suspension', 'Either processDefinitionId or processDefinitionKey should be set to update the suspension state.');
    }
    const key = body.processDefinitionKey;
    await suspend(ctx, async () => {
      const t = tenantSql(callerOf(ctx), 'tenant_id');
      const rows = await db.query<{ id: string }>(`SELECT id FROM process_definition WHERE def_key = ? AND ${t.sql} ORDER BY version`, [key, ...t.params]);
      if (!rows.length) throw notFound('process_definition.not_found', `Cannot find process definition for key '${key}'`);
      return rows.map((r) => r.id);
    }, body);
  });
  router.put('/process-definition/key/:key/suspended', async (ctx) => {
    const body = await readBody(ctx);
    await suspend(ctx, async () => [(await byKey(ctx)).id], body);
  });
  router.put('/process-definition/key/:key/tenant-id/:tenantId/suspended', async (ctx) => {
    const body = await readBody(ctx);
    await suspend(ctx, async () => [(await byKey(ctx)).id], body);
  });
  router.put('/process-definition/:id/suspended', async (ctx) => {
    const body = await readBody(ctx);
    await suspend(ctx, async () => [(await byId(ctx)).id], body);
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
