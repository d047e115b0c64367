import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { appendAudit } from '../audit/appendAudit';
import { unitOfWork } from '../db/unitOfWork';
import { defineRoute } from '../http/defineRoute';
import { actorOf } from '../orgs/orgWrite.route';
import { findOrg } from '../orgs/orgRow';
import { MODULE_KEYS } from './moduleKeys';

const entitlementSchema = z.object({ tenantId: z.string(), module: z.string(), enabledAt: z.string() });

/** `GET /entitlements` (the caller's tenants; `?tenantId=` for platform admins) and `PUT /tenants/:tenantId/entitlements`. */
export function entitlementRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/entitlements',
      summary: 'Modules enabled for the caller’s tenants',
      tags: ['entitlements'],
      query: z.strictObject({ tenantId: z.string().max(36).optional() }),
      response: z.object({ items: z.array(entitlementSchema) }),
      handler: async ({ query, auth }) => {
        const own = [...new Set(auth.memberships.map((m) => m.tenantId))];
        const tenants = query.tenantId ? [query.tenantId] : own;
        if (query.tenantId && !auth.platformAdmin && !own.includes(query.tenantId)) {
          throw new SafeFlowError('tenant.not_found', `tenant '${query.tenantId}' not found`, {
            status: 404,
          });
        }
        if (tenants.length === 0) return { items: [] };
        const rows = await deps.db.query<{ tenant_id: string; module: string; enabled_at: number }>(
          `SELECT tenant_id, module, enabled_at FROM entitlement WHERE tenant_id IN (${tenants.map(() => '?').join(', ')}) ORDER BY tenant_id, module`,
          tenants,
        );
        return {
          items: rows.map((r) => ({
            tenantId: r.tenant_id,
            module: r.module,
            enabledAt: new Date(Number(r.enabled_at)).toISOString(),
          })),
        };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/tenants/:tenantId/entitlements',
      summary: 'Replace the modules of a tenant (platform admins only)',
      tags: ['entitlements'],
      permission: 'entitlement.write',
      params: z.object({ tenantId: z.string().min(1).max(36) }),
      body: z.strictObject({ modules: z.array(z.enum(MODULE_KEYS)).max(MODULE_KEYS.length) }),
      response: z.object({ items: z.array(entitlementSchema) }),
      handler: async ({ params, body, auth }) => {
        if (!auth.platformAdmin) {
          throw new SafeFlowError('auth.forbidden', 'Only platform administrators change entitlements', {
            status: 403,
          });
        }
        const tenant = await findOrg(deps.db, params.tenantId);
        if (!tenant || tenant.parent_id !== null) {
          throw new SafeFlowError('tenant.not_found', `tenant '${params.tenantId}' not found`, {
            status: 404,
          });
        }
        const modules = [...new Set(body.modules)];
        await unitOfWork(deps, actorOf(auth), ({ tx, actor }) => setEntitlements(tx, deps, actor, tenant, modules));
        const rows = await deps.db.query<{ module: string; enabled_at: number }>(
          `SELECT module, enabled_at FROM entitlement WHERE tenant_id = ? ORDER BY module`,
          [tenant.id],
        );
        return {
          items: rows.map((r) => ({
            tenantId: tenant.id,
            module: r.module,
            enabledAt: new Date(Number(r.enabled_at)).toISOString(),
          })),
        };
      },
    }),
  ];
}

/**
 * Makes `modules` exactly the tenant's entitlements in `tx` (keeping the
 * `enabled_at` of modules it already had) and audits `entitlement.set`.
 */
export async function setEntitlements(
  tx: import('../db/Database').Tx,
  deps: { clock: import('../app/AppDeps').Clock },
  actor: { actorId: string; actorName: string },
  tenant: { id: string; path: string },
  modules: string[],
): Promise<void> {
  const have = new Set(
    (
      await tx.query<{ module: string }>(`SELECT module FROM entitlement WHERE tenant_id = ?`, [tenant.id])
    ).map((r) => r.module),
  );
  const now = deps.clock.now().getTime();
  for (const m of have)
    if (!modules.includes(m))
      await tx.execute(`DELETE FROM entitlement WHERE tenant_id = ? AND module = ?`, [tenant.id, m]);
  for (const m of modules)
    if (!have.has(m))
      await tx.execute(`INSERT INTO entitlement (tenant_id, module, enabled_at) VALUES (?, ?, ?)`, [
        tenant.id,
        m,
        now,
      ]);
  await appendAudit(tx, deps, {
    ...actor,
    orgId: tenant.id,
    orgPath: tenant.path,
    action: 'entitlement.set',
    targetType: 'tenant',
    targetId: tenant.id,
    change: { modules: [...modules].sort() },
  });
}
