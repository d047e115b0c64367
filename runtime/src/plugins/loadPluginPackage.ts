import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { PluginDefinition } from '@safeflow/plugin-kit';

/**
 * Imports a plugin by package name (`@safeflow/plugin-video-diagnostics`) or
 * by path (`./plugins/x/src/index.ts`, relative to the working directory) and
 * returns its default export (or its `plugin` export).
 * @throws SafeFlowError `plugin.load_failed` (not installed, import error, no plugin export).
 */
export async function loadPluginPackage(spec: string): Promise<PluginDefinition> {
  const target = spec.startsWith('.') || path.isAbsolute(spec) ? pathToFileURL(path.resolve(spec)).href : spec;
  let mod: { default?: unknown; plugin?: unknown };
  try {
    mod = await import(target);
  } catch (err) {
    throw new SafeFlowError('plugin.load_failed', `Plugin '${spec}' could not be loaded: ${(err as Error).message}`, { status: 500, cause: err });
  }
  const p = (mod.default ?? mod.plugin) as PluginDefinition | undefined;
  if (!p || typeof p !== 'object' || typeof p.name !== 'string') {
    throw new SafeFlowError('plugin.load_failed', `Plugin '${spec}' has no definePlugin(...) default export`, { status: 500 });
  }
  return p;
}
