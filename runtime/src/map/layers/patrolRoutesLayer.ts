import type { MapLayerProvider } from '../MapLayerProvider';
import { scopedWhere } from '../scopedWhere';
import { loadCameras } from './loadCameras';

const ROUTE = '#3949ab';

/** Inspection / patrol routes (巡检路线): a line through the route's located cameras, in stop order. */
export const patrolRoutesLayer: MapLayerProvider = {
  key: 'patrolRoutes',
  title: { zh: '巡检路线', en: 'Inspection routes' },
  legend: [{ colour: ROUTE, label: { zh: '巡检路线', en: 'Patrol route' } }],
  async fetch(ctx) {
    const w = scopedWhere(ctx, 'p');
    const routes = await ctx.deps.db.query<{ id: string; name: string; camera_ids: string | string[]; task_topic: string; schedule: string | null; enabled: number | boolean }>(
      `SELECT p.id, p.name, p.camera_ids, p.task_topic, p.schedule, p.enabled FROM patrol_route p WHERE ${w.sql} ORDER BY p.org_path, p.name, p.id`,
      w.params,
    );
    if (routes.length === 0) return [];
    const cameras = new Map((await loadCameras(ctx)).map((c) => [c.id, c]));
    return routes.flatMap((r) => {
      const ids = typeof r.camera_ids === 'string' ? (JSON.parse(r.camera_ids) as string[]) : r.camera_ids;
      const stops = ids.map((id) => cameras.get(id)).filter((c) => c !== undefined);
      if (stops.length < 2) return [];
      return [{
        id: r.id,
        kind: 'polyline' as const,
        coords: stops.map((c) => c.at),
        colour: ROUTE,
        label: r.name,
        status: Number(r.enabled) ? 'enabled' : 'disabled',
        props: { stops: stops.map((c) => c.name), taskTopic: r.task_topic, schedule: r.schedule },
      }];
    });
  },
};
