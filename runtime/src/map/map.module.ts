import type { ModuleFactory } from '../app/RuntimeModule';
import { seedDemoCameras } from './seedDemoCameras';
import { mapRoutes } from './map.route';

/** The park map (园区一张图): parks, pluggable layers (layerProviders.ts), the site plan; demo cameras on the demo park. */
export const mapModule: ModuleFactory = (deps) => ({
  name: 'map',
  routes: mapRoutes(deps),
  init: async () => {
    if (deps.config.seedDemo) await seedDemoCameras(deps);
  },
});
