import type { ModuleFactory } from '../app/RuntimeModule';
import { engineOf } from '../engine/engine.module';
import { definitionRoutes } from './definitions.route';
import { rulesetRoutes } from './rulesets.route';

/**
 * Versioned definitions (forms, rulesets, collections, views) with org
 * inheritance and the ruleset test panel. The `rules` task type is
 * registered by the built-in plugin (runtime/src/plugins) and run by the
 * plugin host.
 */
export const definitionsModule: ModuleFactory = (deps) => ({
  name: 'definitions',
  routes: [...definitionRoutes(deps), ...rulesetRoutes(deps)],
});

/** Whether this runtime has the engine module (and so `/engine-rest`). */
export function hasEngine(deps: object): boolean {
  try {
    engineOf(deps);
    return true;
  } catch {
    return false;
  }
}
