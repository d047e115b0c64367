import type { AuthContext } from '../../http/AuthContext';
import { DataScope } from '../../tenancy/DataScope';
import type { CommandContext } from '../core/CommandContext';
import { badRequest, forbidden, notFound } from '../core/EngineRestError';
import type { DefinitionRow } from './rows';

/** Permissions that allow starting an instance for an org (and seeing its engine data). */
export const START_PERMISSIONS = ['engine.operate', 'task.work'] as const;

/** The tenant root's org path (`/<tenantId>/`), or null for tenant-less data. */
export const tenantRootPath = (tenantId: string | null): string | null => (tenantId ? `/${tenantId}/` : null);

/**
 * True when `auth` is scoped by org inside its tenants: a person who is not a
 * platform admin. Platform admins and worker credentials keep tenant scope only.
 */
export function isOrgScoped(auth: AuthContext): boolean {
  return auth.kind === 'user' && !auth.platformAdmin;
}

/** The caller's {@link DataScope} over engine data: memberships granting one of `permissions` (default: engine.operate, task.work). */
export function engineScope(auth: AuthContext, permissions: readonly string[] = START_PERMISSIONS): DataScope {
  return DataScope.of(auth, permissions);
}

/**
 * The org an instance of a definition of `tenantId` belongs to when its
 * starter names none (Camunda's REST start has no org): for a person, the
 * shallowest org among their memberships in that tenant (any tenant for a
 * tenant-less definition) holding engine.operate or task.work (ties: the
 * smallest path); undefined when they hold none there. Platform admins,
 * worker credentials and the engine itself (no `auth`): the tenant root.
 */
export function defaultStartOrgPath(
  auth: AuthContext | undefined,
  tenantId: string | null,
): string | null | undefined {
  if (!auth || !isOrgScoped(auth)) return tenantRootPath(tenantId);
  const depth = (p: string) => p.split('/').length;
  const paths = auth.memberships
    .filter(
      (m) =>
        (tenantId === null || m.tenantId === tenantId) &&
        m.permissions.some((p) => (START_PERMISSIONS as readonly string[]).includes(p)),
    )
    .map((m) => m.orgPath)
    .sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
  return paths[0];
}

/** Who starts an instance and for which org. */
export interface StartOrgRequest {
  /** The org the instance belongs to; default: {@link defaultStartOrgPath}. */
  orgId?: string;
  /** The starter; absent for the engine/platform itself. */
  auth?: AuthContext;
}

/**
 * Decides the org path of a new instance of `def`. An explicit `orgId` must
 * name an existing, non-archived org (404 `org.not_found` otherwise, also
 * when a person starting it holds no engine.operate / task.work membership
 * whose subtree contains it) in the definition's tenant (400
 * `process_instance.org_outside_tenant`); a tenant-less definition accepts any
 * org and its instance stays tenant-less (Camunda: an instance's tenant is
 * its definition's). Without `orgId`, a person gets
 * {@link defaultStartOrgPath} (403 AuthorizationException when they hold no
 * start permission in the tenant), others the tenant root.
 */
export async function resolveStartOrgPath(
  ctx: CommandContext,
  def: DefinitionRow,
  req: StartOrgRequest,
): Promise<string | null> {
  if (req.orgId === undefined) {
    const path = defaultStartOrgPath(req.auth, def.tenant_id);
    if (path === undefined) {
      throw forbidden(
        `The user '${req.auth?.username}' may not start process definition '${def.id}': no membership with 'engine.operate' or 'task.work' in its tenant`,
      );
    }
    return path;
  }
  const [org] = await ctx.tx.query<{ path: string; tenant_id: string; archived: number }>(
    `SELECT path, tenant_id, archived FROM org WHERE id = ?`,
    [req.orgId],
  );
  const missing = () => notFound('org.not_found', `Org '${req.orgId}' not found`);
  if (!org || Number(org.archived) === 1) throw missing();
  if (req.auth && isOrgScoped(req.auth) && !engineScope(req.auth).contains(org.path)) throw missing();
  if (def.tenant_id !== null && org.tenant_id !== def.tenant_id) {
    throw badRequest(
      'process_instance.org_outside_tenant',
      `Org '${req.orgId}' is not in tenant '${def.tenant_id}' of process definition '${def.id}'`,
    );
  }
  return org.path;
}
