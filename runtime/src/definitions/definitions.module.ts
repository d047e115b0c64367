import type { ModuleFactory } from '../app/RuntimeModule';
import type { Worker } from '../worker/createWorker';
import { engineOf } from '../engine/engine.module';
import { definitionRoutes } from './definitions.route';
import { rulesetRoutes } from './rulesets.route';
import { processRoutes } from './process/processes.route';
import { processMonitorRoutes } from './process/processMonitor.route';
import { startRulesWorker } from './rulesWorker';
import { inProcessWorkersEnabled } from './inProcessWorkersEnabled';

/**
 * Versioned definitions (forms, rulesets, collections, views) with org
 * inheritance, the ruleset test panel, and the in-process `rules` worker
 * (started when the engine module is installed and {@link inProcessWorkersEnabled}).
 */
export const definitionsModule: ModuleFactory = (deps) => {
  let worker: Worker | undefined;
  return {
    name: 'definitions',
    routes: [...definitionRoutes(deps), ...rulesetRoutes(deps), ...processRoutes(deps), ...processMonitorRoutes(deps)],
    async start({ url }) {
      if (!inProcessWorkersEnabled() || !hasEngine(deps)) return;
      worker = await startRulesWorker(deps, url);
    },
    async stop() {
      worker?.stop();
      worker = undefined;
    },
  };
};

/** Whether this runtime has the engine module (and so `/engine-rest`). */
export function hasEngine(deps: object): boolean {
  try {
    engineOf(deps);
    return true;
  } catch {
    return false;
  }
}
