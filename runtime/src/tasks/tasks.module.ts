import type { ModuleFactory } from '../app/RuntimeModule';
import { taskRoutes } from './tasks.route';

/** The Workspace's task inbox (`/api/v1/tasks`) over SafeFlow's engine. */
export const tasksModule: ModuleFactory = (deps) => ({
  name: 'tasks',
  routes: taskRoutes(deps),
});
