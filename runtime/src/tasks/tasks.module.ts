import type { ModuleFactory } from '../app/RuntimeModule';
import { recordProcessRoute } from './recordProcess.route';
import { taskRoutes } from './tasks.route';

/** The Workspace's task inbox (`/api/v1/tasks`) over SafeFlow's engine, and the process view of a record. */
export const tasksModule: ModuleFactory = (deps) => ({
  name: 'tasks',
  routes: [...taskRoutes(deps), recordProcessRoute(deps)],
});
