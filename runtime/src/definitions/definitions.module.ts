import type { ModuleFactory } from '../app/RuntimeModule';
import { definitionRoutes } from './definitions.route';

/** Versioned definitions (forms, rulesets, collections, views) with org inheritance. */
export const definitionsModule: ModuleFactory = (deps) => ({
  name: 'definitions',
  routes: definitionRoutes(deps),
});
