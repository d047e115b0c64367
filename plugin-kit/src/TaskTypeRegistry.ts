import { z } from 'zod';
import type { TaskTypeDefinition } from './defineTaskType';
import type { LocalizedText } from './LocalizedText';
import { Registry } from './Registry';

/** One entry of `GET /api/v1/catalogue/task-types` (the modeler's palette and properties panel read it). */
export interface TaskTypeCatalogueItem {
  topic: string;
  name: LocalizedText;
  description?: LocalizedText;
  /** JSON Schema (draft 2020-12) of the task's `camunda:properties`. */
  configSchema: Record<string, unknown>;
  /** True when no in-process worker serves it here: a plugin run out of process or a configured remote worker topic. */
  external?: boolean;
  /** The plugin that declares it (`remote` for configured remote worker topics). */
  plugin: string;
}

/** A task type in the registry, with how it is served on this node. */
export interface RegisteredTaskType {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each task type has its own config type
  definition: TaskTypeDefinition<any>;
  plugin: string;
  /** True when its worker runs out of process (`safeflow worker --plugin`), not in this node. */
  external: boolean;
}

/**
 * The task-type registry (key: topic). `topics()` is what the platform's
 * deploy check needs: every topic served by a registered task type, plus
 * the configured remote worker topics.
 */
export class TaskTypeRegistry extends Registry<RegisteredTaskType> {
  private readonly remote: string[];

  /** `remoteTopics`: topics served by workers SafeFlow does not know (`REMOTE_WORKER_TOPICS`). */
  constructor(remoteTopics: readonly string[] = []) {
    super('task type');
    this.remote = [...new Set(remoteTopics)];
  }

  /** Every topic a worker serves: registered task types (in- or out-of-process) and remote worker topics. */
  topics(): string[] {
    return [...new Set([...this.keys(), ...this.remote])];
  }

  /** Whether a worker serves `topic`. */
  serves(topic: string): boolean {
    return this.has(topic) || this.remote.includes(topic);
  }

  /** The configured remote worker topics. */
  remoteTopics(): string[] {
    return [...this.remote];
  }

  /** Task types served by workers in this node (the plugin host subscribes these). */
  inProcess(): RegisteredTaskType[] {
    return this.values().filter((t) => !t.external);
  }

  /** The catalogue: registered task types, then remote worker topics not registered. */
  catalogue(): TaskTypeCatalogueItem[] {
    const items: TaskTypeCatalogueItem[] = this.values().map((t) => ({
      topic: t.definition.topic,
      name: t.definition.name,
      ...(t.definition.description ? { description: t.definition.description } : {}),
      configSchema: configJsonSchema(t.definition.configSchema),
      ...(t.external ? { external: true } : {}),
      plugin: t.plugin,
    }));
    for (const topic of this.remote) {
      if (this.has(topic)) continue;
      items.push({ topic, name: { 'zh-CN': topic, en: topic }, configSchema: { type: 'object' }, external: true, plugin: 'remote' });
    }
    return items;
  }
}

/** JSON Schema of a config schema as the properties panel reads it (input side; unrepresentable parts become `{}`). */
export function configJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
