import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import { defineTaskType, type TaskTypeDefinition } from '@safeflow/plugin-kit';
import type { AppDeps } from '../app/AppDeps';

/** Topic of the built-in task that loads a patrol route's cameras at the start of a patrol. */
export const PATROL_ROUTE_TOPIC = 'patrol-route';

/**
 * The built-in `patrol-route` task type (first task of every generated
 * patrol BPMN): reads the route named by its `routeId` property and sets
 * `cameraIds` (the route's enabled cameras, in route order) and
 * `patrolRouteId`. A route of another tenant than the instance is
 * `patrol_route.not_found`.
 */
export function patrolRouteTaskType(deps: AppDeps): TaskTypeDefinition<{ routeId: string }> {
  return defineTaskType({
    topic: PATROL_ROUTE_TOPIC,
    name: { 'zh-CN': '读取巡检路线', en: 'Load patrol route' },
    description: { 'zh-CN': '按顺序取出路线上的摄像头', en: "Sets cameraIds to the route's enabled cameras, in order" },
    configSchema: z.object({ routeId: z.string().min(1).max(36) }),
    handler: async ({ task, config }) => {
      const [route] = await deps.db.query<{ tenant_id: string; camera_ids: string }>('SELECT tenant_id, camera_ids FROM patrol_route WHERE id = ?', [config.routeId]);
      if (!route || (task.tenantId && task.tenantId !== route.tenant_id)) {
        throw new SafeFlowError('patrol_route.not_found', `patrol route '${config.routeId}' not found`, { status: 404 });
      }
      const ids = JSON.parse(route.camera_ids) as string[];
      const rows = ids.length
        ? await deps.db.query<{ id: string }>(`SELECT id FROM camera WHERE enabled = 1 AND tenant_id = ? AND id IN (${ids.map(() => '?').join(',')})`, [route.tenant_id, ...ids])
        : [];
      const enabled = new Set(rows.map((r) => r.id));
      return { cameraIds: ids.filter((id) => enabled.has(id)), patrolRouteId: config.routeId };
    },
  });
}
