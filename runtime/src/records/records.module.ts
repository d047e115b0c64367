import type { ModuleFactory } from '../app/RuntimeModule';
import { ledgerRoutes } from './ledgers.route';
import { recordRoutes } from './records.route';

/** Records of collections and the ledgers (views) over them. The `records` task type is registered by the built-in plugin (runtime/src/plugins). */
export const recordsModule: ModuleFactory = (deps) => ({
  name: 'records',
  routes: [...recordRoutes(deps), ...ledgerRoutes(deps)],
});
