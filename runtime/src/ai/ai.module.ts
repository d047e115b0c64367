import type { ModuleFactory } from '../app/RuntimeModule';
import { aiRoutes } from './ai.route';
import { aiServicesOf } from './AiServices';

/**
 * AI detection (plugins/ai-detect): `/api/v1/ai/*`. The plugin's task types are registered
 * by installPlugins ({@link aiDetectPlugin}) and run by the plugin host; this module shuts
 * the detector worker pool down with the node.
 */
export const aiModule: ModuleFactory = (deps) => ({
  name: 'ai',
  routes: aiRoutes(deps),
  async stop() {
    await aiServicesOf(deps).pool.close();
  },
});
