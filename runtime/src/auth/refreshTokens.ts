import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import type { Tx } from '../db/Database';
import { appendAudit } from '../audit/appendAudit';
import { sha256 } from '../audit/auditHash';

/** A newly issued opaque refresh token (only its sha256 is stored). */
export interface IssuedRefreshToken {
  id: string;
  token: string;
  expiresAt: number;
}

/** Issues a refresh token in `tx`; `familyId` links rotations of one login session. */
export async function issueRefreshToken(
  tx: Tx,
  deps: Pick<AppDeps, 'clock' | 'config'>,
  userId: string,
  familyId: string = crypto.randomUUID(),
): Promise<IssuedRefreshToken> {
  const id = crypto.randomUUID();
  const token = crypto.randomBytes(32).toString('base64url');
  const now = deps.clock.now().getTime();
  const expiresAt = now + deps.config.refreshTokenTtlSeconds * 1000;
  await tx.execute(
    `INSERT INTO refresh_token (id, user_id, family_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
    [id, userId, familyId, sha256(token), now, expiresAt],
  );
  return { id, token, expiresAt };
}

interface RefreshRow {
  id: string;
  user_id: string;
  family_id: string;
  expires_at: number;
  revoked_at: number | null;
  replaced_by: string | null;
}

/**
 * Rotates a refresh token: revokes it and issues its successor in the same
 * family. Presenting a token that was already rotated (a stolen copy, or a
 * replay) revokes the whole family and throws `auth.refresh_reused` (401);
 * unknown or logged-out tokens are `auth.invalid_token`, expired ones
 * `auth.token_expired` (401).
 */
export async function rotateRefreshToken(
  deps: AppDeps,
  token: string,
): Promise<{ userId: string; next: IssuedRefreshToken }> {
  const outcome = await deps.db.transaction(async (tx) => {
    const lock = tx.dialect === 'mysql' ? ' FOR UPDATE' : '';
    const [row] = await tx.query<RefreshRow>(
      `SELECT id, user_id, family_id, expires_at, revoked_at, replaced_by FROM refresh_token WHERE token_hash = ?${lock}`,
      [sha256(token)],
    );
    if (!row) return { error: 'auth.invalid_token' as const };
    const now = deps.clock.now().getTime();
    if (row.revoked_at !== null) {
      if (row.replaced_by === null) return { error: 'auth.invalid_token' as const };
      await tx.execute(`UPDATE refresh_token SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL`, [
        now,
        row.family_id,
      ]);
      await appendAudit(tx, deps, {
        actorId: row.user_id,
        actorName: await usernameOf(tx, row.user_id),
        action: 'auth.refresh_reused',
        targetType: 'user',
        targetId: row.user_id,
        change: { familyId: row.family_id },
      });
      return { error: 'auth.refresh_reused' as const };
    }
    if (Number(row.expires_at) <= now) return { error: 'auth.token_expired' as const };
    const [user] = await tx.query<{ disabled: number }>(`SELECT disabled FROM user WHERE id = ?`, [
      row.user_id,
    ]);
    if (!user || Number(user.disabled)) return { error: 'auth.invalid_token' as const };
    const next = await issueRefreshToken(tx, deps, row.user_id, row.family_id);
    await tx.execute(`UPDATE refresh_token SET revoked_at = ?, replaced_by = ? WHERE id = ?`, [
      now,
      next.id,
      row.id,
    ]);
    return { userId: row.user_id, next };
  });
  if (outcome.error) {
    const messages = {
      'auth.invalid_token': 'Invalid refresh token',
      'auth.token_expired': 'Refresh token expired; log in again',
      'auth.refresh_reused': 'Refresh token was already used; the session has been revoked',
    };
    throw new SafeFlowError(outcome.error, messages[outcome.error], { status: 401 });
  }
  return { userId: outcome.userId!, next: outcome.next! };
}

/** Revokes the login session (token family) of a refresh token in `tx`; returns its user id, or undefined for an unknown token. */
export async function revokeRefreshFamily(
  tx: Tx,
  deps: Pick<AppDeps, 'clock'>,
  token: string,
): Promise<string | undefined> {
  const [row] = await tx.query<{ user_id: string; family_id: string }>(
    `SELECT user_id, family_id FROM refresh_token WHERE token_hash = ?`,
    [sha256(token)],
  );
  if (!row) return undefined;
  await tx.execute(`UPDATE refresh_token SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL`, [
    deps.clock.now().getTime(),
    row.family_id,
  ]);
  return row.user_id;
}

/** Revokes every refresh token of a user in `tx` (password change, disable). */
export async function revokeUserRefreshTokens(
  tx: Tx,
  deps: Pick<AppDeps, 'clock'>,
  userId: string,
): Promise<void> {
  await tx.execute(`UPDATE refresh_token SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL`, [
    deps.clock.now().getTime(),
    userId,
  ]);
}

/** The username of a user id (the id itself when the user is gone), for audit entries. */
export async function usernameOf(tx: Tx, userId: string): Promise<string> {
  const [row] = await tx.query<{ username: string }>(`SELECT username FROM user WHERE id = ?`, [userId]);
  return row?.username ?? userId;
}
