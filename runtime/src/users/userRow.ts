import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { Database, Tx } from '../db/Database';
import type { AuthContext } from '../http/AuthContext';
import { DataScope } from '../tenancy/DataScope';

/** A user row as stored (without the password hash). */
export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  disabled: number;
  is_platform_admin: number;
  locked_until: number | null;
  revision: number;
  created_at: number;
  updated_at: number;
}

/** A user as the API shows it. */
export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  platformAdmin: z.boolean(),
  lockedUntil: z.string().nullable(),
  revision: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Columns of `user` for SELECTs (no password hash). */
export const USER_COLUMNS =
  'u.id, u.username, u.display_name, u.disabled, u.is_platform_admin, u.locked_until, u.revision, u.created_at, u.updated_at';

/** Maps a row to the API form. */
export function toUser(r: UserRow): z.infer<typeof userSchema> {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    disabled: Number(r.disabled) === 1,
    platformAdmin: Number(r.is_platform_admin) === 1,
    lockedUntil: r.locked_until === null ? null : new Date(Number(r.locked_until)).toISOString(),
    revision: Number(r.revision),
    createdAt: new Date(Number(r.created_at)).toISOString(),
    updatedAt: new Date(Number(r.updated_at)).toISOString(),
  };
}

/** Loads a user by id (no scope check). */
export async function findUser(db: Database | Tx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM user u WHERE u.id = ?`, [id]);
  return row;
}

/** The org paths of a user's memberships. */
export async function membershipPaths(db: Database | Tx, userId: string): Promise<string[]> {
  const rows = await db.query<{ path: string }>(
    `SELECT o.path FROM membership m JOIN org o ON o.id = m.org_id WHERE m.user_id = ?`,
    [userId],
  );
  return rows.map((r) => r.path);
}

/**
 * Loads a user the caller may see and act on. A user is visible when one of
 * their memberships lies in the caller's scope (platform admins see all);
 * otherwise `user.not_found` (404). For `read`, one membership must lie in
 * the `user.read` scope; for `write`, every membership must lie in the
 * `user.write` scope and only platform admins change platform admins —
 * otherwise `auth.forbidden` (403).
 */
export async function loadUserFor(
  db: Database | Tx,
  auth: AuthContext,
  id: string,
  mode: 'read' | 'write',
): Promise<UserRow> {
  const user = await findUser(db, id);
  const notFound = new SafeFlowError('user.not_found', `user '${id}' not found`, { status: 404 });
  if (!user) throw notFound;
  if (auth.platformAdmin) return user;
  const paths = await membershipPaths(db, id);
  const all = DataScope.of(auth);
  if (!paths.some((p) => all.contains(p))) throw notFound;
  const ok =
    mode === 'read'
      ? paths.some((p) => DataScope.of(auth, 'user.read').contains(p))
      : Number(user.is_platform_admin) !== 1 &&
        paths.every((p) => DataScope.of(auth, 'user.write').contains(p));
  if (!ok) throw new SafeFlowError('auth.forbidden', `Not allowed to ${mode} this user`, { status: 403 });
  return user;
}
