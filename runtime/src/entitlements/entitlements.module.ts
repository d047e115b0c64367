import { SafeFlowError } from '@safeflow/engine/errors';
import type { ModuleFactory } from '../app/RuntimeModule';
import { isEntitled } from './entitledModules';
import { entitlementRoutes } from './entitlements.route';

/**
 * Tenant entitlements (基础服务 / 增值服务): the routes, and the
 * `requireModule` policy behind `defineRoute({ module })` — the caller passes
 * when a tenant of one of their memberships has the module (platform admins
 * always); otherwise `module.not_entitled` (403).
 */
export const entitlementsModule: ModuleFactory = (deps) => ({
  name: 'entitlements',
  routes: entitlementRoutes(deps),
  policies: {
    requireModule: async (auth, module) => {
      if (await isEntitled(deps.db, auth, module)) return;
      throw new SafeFlowError(
        'module.not_entitled',
        `Module '${module}' is not enabled for your organisation`,
        {
          status: 403,
          details: { module },
        },
      );
    },
  },
});
