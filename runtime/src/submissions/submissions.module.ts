import type { ModuleFactory } from '../app/RuntimeModule';
import { submissionRoutes } from './submissions.route';
import { taskSubmitRoutes } from './taskSubmit.route';

/** Form submissions pinned to form versions, and form-bound user task completion. */
export const submissionsModule: ModuleFactory = (deps) => ({
  name: 'submissions',
  routes: [...submissionRoutes(deps), ...taskSubmitRoutes(deps)],
});
