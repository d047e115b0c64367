import type { TaskTypeCatalogueItem } from '@safeflow/plugin-kit';
import type { AppDeps } from '../app/AppDeps';

/**
 * The task-type registry as the platform's deploy check wants it (the
 * modeler branch's `KnownTopics` in runtime/src/definitions/process: `topics(tenantId)`
 * and the optional `taskTypes(tenantId)`), structurally typed so it plugs in
 * with `setKnownTopics(deps, registryKnownTopics(deps))`. Topics are the same
 * in every tenant today: registered task types (in-process and
 * `EXTERNAL_PLUGINS`) and `REMOTE_WORKER_TOPICS`.
 */
export function registryKnownTopics(deps: Pick<AppDeps, 'taskTypes'>): {
  topics(tenantId: string): Set<string>;
  taskTypes(tenantId: string): TaskTypeCatalogueItem[];
} {
  return {
    topics: () => new Set(deps.taskTypes.topics()),
    taskTypes: () => deps.taskTypes.catalogue(),
  };
}
