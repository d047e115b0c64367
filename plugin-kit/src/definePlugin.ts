import { SafeFlowError } from '@safeflow/engine/errors';
import type { TaskTypeDefinition } from './defineTaskType';
import type { LocalizedText } from './LocalizedText';
import type { NotificationChannelDefinition } from './defineNotificationChannel';

/**
 * A detector (AI.md): a model format with its labels and the pre- and
 * post-processing that turn a frame into detections. The ai-detect plugin
 * defines the concrete shapes; the kit only keys them by `id`.
 */
export interface DetectorDefinition {
  id: string;
  name?: LocalizedText;
  /** e.g. `onnx-yolov8`, `onnx-yolov5`, `onnx-end2end`. */
  modelFormat: string;
  labels?: readonly string[];
  preprocess?: (...args: never[]) => unknown;
  decode?: (...args: never[]) => unknown;
}

/** A form component a plugin adds to forms: name, Formily binding, designer property schema, server-side validator. */
export interface FormComponentDefinition {
  /** Component name used in form schemas (`x-component`). */
  name: string;
  title?: LocalizedText;
  /** The web app's binding (module specifier of the Vue component the designer loads). */
  binding?: string;
  /** JSON Schema of the component's properties in the form designer. */
  propertySchema?: Record<string, unknown>;
  /** Server-side validation of a submitted value: messages, empty = valid. */
  validate?(value: unknown, props: Record<string, unknown>): string[];
}

/** What a plugin adds to the Studio (palette entries for its task types, panel groups). */
export interface DesignerContribution {
  palette?: Array<{ topic: string; icon?: string; group?: string }>;
}

/** A plugin: a package whose default export (or `plugin` export) is {@link definePlugin}'s result. */
export interface PluginDefinition {
  /** The package name, e.g. `@safeflow/plugin-video-diagnostics`. */
  name: string;
  version?: string;
  title?: LocalizedText;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each task type has its own config type
  taskTypes?: readonly TaskTypeDefinition<any>[];
  detectors?: readonly DetectorDefinition[];
  formComponents?: readonly FormComponentDefinition[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each channel has its own config type
  notificationChannels?: readonly NotificationChannelDefinition<any>[];
  designer?: DesignerContribution;
}

/**
 * Declares a plugin. Checks that its keys are unique within itself (the
 * registries check them across plugins at start-up).
 * @throws SafeFlowError `plugin.invalid` (no name) or `plugin.duplicate_key`.
 */
export function definePlugin(def: PluginDefinition): PluginDefinition {
  if (!def?.name || typeof def.name !== 'string') throw new SafeFlowError('plugin.invalid', 'A plugin needs a name (its package name)', { status: 500 });
  const dup = (kind: string, keys: string[]) => {
    const seen = new Set<string>();
    for (const k of keys) {
      if (seen.has(k)) throw new SafeFlowError('plugin.duplicate_key', `${kind} '${k}' is declared twice in plugin ${def.name}`, { status: 409, details: { kind, key: k, plugin: def.name } });
      seen.add(k);
    }
  };
  dup('task type', (def.taskTypes ?? []).map((t) => t.topic));
  dup('detector', (def.detectors ?? []).map((d) => d.id));
  dup('form component', (def.formComponents ?? []).map((f) => f.name));
  dup('notification channel', (def.notificationChannels ?? []).map((c) => c.key));
  return Object.freeze({ ...def });
}
