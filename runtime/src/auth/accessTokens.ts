import crypto from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';

/** Claims of a SafeFlow access token. */
export interface AccessClaims {
  sub: string;
  username: string;
  jti: string;
}

/** Signs an access token (JWT HS256 with the node secret), valid `config.accessTokenTtlSeconds` from `clock.now()`. */
export async function signAccessToken(
  deps: Pick<AppDeps, 'secret' | 'clock' | 'config'>,
  user: { id: string; username: string },
): Promise<string> {
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  return new SignJWT({ username: user.username })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.id)
    .setJti(crypto.randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + deps.config.accessTokenTtlSeconds)
    .sign(deps.secret);
}

/**
 * Verifies an access token against the node secret at `clock.now()`.
 * Throws `auth.token_expired` (401) or `auth.invalid_token` (401).
 */
export async function verifyAccessToken(
  deps: Pick<AppDeps, 'secret' | 'clock'>,
  token: string,
): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, deps.secret, {
      algorithms: ['HS256'],
      currentDate: deps.clock.now(),
    });
    if (
      typeof payload.sub !== 'string' ||
      typeof payload.username !== 'string' ||
      typeof payload.jti !== 'string'
    ) {
      throw new SafeFlowError('auth.invalid_token', 'Access token lacks required claims', { status: 401 });
    }
    return { sub: payload.sub, username: payload.username, jti: payload.jti };
  } catch (err) {
    if (err instanceof SafeFlowError) throw err;
    if (err instanceof errors.JWTExpired) {
      throw new SafeFlowError('auth.token_expired', 'Access token expired; refresh it', { status: 401 });
    }
    throw new SafeFlowError('auth.invalid_token', 'Invalid access token', { status: 401 });
  }
}
