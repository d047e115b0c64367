import { createAiDetectPlugin } from '@safeflow/plugin-ai-detect';
import type { PluginDefinition } from '@safeflow/plugin-kit';
import type { AppDeps } from '../app/AppDeps';
import { aiServicesOf } from './AiServices';

/**
 * The ai-detect plugin as this runtime hosts it: `createAiDetectPlugin` over the runtime's
 * ports (storage, files, org of a task — what the kit's `PluginServices` does not offer), so
 * it is registered by installPlugins like the built-in task types rather than loaded by name
 * from `PLUGINS`; the plugin host runs its `ai-detect` and `ai-alarm-review` workers.
 */
export function aiDetectPlugin(deps: AppDeps): PluginDefinition {
  return createAiDetectPlugin(aiServicesOf(deps).ports);
}
