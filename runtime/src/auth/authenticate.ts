import type { Context } from 'koa';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import type { AuthContext } from '../http/AuthContext';
import { verifyAccessToken } from './accessTokens';
import { authContextOf, loadAuthContext, type MembershipRow } from './loadAuthContext';
import { checkCredentials, type CredentialRow } from './verifyCredentials';

/**
 * Authenticates a Bearer access token: verifies the JWT at `clock.now()` and
 * loads the caller's memberships. Throws `auth.token_expired` /
 * `auth.invalid_token` (401); a deleted or disabled user is `auth.invalid_token`.
 */
export async function authenticateBearer(deps: AppDeps, token: string): Promise<AuthContext> {
  const claims = await verifyAccessToken(deps, token);
  const auth = await loadAuthContext(deps.db, claims.sub);
  if (!auth)
    throw new SafeFlowError('auth.invalid_token', 'The token belongs to no active user', { status: 401 });
  return auth;
}

/**
 * Authenticates a username and password (HTTP Basic, used by `/engine-rest`
 * clients), with the same lock-out as login. Throws `auth.invalid_credentials`
 * (401), `auth.locked` (423) or `auth.user_disabled` (401).
 */
export async function authenticateBasic(
  deps: AppDeps,
  username: string,
  password: string,
): Promise<AuthContext> {
  // One query, on every request (no cache, so disabling a user or changing a membership applies at once):
  // the user row verifyCredentials checks, with loadAuthContext's memberships (orgs not archived) alongside.
  const rows = await deps.db.query<CredentialRow & { is_platform_admin: number } & Nullable<MembershipRow>>(
    `SELECT u.id, u.username, u.display_name, u.password_hash, u.disabled, u.failed_logins, u.locked_until, u.is_platform_admin,
            m.org_id, o.path, o.tenant_id, m.role_key, r.permissions
       FROM user u
       LEFT JOIN (membership m JOIN org o ON o.id = m.org_id AND o.archived = 0 JOIN role r ON r.role_key = m.role_key)
         ON m.user_id = u.id
      WHERE u.username = ?
      ORDER BY o.path, m.role_key`,
    [username],
  );
  const user = rows[0];
  await checkCredentials(deps, user, password);
  if (!user || Number(user.disabled))
    throw new SafeFlowError('auth.invalid_credentials', 'Wrong username or password', { status: 401 });
  return authContextOf(
    user,
    rows.filter((r): r is typeof r & MembershipRow => r.org_id !== null),
  );
}

type Nullable<T> = { [K in keyof T]: T[K] | null };

/**
 * Reads `Authorization: Bearer <jwt>` or `Authorization: Basic <base64>`;
 * returns undefined when there is no such header. The result is cached on
 * `ctx.state.auth` for the rest of the request (never across requests).
 */
export async function authenticateRequest(deps: AppDeps, ctx: Context): Promise<AuthContext | undefined> {
  if (ctx.state.auth) return ctx.state.auth as AuthContext;
  const header = ctx.get('authorization');
  if (!header) return undefined;
  const [scheme, value = ''] = header.trim().split(/\s+/, 2);
  let auth: AuthContext;
  if (/^bearer$/i.test(scheme!)) {
    auth = await authenticateBearer(deps, value);
  } else if (/^basic$/i.test(scheme!)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0)
      throw new SafeFlowError('auth.invalid_token', 'Malformed Basic credentials', { status: 401 });
    auth = await authenticateBasic(deps, decoded.slice(0, colon), decoded.slice(colon + 1));
  } else {
    throw new SafeFlowError('auth.invalid_token', `Unsupported authorization scheme '${scheme}'`, {
      status: 401,
    });
  }
  ctx.state.auth = auth;
  return auth;
}
