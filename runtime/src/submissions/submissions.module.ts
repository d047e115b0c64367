import type { ModuleFactory } from '../app/RuntimeModule';
import { submissionRoutes } from './submissions.route';
import { taskSubmitRoutes } from './taskSubmit.route';
import { installFormGuard } from './installFormGuard';

/** Form submissions pinned to form versions, and form-bound user task completion. */
export const submissionsModule: ModuleFactory = (deps) => {
  installFormGuard(deps);
  return {
    name: 'submissions',
    routes: [...submissionRoutes(deps), ...taskSubmitRoutes(deps)],
  };
};
