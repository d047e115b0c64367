import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { appendAudit } from '../audit/appendAudit';
import { defineRoute } from '../http/defineRoute';
import { revokeRefreshFamily, usernameOf } from './refreshTokens';

/** `POST /auth/logout {refreshToken}`: revokes the session of the refresh token (204, also for unknown tokens). */
export function logoutRoute(deps: AppDeps) {
  return defineRoute({
    method: 'post',
    path: '/auth/logout',
    summary: 'Log out: revoke the refresh token and its session',
    tags: ['auth'],
    auth: 'public',
    body: z.strictObject({ refreshToken: z.string().min(1).max(200) }),
    handler: async ({ body }) => {
      await deps.db.transaction(async (tx) => {
        const userId = await revokeRefreshFamily(tx, deps, body.refreshToken);
        if (userId) {
          await appendAudit(tx, deps, {
            actorId: userId,
            actorName: await usernameOf(tx, userId),
            action: 'auth.logout',
            targetType: 'user',
            targetId: userId,
          });
        }
      });
      return undefined;
    },
  });
}
