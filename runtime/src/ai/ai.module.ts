import type { ModuleFactory } from '../app/RuntimeModule';
import type { HttpPolicies } from '../http/HttpPolicies';
import { aiRoutes } from './ai.route';
import { aiServicesOf } from './AiServices';

/**
 * AI detection (plugins/ai-detect): `/api/v1/ai/*`. The plugin's task types are registered
 * by installPlugins ({@link aiDetectPlugin}) and run by the plugin host; this module shuts
 * the detector worker pool down with the node.
 */
export const aiModule: ModuleFactory = (deps) => {
  let policies: HttpPolicies | undefined;
  return {
    name: 'ai',
    routes: aiRoutes(deps, () => policies),
    // not a raw mount: only to receive the assembled policies (the model import applies Idempotency-Key itself)
    mount(_app, _root, assembled) {
      policies = assembled;
    },
    async stop() {
      await aiServicesOf(deps).pool.close();
    },
  };
};
