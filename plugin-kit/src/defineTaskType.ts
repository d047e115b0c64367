import { SafeFlowError } from '@safeflow/engine/errors';
import type { z } from 'zod';
import type { LocalizedText } from './LocalizedText';
import type { PluginServices } from './PluginServices';
import type { TaskContext } from './worker/createWorker';

/** What a task-type handler receives. */
export interface TaskTypeContext<C> {
  /** The locked external task (id, topic, process instance, tenant, `extensionProperties`, ...). */
  task: TaskContext<Record<string, unknown>>['task'];
  /** The task's process variables as plain values. */
  variables: Record<string, unknown>;
  /** The task's configuration: its `camunda:properties`, parsed by the task type's `configSchema`. */
  config: C;
  /** What the host provides (cameras, frames, clock, logger). */
  services: PluginServices;
  extendLock(ms: number): Promise<void>;
}

/**
 * A task type: an external-task topic served by a plugin. The modeler's
 * properties panel edits `camunda:properties` from `configSchema` (exported
 * as JSON Schema by the catalogue); the handler resolves with the variables
 * to set when the task completes. Throw `BpmnError` for business errors;
 * any other error is a technical failure (an incident once retries are used up),
 * its message led by the error's `code` (`<topic>.failed` when it has none).
 */
export interface TaskTypeDefinition<C = unknown> {
  /** External-task topic, e.g. `video-diagnose` (lower case, digits, `.`, `_`, `-`). */
  topic: string;
  name: LocalizedText;
  description?: LocalizedText;
  /** zod schema of the task's configuration (its `camunda:properties`). */
  configSchema: z.ZodType<C>;
  handler(ctx: TaskTypeContext<C>): Promise<Record<string, unknown> | void>;
  /** Variables to fetch with the task (default all). */
  variables?: string[];
  /** Lock duration in ms (default 30 s; long work calls `extendLock`). */
  lockDuration?: number;
}

/** Topic names: what Camunda accepts and what stays readable in BPMN. */
export const TOPIC_PATTERN = /^[a-z][a-z0-9._-]{0,99}$/;

/**
 * Declares a task type (identity function with checks, so plugins get type
 * inference for `config`).
 * @throws SafeFlowError `plugin.invalid_task_type` for a bad topic, missing names, schema or handler.
 */
export function defineTaskType<C>(def: TaskTypeDefinition<C>): TaskTypeDefinition<C> {
  const bad = (why: string) => new SafeFlowError('plugin.invalid_task_type', `Task type '${def?.topic}': ${why}`, { status: 500 });
  if (typeof def?.topic !== 'string' || !TOPIC_PATTERN.test(def.topic)) throw bad(`topic must match ${TOPIC_PATTERN}`);
  if (!def.name?.['zh-CN'] || !def.name?.en) throw bad("name needs 'zh-CN' and 'en'");
  if (!def.configSchema || typeof (def.configSchema as { safeParse?: unknown }).safeParse !== 'function') throw bad('configSchema must be a zod schema');
  if (typeof def.handler !== 'function') throw bad('handler must be a function');
  return Object.freeze({ ...def });
}
