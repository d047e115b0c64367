import type Router from '@koa/router';
import { DeployCommand } from '../commands/DeployCommand';
import { forbidden, invalidRequest, notFound } from '../core/EngineRestError';
import type { EngineRestEnv } from './EngineRestEnv';
import { definitionDto, deploymentDto } from './dtos';
import { readMultipart } from './readMultipart';
import { callerOf, pagingSql, q, requireAnyPermission, tenantSql, tenantsOf, tenantVisible } from './restHelpers';

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

  router.get('/deployment', async (ctx) => {
    const t = tenantSql(callerOf(ctx), 'tenant_id');
    const where = [t.sql];
    const params: unknown[] = [...t.params];
    const name = q.str(ctx, 'name');
    if (name !== undefined) {
      where.push('name = ?');
      params.push(name);
    }
    const rows = await env.deps.db.query<Parameters<typeof deploymentDto>[0]>(
      `SELECT * FROM deployment WHERE ${where.join(' AND ')} ORDER BY deployed_at, id${pagingSql(q.int(ctx, 'firstResult'), q.int(ctx, 'maxResults'))}`,
      params,
    );
    ctx.body = rows.map(deploymentDto);
  });

  router.get('/deployment/:id', async (ctx) => {
    const [row] = await env.deps.db.query<Parameters<typeof deploymentDto>[0]>(`SELECT * FROM deployment WHERE id = ?`, [ctx.params.id]);
    if (!row || !tenantVisible(callerOf(ctx), row.tenant_id)) {
      throw notFound('deployment.not_found', `Deployment with id '${ctx.params.id}' does not exist`);
    }
    ctx.body = deploymentDto(row);
  });
}
