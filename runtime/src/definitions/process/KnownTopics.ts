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

/** The shape of the plugin host's task-type registry (`deps.taskTypes` of the plugins module: `topics()`, `catalogue()`). */
interface TaskTypeRegistryLike {
  topics(): Iterable<string>;
  catalogue(): TaskType[];
}

function registryOf(deps: object): TaskTypeRegistryLike | undefined {
  const r = (deps as { taskTypes?: Partial<TaskTypeRegistryLike> }).taskTypes;
  return r && typeof r.topics === 'function' && typeof r.catalogue === 'function'
    ? (r as TaskTypeRegistryLike)
    : undefined;
}

/**
 * The known-topics provider of a runtime: the one set with
 * {@link setKnownTopics}; else, when the runtime has the plugin host's
 * task-type registry on `deps.taskTypes`, that registry (its topics and
 * catalogue); else {@link builtinKnownTopics}.
 */
export function knownTopicsOf(deps: object): KnownTopics {
  const set = providers.get(deps);
  if (set) return set;
  const registry = registryOf(deps);
  if (registry) return { topics: () => new Set(registry.topics()), taskTypes: () => registry.catalogue() };
  return builtinKnownTopics;
}
