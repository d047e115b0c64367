import { SafeFlowError } from '@safeflow/engine/errors';
import type { ModuleFactory } from '../app/RuntimeModule';
import { authenticateRequest } from './authenticate';
import { ensureBuiltinRoles } from './ensureBuiltinRoles';
import { loginRoute } from './login.route';
import { logoutRoute } from './logout.route';
import { meRoute } from './me.route';
import { passwordRoute } from './password.route';
import { refreshRoute } from './refresh.route';
import { rolesRoute } from './roles.route';

/**
 * Authentication: login / refresh / logout / password, `GET /me`, `GET /roles`;
 * supplies the `authenticate` (Bearer JWT or Basic) and `requirePermission`
 * policies; upserts the built-in roles at start.
 */
export const authModule: ModuleFactory = (deps) => ({
  name: 'auth',
  routes: [
    loginRoute(deps),
    refreshRoute(deps),
    logoutRoute(deps),
    passwordRoute(deps),
    meRoute(deps),
    rolesRoute(deps),
  ],
  policies: {
    authenticate: (ctx) => authenticateRequest(deps, ctx),
    requirePermission: (auth, permission) => {
      if (auth.platformAdmin || auth.memberships.some((m) => m.permissions.includes(permission))) return;
      throw new SafeFlowError('auth.forbidden', `Missing permission '${permission}'`, { status: 403 });
    },
  },
  init: ensureBuiltinRoles,
});
