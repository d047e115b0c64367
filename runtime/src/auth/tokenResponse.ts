import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { signAccessToken } from './accessTokens';
import type { IssuedRefreshToken } from './refreshTokens';

/** Body of a successful login or refresh. */
export const tokenResponseSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
});

/** Builds the token response for a user and a just-issued refresh token. */
export async function tokenResponse(
  deps: AppDeps,
  user: { id: string; username: string },
  refresh: IssuedRefreshToken,
) {
  return {
    accessToken: await signAccessToken(deps, user),
    refreshToken: refresh.token,
    tokenType: 'Bearer' as const,
    expiresIn: deps.config.accessTokenTtlSeconds,
  };
}
