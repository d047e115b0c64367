import type { ModuleFactory } from '../app/RuntimeModule';
import { dispatchRoutes } from './dispatch.route';

/** Command dispatch (指挥调度) over the safety pack's `safety-dispatch` process: order status steps and the map layer. */
export const dispatchModule: ModuleFactory = (deps) => ({
  name: 'dispatch',
  routes: dispatchRoutes(deps),
});
