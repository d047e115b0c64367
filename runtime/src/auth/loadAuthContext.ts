import type { Database, Tx } from '../db/Database';
import type { AuthContext, MembershipGrant } from '../http/AuthContext';

/**
 * Builds the {@link AuthContext} of a user from the database: the platform
 * admin flag and every membership (org path, tenant, role permissions) in a
 * non-archived org. Returns undefined when the user does not exist or is
 * disabled.
 */
export async function loadAuthContext(db: Database | Tx, userId: string): Promise<AuthContext | undefined> {
  const [user] = await db.query<{
    id: string;
    username: string;
    disabled: number;
    is_platform_admin: number;
  }>(`SELECT id, username, disabled, is_platform_admin FROM user WHERE id = ?`, [userId]);
  if (!user || Number(user.disabled)) return undefined;
  const rows = await db.query<MembershipRow>(
    `SELECT m.org_id, o.path, o.tenant_id, m.role_key, r.permissions
       FROM membership m JOIN org o ON o.id = m.org_id JOIN role r ON r.role_key = m.role_key
      WHERE m.user_id = ? AND o.archived = 0
      ORDER BY o.path, m.role_key`,
    [userId],
  );
  return authContextOf(user, rows);
}

/** A membership as {@link loadAuthContext} reads it (org not archived), joined with its org and role. */
export interface MembershipRow {
  org_id: string;
  path: string;
  tenant_id: string;
  role_key: string;
  permissions: string;
}

/**
 * The {@link AuthContext} of an active user from their row and their
 * membership rows, ordered by org path and role key (what
 * {@link loadAuthContext} reads; HTTP Basic reads the same in one query).
 */
export function authContextOf(
  user: { id: string; username: string; is_platform_admin: number },
  rows: MembershipRow[],
): AuthContext {
  const memberships: MembershipGrant[] = rows.map((r) => ({
    orgId: r.org_id,
    orgPath: r.path,
    tenantId: r.tenant_id,
    roleKey: r.role_key,
    permissions: JSON.parse(r.permissions) as string[],
  }));
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    platformAdmin: Number(user.is_platform_admin) === 1,
    memberships,
  };
}

/** Every permission `auth` holds somewhere (all of them for a platform admin). */
export function heldPermissions(auth: AuthContext, all: readonly string[]): string[] {
  if (auth.platformAdmin) return [...all];
  return [...new Set(auth.memberships.flatMap((m) => m.permissions))].sort();
}

/** Permissions `auth` holds at the org with `orgPath` (memberships whose subtree contains it). */
export function permissionsAt(auth: AuthContext, orgPath: string): Set<string> {
  return new Set(auth.memberships.filter((m) => orgPath.startsWith(m.orgPath)).flatMap((m) => m.permissions));
}
