import type { TaskType } from './builtinTaskTypes';

/**
 * Which external-task topics are served in a tenant: a process may only be
 * published when every external task's topic is known here (or the element
 * is marked `camunda:property name="safeflow.external" value="true"`,
 * i.e. served by a worker outside SafeFlow).
 *
 * This is the one seam the task-type registry plugs into: call
 * {@link setKnownTopics}(deps, registry) when the runtime starts.
 */
export interface KnownTopics {
  topics(tenantId: string): Promise<Set<string>> | Set<string>;
  /**
   * Optional: the task types themselves (name, config schema) for the
   * modeler's topic picker (`GET /api/v1/processes/task-types`). Without it
   * the picker lists the built-in types of the known topics.
   */
  taskTypes?(tenantId: string): Promise<TaskType[]> | TaskType[];
}

/** The topics of SafeFlow's in-process workers. */
export const BUILTIN_TOPICS: readonly string[] = ['rules', 'records'];

/** The default provider: the built-in workers' topics in every tenant. */
export const builtinKnownTopics: KnownTopics = { topics: () => new Set(BUILTIN_TOPICS) };

const providers = new WeakMap<object, KnownTopics>();

/** Replaces the known-topics provider of a runtime (its `deps` object). */
export function setKnownTopics(deps: object, provider: KnownTopics): void {
  providers.set(deps, provider);
}

/** The known-topics provider of a runtime: the one set with {@link setKnownTopics}, else {@link builtinKnownTopics}. */
export function knownTopicsOf(deps: object): KnownTopics {
  return providers.get(deps) ?? builtinKnownTopics;
}
