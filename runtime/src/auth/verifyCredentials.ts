import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { unitOfWork } from '../db/unitOfWork';
import { verifyDummy, verifyPassword } from './passwords';

/** Consecutive failed logins that lock an account. */
export const MAX_FAILED_LOGINS = 5;
/** How long a locked account stays locked. */
export const LOCK_MS = 15 * 60 * 1000;

/** The user row a successful credential check returns. */
export interface VerifiedUser {
  id: string;
  username: string;
  displayName: string;
}

/** The user columns a credential check reads (`SELECT id, username, display_name, password_hash, disabled, failed_logins, locked_until FROM user`). */
export interface CredentialRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  disabled: number;
  failed_logins: number;
  locked_until: number | null;
}

/**
 * Checks a username and password, with lock-out: after
 * {@link MAX_FAILED_LOGINS} consecutive failures the account is locked for
 * {@link LOCK_MS} (by `deps.clock`); a success resets the count. Unknown
 * usernames cost the same argon2 verification (against a dummy hash).
 *
 * Throws `auth.invalid_credentials` (401), `auth.locked` (423, with
 * `details.lockedUntil`) or `auth.user_disabled` (401, only after a correct
 * password).
 */
export async function verifyCredentials(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  username: string,
  password: string,
): Promise<VerifiedUser> {
  const [user] = await deps.db.query<CredentialRow>(
    `SELECT id, username, display_name, password_hash, disabled, failed_logins, locked_until FROM user WHERE username = ?`,
    [username],
  );
  return checkCredentials(deps, user, password);
}

/**
 * The checks of {@link verifyCredentials} on a user row the caller has just
 * read by username (`undefined`: no such user) — for callers that read more
 * in the same query (HTTP Basic reads the memberships along).
 */
export async function checkCredentials(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  user: CredentialRow | undefined,
  password: string,
): Promise<VerifiedUser> {
  if (!user) {
    await verifyDummy(password);
    throw invalidCredentials();
  }
  const now = deps.clock.now().getTime();
  const lockedUntil = user.locked_until === null ? null : Number(user.locked_until);
  if (lockedUntil !== null && lockedUntil > now) {
    await verifyDummy(password);
    throw locked(lockedUntil);
  }
  const digest = crypto.createHash('sha256').update(`${user.password_hash}\0${password}`).digest('hex');
  const remembered = verifiedDigests.get(user.id) === digest;
  if (!remembered && !(await verifyPassword(user.password_hash, password))) {
    const until = now + LOCK_MS;
    await unitOfWork(deps, { actorId: user.id, actorName: user.username }, async ({ tx, audit }) => {
      // MySQL evaluates SET left to right with updated values: locked_until first, from the old count.
      await tx.execute(
        `UPDATE user SET
           locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END,
           failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0 ELSE failed_logins + 1 END
         WHERE id = ?`,
        [MAX_FAILED_LOGINS, until, MAX_FAILED_LOGINS, user.id],
      );
      const [after] = await tx.query<{ locked_until: number | null }>(
        `SELECT locked_until FROM user WHERE id = ?`,
        [user.id],
      );
      if (after && after.locked_until !== null && Number(after.locked_until) === until) {
        await audit({
          action: 'auth.locked',
          targetType: 'user',
          targetId: user.id,
          change: { lockedUntil: until },
        });
      }
    });
    throw invalidCredentials();
  }
  if (user.disabled)
    throw new SafeFlowError('auth.user_disabled', 'This account is disabled', { status: 401 });
  if (Number(user.failed_logins) !== 0 || lockedUntil !== null) {
    await deps.db.query(`UPDATE user SET failed_logins = 0, locked_until = NULL WHERE id = ?`, [user.id]);
  }
  if (!remembered) {
    if (verifiedDigests.size >= MAX_REMEMBERED) verifiedDigests.clear();
    verifiedDigests.set(user.id, digest);
  }
  return { id: user.id, username: user.username, displayName: user.display_name };
}

/**
 * Users whose current password hash was verified with argon2 in this process,
 * as sha256(hash \0 password). HTTP Basic clients (engine workers polling
 * `/engine-rest`) send the password on every request; argon2 costs ~50 ms of
 * CPU, so a verified (hash, password) pair is remembered. A password change
 * alters the stored hash and so misses; lock-out, disabling and wrong
 * passwords are still checked on every call.
 */
const verifiedDigests = new Map<string, string>();
const MAX_REMEMBERED = 10_000;

function invalidCredentials(): SafeFlowError {
  return new SafeFlowError('auth.invalid_credentials', 'Wrong username or password', { status: 401 });
}

function locked(until: number): SafeFlowError {
  return new SafeFlowError('auth.locked', 'Too many failed logins; the account is locked for a while', {
    status: 423,
    details: { lockedUntil: new Date(until).toISOString() },
  });
}
