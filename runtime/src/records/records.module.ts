import type { ModuleFactory } from '../app/RuntimeModule';
import { ledgerRoutes } from './ledgers.route';
import { recordRoutes } from './records.route';

/** Records of collections and the ledgers (views) over them. */
export const recordsModule: ModuleFactory = (deps) => ({
  name: 'records',
  routes: [...recordRoutes(deps), ...ledgerRoutes(deps)],
});
