import { freezeRegistries, registerPlugin, type PluginDefinition } from '@safeflow/plugin-kit';
import type { AppDeps } from '../app/AppDeps';
import { builtinPlugin } from './builtinPlugin';
import { aiDetectPlugin } from '../ai/aiDetectPlugin';
import { loadPluginPackage } from './loadPluginPackage';

/**
 * Fills the registries of `deps` at start-up: the built-in task types, the
 * plugins of `config.plugins` (workers run here), `config.externalPlugins`
 * (listed, workers elsewhere) and `extra` (plugin objects, for tests and
 * embedders); then freezes them.
 * @throws SafeFlowError `plugin.load_failed` or `plugin.duplicate_key`: the node does not start.
 */
export async function installPlugins(deps: AppDeps, extra: PluginDefinition[] = []): Promise<void> {
  registerPlugin(deps, builtinPlugin(deps));
  registerPlugin(deps, aiDetectPlugin(deps));
  for (const name of deps.config.plugins) registerPlugin(deps, await loadPluginPackage(name));
  for (const name of deps.config.externalPlugins) registerPlugin(deps, await loadPluginPackage(name), { external: true });
  for (const p of extra) registerPlugin(deps, p);
  freezeRegistries(deps);
  deps.logger.debug({ plugins: deps.plugins.keys(), topics: deps.taskTypes.topics() }, 'plugins installed');
}
