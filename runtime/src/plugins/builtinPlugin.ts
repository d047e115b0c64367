import { definePlugin, type PluginDefinition } from '@safeflow/plugin-kit';
import type { AppDeps } from '../app/AppDeps';
import { rulesTaskType } from '../definitions/rulesWorker';
import { recordsTaskType } from '../records/recordsWorker';
import { patrolAlarmTaskType } from '../cameras/patrolAlarmTaskType';
import { patrolRouteTaskType } from '../cameras/patrolRouteTaskType';
import { schedulesTaskType } from '../scheduler/schedulesTaskType';

/** Name of the runtime's own plugin in the registries and the catalogue. */
export const BUILTIN_PLUGIN = '@safeflow/runtime';

/** The runtime's built-in task types (`rules`, `records`, `patrol-route`, `patrol-alarm`, `schedules`), registered through the same kit as every plugin. */
export function builtinPlugin(deps: AppDeps): PluginDefinition {
  return definePlugin({ name: BUILTIN_PLUGIN, taskTypes: [rulesTaskType(deps), recordsTaskType(deps), patrolRouteTaskType(deps), patrolAlarmTaskType(deps), schedulesTaskType(deps)] });
}
