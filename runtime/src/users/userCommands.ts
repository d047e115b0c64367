import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { Clock } from '../app/AppDeps';
import { appendAudit } from '../audit/appendAudit';
import type { Tx } from '../db/Database';
import { isUniqueViolation } from '../db/isUniqueViolation';
import type { Actor } from '../orgs/orgCommands';

/** What creating a user needs (the password already hashed, outside the transaction). */
export interface NewUser {
  id?: string;
  username: string;
  displayName?: string;
  passwordHash: string;
  platformAdmin?: boolean;
  /** Org of the first membership, for the audit entry's scope. */
  org?: { id: string; path: string };
}

/** Inserts a user in `tx` and audits `user.create`; `user.username_taken` (409) when the name exists. */
export async function insertUser(tx: Tx, deps: { clock: Clock }, actor: Actor, u: NewUser): Promise<string> {
  const id = u.id ?? crypto.randomUUID();
  const now = deps.clock.now().getTime();
  const taken = () =>
    new SafeFlowError('user.username_taken', `Username '${u.username}' is taken`, { status: 409 });
  const [dup] = await tx.query(`SELECT id FROM user WHERE username = ?`, [u.username]);
  if (dup) throw taken();
  try {
    await tx.execute(
      `INSERT INTO user (id, username, display_name, password_hash, disabled, failed_logins, locked_until, is_platform_admin, revision, created_at, updated_at)
       VALUES (?, ?, ?, ?, 0, 0, NULL, ?, 1, ?, ?)`,
      [id, u.username, u.displayName ?? u.username, u.passwordHash, u.platformAdmin ? 1 : 0, now, now],
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
  await appendAudit(tx, deps, {
    ...actor,
    orgId: u.org?.id,
    orgPath: u.org?.path,
    action: 'user.create',
    targetType: 'user',
    targetId: id,
    change: {
      username: u.username,
      displayName: u.displayName ?? u.username,
      platformAdmin: !!u.platformAdmin,
    },
  });
  return id;
}
