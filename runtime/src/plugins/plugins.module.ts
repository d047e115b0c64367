import type { Worker } from '@safeflow/plugin-kit';
import type { ModuleFactory } from '../app/RuntimeModule';
import { hasEngine } from '../definitions/definitions.module';
import { inProcessWorkersEnabled } from '../definitions/inProcessWorkersEnabled';
import { catalogueRoutes } from './catalogue.route';
import { startPluginWorkers } from './startPluginWorkers';

/**
 * The plugin host: the task-type catalogue, and the in-process workers of
 * every registered task type (built-in `rules`, `records`, `patrol-route`
 * and the plugins of `PLUGINS`), started after the server listens when the
 * engine module is installed and {@link inProcessWorkersEnabled}.
 */
export const pluginsModule: ModuleFactory = (deps) => {
  let workers: Worker[] = [];
  return {
    name: 'plugins',
    routes: catalogueRoutes(deps),
    async start({ url }) {
      if (!inProcessWorkersEnabled() || !hasEngine(deps)) return;
      workers = await startPluginWorkers(deps, url);
    },
    async stop() {
      for (const w of workers) w.stop();
      workers = [];
    },
  };
};
