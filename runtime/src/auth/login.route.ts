import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { unitOfWork } from '../db/unitOfWork';
import { defineRoute } from '../http/defineRoute';
import { issueRefreshToken } from './refreshTokens';
import { tokenResponse, tokenResponseSchema } from './tokenResponse';
import { verifyCredentials } from './verifyCredentials';

/**
 * `POST /auth/login {username, password}` → access + refresh token.
 * Errors: `auth.invalid_credentials` 401, `auth.locked` 423 (5 failures lock
 * the account for 15 minutes), `auth.user_disabled` 401.
 */
export function loginRoute(deps: AppDeps) {
  return defineRoute({
    method: 'post',
    path: '/auth/login',
    summary: 'Log in with username and password',
    tags: ['auth'],
    auth: 'public',
    body: z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
    response: tokenResponseSchema,
    handler: async ({ body }) => {
      const user = await verifyCredentials(deps, body.username, body.password);
      const refresh = await unitOfWork(deps, { actorId: user.id, actorName: user.username }, async ({ tx, audit }) => {
        const issued = await issueRefreshToken(tx, deps, user.id);
        await audit({
          action: 'auth.login',
          targetType: 'user',
          targetId: user.id,
          change: { refreshTokenId: issued.id },
        });
        return issued;
      });
      return tokenResponse(deps, user, refresh);
    },
  });
}
