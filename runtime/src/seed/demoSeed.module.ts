import type { ModuleFactory } from '../app/RuntimeModule';
import { seedDemo } from './seedDemo';

/** Seeds the demo tenant at start when `config.seedDemo` is on and the database has no orgs. */
export const demoSeedModule: ModuleFactory = (deps) => ({
  name: 'demoSeed',
  init: async () => {
    if (deps.config.seedDemo) await seedDemo(deps);
  },
});
