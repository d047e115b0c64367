import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { actorOf, unitOfWork } from '../db/unitOfWork';
import { defineRoute } from '../http/defineRoute';
import { hashPassword, passwordSchema } from './passwords';
import { revokeUserRefreshTokens } from './refreshTokens';
import { verifyCredentials } from './verifyCredentials';

/**
 * `POST /auth/password {oldPassword, newPassword}`: changes the caller's
 * password (the old one is checked with the login lock-out) and revokes all
 * their refresh tokens. 204. Access tokens already issued stay valid until
 * they expire (`ACCESS_TOKEN_TTL_SECONDS`).
 */
export function passwordRoute(deps: AppDeps) {
  return defineRoute({
    method: 'post',
    path: '/auth/password',
    summary: "Change the caller's password",
    tags: ['auth'],
    body: z.strictObject({ oldPassword: z.string().min(1).max(200), newPassword: passwordSchema }),
    handler: async ({ body, auth }) => {
      await verifyCredentials(deps, auth.username, body.oldPassword);
      const passwordHash = await hashPassword(body.newPassword);
      const now = deps.clock.now().getTime();
      await unitOfWork(deps, actorOf(auth), async ({ tx, audit }) => {
        await tx.execute(
          `UPDATE user SET password_hash = ?, updated_at = ?, revision = revision + 1 WHERE id = ?`,
          [passwordHash, now, auth.userId],
        );
        await revokeUserRefreshTokens(tx, deps, auth.userId);
        await audit({
          action: 'auth.password_change',
          targetType: 'user',
          targetId: auth.userId,
        });
      });
      return undefined;
    },
  });
}
