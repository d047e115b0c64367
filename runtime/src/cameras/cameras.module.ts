import type { ModuleFactory } from '../app/RuntimeModule';
import { cameraRoutes } from './cameras.route';
import { cameraWorkerRoutes } from './cameraWorker.route';
import { patrolRouteRoutes } from './patrolRoutes.route';

/** Cameras (a generic devices capability plugins use through the kit's CameraService), their daily health report, and patrol routes. */
export const camerasModule: ModuleFactory = (deps) => ({
  name: 'cameras',
  routes: [...cameraRoutes(deps), ...cameraWorkerRoutes(deps), ...patrolRouteRoutes(deps)],
});
