import type Router from '@koa/router';
import { DeployCommand } from '../commands/DeployCommand';
import { forbidden, invalidRequest, notFound } from '../core/EngineRestError';
import type { EngineRestEnv } from './EngineRestEnv';
import { definitionDto, deploymentDto } from './dtos';
import { readMultipart } from './readMultipart';
import { filter, listRoutes, type QuerySpec } from './camundaQuery';
import { callerOf, requireAnyPermission, tenantsOf, tenantVisible } from './restHelpers';

/** `GET /deployment` and `/count`: Camunda's DeploymentQueryDto parameters and sortBy values. */
export const DEPLOYMENT_QUERY: QuerySpec = {
  from: 'deployment d',
  tenantColumn: 'd.tenant_id',
  filters: {
    id: filter.eq('d.id'),
    name: filter.eq('d.name'),
    nameLike: filter.like('d.name'),
    source: filter.eq('d.source'),
    withoutSource: filter.flag('d.source IS NULL'),
    after: filter.date('d.deployed_at', '>'),
    before: filter.date('d.deployed_at', '<'),
    withoutTenantId: filter.flag('d.tenant_id IS NULL'),
  },
  combined: (src) => {
    const tenants = src.read('tenantIdIn', 'list');
    if (!tenants) return [];
    const orNone = src.read('includeDeploymentsWithoutTenantId', 'bool') ? ' OR d.tenant_id IS NULL' : '';
    return [{ sql: `d.tenant_id IN (${tenants.map(() => '?').join(',')})${orNone}`, params: tenants }];
  },
  sorts: { id: 'd.id', name: 'd.name', deploymentTime: 'd.deployed_at', tenantId: 'd.tenant_id' },
  order: ['d.deployed_at', 'd.id'],
};

const bool = (v: string | undefined) => v === 'true';

/** `/deployment/**`: create (multipart) and read deployments. */
export function deploymentRoutes(router: Router, env: EngineRestEnv): void {
  router.post('/deployment/create', async (ctx) => {
    const auth = callerOf(ctx);
    requireAnyPermission(auth, 'engine.deploy');
    const form = await readMultipart(ctx);
    const tenantId = form.fields['tenant-id'] || null;
    const tenants = tenantsOf(auth);
    if (tenants && (tenantId === null ? false : !tenants.includes(tenantId))) {
      throw forbidden(`The user '${auth.username}' may not deploy for tenant '${tenantId}'`);
    }
    if (tenants && tenantId === null && !auth.platformAdmin) {
      throw invalidRequest('deployment.tenant_required', "Only platform administrators deploy without 'tenant-id'");
    }
    const result = await env.executor.execute(
      new DeployCommand({
        name: form.fields['deployment-name'] ?? null,
        source: form.fields['deployment-source'] ?? null,
        tenantId,
        deployChangedOnly: bool(form.fields['deploy-changed-only']),
        enableDuplicateFiltering: bool(form.fields['enable-duplicate-filtering']) || bool(form.fields['deploy-changed-only']),
        resources: form.files.map((f) => ({ name: f.filename, content: f.content })),
        actor: { actorId: auth.userId, actorName: auth.username },
      }),
    );
    const defs = result.definitions
      ? Object.fromEntries(result.definitions.map((d) => [d.id, definitionDto(d)]))
      : null;
    ctx.body = {
      ...deploymentDto(result.deployment),
      deployedProcessDefinitions: defs,
      deployedCaseDefinitions: null,
      deployedDecisionDefinitions: null,
      deployedDecisionRequirementsDefinitions: null,
    };
  });

  listRoutes<Parameters<typeof deploymentDto>[0]>(router, env.deps, { path: '/deployment', spec: DEPLOYMENT_QUERY, dto: deploymentDto });

  router.get('/deployment/:id', async (ctx) => {
    const [row] = await env.deps.db.query<Parameters<typeof deploymentDto>[0]>(`SELECT * FROM deployment WHERE id = ?`, [ctx.params.id]);
    if (!row || !tenantVisible(callerOf(ctx), row.tenant_id)) {
      throw notFound('deployment.not_found', `Deployment with id '${ctx.params.id}' does not exist`);
    }
    ctx.body = deploymentDto(row);
  });
}
