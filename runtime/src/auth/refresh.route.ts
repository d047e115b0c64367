import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute } from '../http/defineRoute';
import { rotateRefreshToken } from './refreshTokens';
import { tokenResponse, tokenResponseSchema } from './tokenResponse';

/**
 * `POST /auth/refresh {refreshToken}` → a new token pair; the presented
 * refresh token is revoked (rotation). Reusing a rotated token revokes the
 * session: `auth.refresh_reused` 401.
 */
export function refreshRoute(deps: AppDeps) {
  return defineRoute({
    method: 'post',
    path: '/auth/refresh',
    summary: 'Exchange a refresh token for a new token pair',
    tags: ['auth'],
    auth: 'public',
    body: z.strictObject({ refreshToken: z.string().min(1).max(200) }),
    response: tokenResponseSchema,
    handler: async ({ body }) => {
      const { userId, next } = await rotateRefreshToken(deps, body.refreshToken);
      const [user] = await deps.db.query<{ id: string; username: string }>(
        `SELECT id, username FROM user WHERE id = ?`,
        [userId],
      );
      return tokenResponse(deps, user!, next);
    },
  });
}
