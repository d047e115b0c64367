import type { ModuleFactory } from '../app/RuntimeModule';
import { installBundledPacks } from './installBundledPacks';
import { packRoutes } from './packs.route';

/**
 * Template packs: `/api/v1/packs` (list, validate, install, upgrade, export)
 * and, with demo data on (SEED_DEMO), the bundled packs installed into the
 * demo tenant at start (after the demo seed, the engine and definitions).
 */
export const packsModule: ModuleFactory = (deps) => ({
  name: 'packs',
  routes: packRoutes(deps),
  async init() {
    if (deps.config.seedDemo) await installBundledPacks(deps);
  },
});
