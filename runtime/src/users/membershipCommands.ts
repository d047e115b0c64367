import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { Clock } from '../app/AppDeps';
import { appendAudit } from '../audit/appendAudit';
import { permissionsAt } from '../auth/loadAuthContext';
import type { Tx } from '../db/Database';
import { isUniqueViolation } from '../db/isUniqueViolation';
import type { AuthContext } from '../http/AuthContext';
import type { Actor } from '../orgs/orgCommands';
import type { OrgRow } from '../orgs/orgRow';

/** Loads a role's permissions; `role.unknown` (400) when there is no such role. */
export async function rolePermissions(tx: Tx, roleKey: string): Promise<string[]> {
  const [row] = await tx.query<{ permissions: string }>(`SELECT permissions FROM role WHERE role_key = ?`, [
    roleKey,
  ]);
  if (!row) throw new SafeFlowError('role.unknown', `Unknown role '${roleKey}'`, { status: 400 });
  return JSON.parse(row.permissions) as string[];
}

/**
 * No privilege escalation: a caller may grant (or revoke) a role at an org
 * only if they hold every permission of that role there themselves
 * (platform admins hold all). Throws `membership.role_not_grantable` (403).
 */
export async function assertCanGrant(tx: Tx, auth: AuthContext, org: OrgRow, roleKey: string): Promise<void> {
  const perms = await rolePermissions(tx, roleKey);
  if (auth.platformAdmin) return;
  const held = permissionsAt(auth, org.path);
  const missing = perms.filter((p) => !held.has(p));
  if (missing.length) {
    throw new SafeFlowError(
      'membership.role_not_grantable',
      `Role '${roleKey}' grants permissions you do not hold here`,
      {
        status: 403,
        details: { missing },
      },
    );
  }
}

/** Inserts a membership in `tx` and audits `membership.create`; `membership.exists` (409) on a duplicate. */
export async function insertMembership(
  tx: Tx,
  deps: { clock: Clock },
  actor: Actor,
  m: { userId: string; org: OrgRow; roleKey: string },
): Promise<string> {
  const id = crypto.randomUUID();
  const [dup] = await tx.query(
    `SELECT id FROM membership WHERE user_id = ? AND org_id = ? AND role_key = ?`,
    [m.userId, m.org.id, m.roleKey],
  );
  if (dup) throw exists();
  try {
    await tx.execute(
      `INSERT INTO membership (id, user_id, org_id, role_key, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)`,
      [id, m.userId, m.org.id, m.roleKey, deps.clock.now().getTime(), actor.actorId],
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw exists();
    throw err;
  }
  await appendAudit(tx, deps, {
    ...actor,
    orgId: m.org.id,
    orgPath: m.org.path,
    action: 'membership.create',
    targetType: 'membership',
    targetId: id,
    change: { userId: m.userId, orgId: m.org.id, roleKey: m.roleKey },
  });
  return id;
}

function exists(): SafeFlowError {
  return new SafeFlowError('membership.exists', 'The user already holds this role in this org', {
    status: 409,
  });
}
