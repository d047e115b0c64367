import type { ModuleFactory } from '../app/RuntimeModule';
import { submissionRoutes } from './submissions.route';

/** Form submissions pinned to form versions. */
export const submissionsModule: ModuleFactory = (deps) => ({
  name: 'submissions',
  routes: submissionRoutes(deps),
});
