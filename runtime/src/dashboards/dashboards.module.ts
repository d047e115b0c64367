import type { ModuleFactory } from '../app/RuntimeModule';
import { dashboardRoutes } from './dashboards.route';

/** Dashboards: `view` definitions of `type: "dashboard"` computed per caller (runtime/src/dashboards/README.md). */
export const dashboardsModule: ModuleFactory = (deps) => ({
  name: 'dashboards',
  routes: dashboardRoutes(deps),
});
