import type { ModuleFactory } from '../../app/RuntimeModule';
import { processMonitorRoutes } from './processMonitor.route';
import { processRoutes } from './processes.route';

/**
 * Process definitions' extra routes (the `process` kind itself is served by
 * the definitions API): the publish lint dry run, the task types of the
 * topic picker, instance start, and the instance monitor. See
 * `../README-process.md`.
 */
export const processesModule: ModuleFactory = (deps) => ({
  name: 'processes',
  routes: [...processRoutes(deps), ...processMonitorRoutes(deps)],
});
