import { SafeFlowError } from '@safeflow/engine/errors';
import type { AuthContext } from '../http/AuthContext';
import { DataScope } from '../tenancy/DataScope';

/** An org a piece of data belongs to: id, materialised path and tenant (top-level org). */
export interface OrgRef {
  id: string;
  path: string;
  tenantId: string;
}

/** Anything that can run a parameterised read (a Database or a Tx). */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/**
 * The org a caller acts for. With `orgId`, that org (it must lie in the
 * caller's scope for `permission`, else 404 `org.not_found`); without it, the
 * single org where the caller holds `permission` (400 `org.required` when
 * there are several or none).
 */
export async function resolveActingOrg(db: Queryable, auth: AuthContext, orgId: string | undefined, permission: string): Promise<OrgRef> {
  const grants = auth.memberships.filter((m) => m.permissions.includes(permission));
  if (!orgId) {
    const ids = [...new Set(grants.map((g) => g.orgId))];
    if (ids.length !== 1) {
      throw new SafeFlowError('org.required', 'Say which org this is for (orgId): you act in several or none', { status: 400 });
    }
    const g = grants.find((m) => m.orgId === ids[0])!;
    return { id: g.orgId, path: g.orgPath, tenantId: g.tenantId };
  }
  const own = grants.find((m) => m.orgId === orgId);
  if (own) return { id: own.orgId, path: own.orgPath, tenantId: own.tenantId };
  const [row] = await db.query<{ id: string; path: string; tenant_id: string }>(
    'SELECT id, path, tenant_id FROM org WHERE id = ?',
    [orgId],
  );
  DataScope.of(auth, permission).assertVisible(row?.path, 'org', orgId);
  return { id: row!.id, path: row!.path, tenantId: row!.tenant_id };
}

/** `/a/b/c/` → `['/a/', '/a/b/', '/a/b/c/']`: the paths of an org and its ancestors, root first. */
export function ancestorPaths(orgPath: string): string[] {
  const ids = orgPath.split('/').filter(Boolean);
  return ids.map((_, i) => '/' + ids.slice(0, i + 1).join('/') + '/');
}

/** Role keys the caller holds in the org at `orgPath` (memberships on that org or an ancestor). */
export function rolesAt(auth: AuthContext, orgPath: string): string[] {
  return [...new Set(auth.memberships.filter((m) => orgPath.startsWith(m.orgPath)).map((m) => m.roleKey))];
}
