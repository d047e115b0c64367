import type { ModuleFactory } from '../app/RuntimeModule';
import { orgReadRoutes } from './orgs.route';
import { orgWriteRoutes } from './orgWrite.route';
import { ensureOrgTypes } from './orgTypes';

/** The org tree: org types (defaults ensured at start) and the org routes. */
export const orgsModule: ModuleFactory = (deps) => ({
  name: 'orgs',
  routes: [...orgReadRoutes(deps), ...orgWriteRoutes(deps)],
  init: ensureOrgTypes,
});
