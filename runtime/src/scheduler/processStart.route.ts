import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { START_PERMISSIONS } from '../engine/persistence/startOrg';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { DataScope } from '../tenancy/DataScope';
import { resolveTargets } from './resolveTargets';
import { startForOrgs } from './startForOrgs';

const Targets = z.strictObject({
  orgIds: z.array(z.string().min(1).max(36)).max(500).optional(),
  orgTypes: z.array(z.string().min(1).max(64)).max(20).optional(),
  under: z.string().min(1).max(36).optional(),
});

/**
 * `POST /api/v1/processes/:key/start` — assignment downwards: starts the
 * latest version of `key` once per target org (`orgIds`, and/or `targets`
 * by type in a subtree), each instance belonging to its target so the
 * target's own people see its tasks. Every target must lie in the caller's
 * engine.operate / task.work scope (404 `org.not_found` otherwise, nothing
 * started); all instances start in one transaction. Without targets the
 * instance belongs to the caller's single acting org. Idempotent by
 * `Idempotency-Key`.
 */
export function processStartRoutes(deps: AppDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'post', path: '/processes/:key/start', summary: 'Start a process for target orgs (one instance per target; assignment downwards)', tags: ['processes'],
      permission: 'task.work', idempotent: true, status: 201,
      params: z.object({ key: z.string().min(1).max(128) }),
      body: z.strictObject({
        orgIds: z.array(z.string().min(1).max(36)).max(500).optional(),
        targets: Targets.optional(),
        variables: z.record(z.string().max(64), z.unknown()).optional(),
        businessKey: z.string().max(191).optional(),
      }),
      response: z.object({
        instances: z.array(z.object({ orgId: z.string(), processInstanceId: z.string(), businessKey: z.string().nullable(), definitionId: z.string(), ended: z.boolean() })),
      }),
      handler: async ({ params, body, auth }) => {
        const scope = DataScope.of(auth, START_PERMISSIONS);
        const ids = [...new Set([...(body.orgIds ?? []), ...(body.targets?.orgIds ?? [])])];
        const orgs = new Map<string, { id: string; path: string; tenantId: string }>();
        if (ids.length) {
          const rows = await deps.db.query<{ id: string; path: string; tenant_id: string; archived: number }>(
            `SELECT id, path, tenant_id, archived FROM org WHERE id IN (${ids.map(() => '?').join(',')})`, ids,
          );
          for (const id of ids) {
            const r = rows.find((x) => x.id === id);
            if (!r || Number(r.archived) === 1 || !scope.contains(r.path)) throw new SafeFlowError('org.not_found', `Org '${id}' not found`, { status: 404 });
            orgs.set(id, { id, path: r.path, tenantId: r.tenant_id });
          }
        }
        if (body.targets?.orgTypes?.length) {
          const under = body.targets.under;
          const base = under ? (await deps.db.query<{ path: string }>('SELECT path FROM org WHERE id = ?', [under]))[0]?.path : undefined;
          if (under && (!base || !scope.contains(base))) throw new SafeFlowError('org.not_found', `Org '${under}' not found`, { status: 404 });
          const roots = base ? [base] : auth.memberships.filter((m) => m.permissions.some((p) => (START_PERMISSIONS as readonly string[]).includes(p))).map((m) => m.orgPath);
          for (const root of roots) {
            for (const t of await resolveTargets(deps.db, root, { orgTypes: body.targets.orgTypes })) {
              const tenantId = t.path.split('/').filter(Boolean)[0]!;
              orgs.set(t.id, { id: t.id, path: t.path, tenantId });
            }
          }
          if (!orgs.size) throw new SafeFlowError('process.no_targets', 'No org of those types in your scope', { status: 400 });
        }
        if (!orgs.size) {
          const grants = auth.memberships.filter((m) => m.permissions.some((p) => (START_PERMISSIONS as readonly string[]).includes(p)));
          const own = [...new Set(grants.map((g) => g.orgId))];
          if (own.length !== 1) throw new SafeFlowError('org.required', 'Say which orgs this is for (orgIds or targets): you act in several or none', { status: 400 });
          const g = grants[0]!;
          orgs.set(g.orgId, { id: g.orgId, path: g.orgPath, tenantId: g.tenantId });
        }
        const tenants = new Set([...orgs.values()].map((o) => o.tenantId));
        if (tenants.size !== 1) throw new SafeFlowError('process.targets_span_tenants', 'All target orgs must be in one tenant', { status: 400 });
        const instances = await startForOrgs(deps, {
          key: params.key,
          tenantId: [...tenants][0]!,
          actor: auth,
          starts: [...orgs.values()].map((o) => ({ orgId: o.id, variables: { ...(body.variables ?? {}), targetOrgId: o.id }, businessKey: body.businessKey })),
        });
        return { instances };
      },
    }),
  ];
}
