import type { ModuleFactory } from '../app/RuntimeModule';
import { catalogueRoutes } from './catalogue.route';

/** The Studio's catalogue endpoints (`/api/v1/catalogue/*`): form components, collections, rulesets. */
export const catalogueModule: ModuleFactory = (deps) => ({
  name: 'catalogue',
  routes: catalogueRoutes(deps),
});
