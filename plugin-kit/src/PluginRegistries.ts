import { SafeFlowError } from '@safeflow/engine/errors';
import type { DetectorDefinition, FormComponentDefinition, PluginDefinition } from './definePlugin';
import type { NotificationChannelDefinition } from './defineNotificationChannel';
import { Registry } from './Registry';
import { TaskTypeRegistry } from './TaskTypeRegistry';

/** The extension points, one registry each; built once at start-up and passed through the runtime's dependencies. */
export interface PluginRegistries {
  plugins: Registry<PluginDefinition>;
  taskTypes: TaskTypeRegistry;
  detectors: Registry<DetectorDefinition>;
  formComponents: Registry<FormComponentDefinition>;
  notificationChannels: Registry<NotificationChannelDefinition>;
}

/** Empty registries; `remoteTopics` are topics served by workers outside SafeFlow (`REMOTE_WORKER_TOPICS`). */
export function createPluginRegistries(remoteTopics: readonly string[] = []): PluginRegistries {
  return {
    plugins: new Registry<PluginDefinition>('plugin'),
    taskTypes: new TaskTypeRegistry(remoteTopics),
    detectors: new Registry<DetectorDefinition>('detector'),
    formComponents: new Registry<FormComponentDefinition>('form component'),
    notificationChannels: new Registry<NotificationChannelDefinition>('notification channel'),
  };
}

/**
 * Adds a plugin and everything it declares. `external`: its workers run out
 * of process (`safeflow worker --plugin`), so this node lists its task types
 * but does not subscribe them.
 * @throws SafeFlowError `plugin.duplicate_key` (a plugin, topic, detector or component name taken); nothing is added then.
 */
export function registerPlugin(regs: PluginRegistries, plugin: PluginDefinition, opts: { external?: boolean } = {}): void {
  // check everything first so a rejected plugin leaves no half-registration behind
  const clash = (kind: string, key: string, reg: { has(k: string): boolean; ownerOf(k: string): string | undefined }) => {
    if (reg.has(key)) {
      throw new SafeFlowError('plugin.duplicate_key', `${kind} '${key}' is registered twice: by ${reg.ownerOf(key)} and by ${plugin.name}`, {
        status: 409,
        details: { kind, key, first: reg.ownerOf(key), second: plugin.name },
      });
    }
  };
  clash('plugin', plugin.name, regs.plugins);
  for (const t of plugin.taskTypes ?? []) clash('task type', t.topic, regs.taskTypes);
  for (const d of plugin.detectors ?? []) clash('detector', d.id, regs.detectors);
  for (const f of plugin.formComponents ?? []) clash('form component', f.name, regs.formComponents);
  for (const c of plugin.notificationChannels ?? []) clash('notification channel', c.key, regs.notificationChannels);
  regs.plugins.register(plugin.name, plugin, plugin.name);
  for (const t of plugin.taskTypes ?? []) regs.taskTypes.register(t.topic, { definition: t, plugin: plugin.name, external: !!opts.external }, plugin.name);
  for (const d of plugin.detectors ?? []) regs.detectors.register(d.id, d, plugin.name);
  for (const f of plugin.formComponents ?? []) regs.formComponents.register(f.name, f, plugin.name);
  for (const c of plugin.notificationChannels ?? []) regs.notificationChannels.register(c.key, c as NotificationChannelDefinition, plugin.name);
}

/** Closes every registry (after start-up). */
export function freezeRegistries(regs: PluginRegistries): PluginRegistries {
  regs.plugins.freeze();
  regs.taskTypes.freeze();
  regs.detectors.freeze();
  regs.formComponents.freeze();
  regs.notificationChannels.freeze();
  return regs;
}
