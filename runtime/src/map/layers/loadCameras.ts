import type { MapLayerContext } from '../MapLayerProvider';
import { scopedWhere } from '../scopedWhere';

/** How long an open AI alarm stays "live" on the map. */
export const LIVE_ALARM_HOURS = 24;

/** A located camera with its latest health status and its live alarms. */
export interface MapCamera {
  id: string;
  name: string;
  orgId: string;
  at: [number, number];
  zone: { name: string; risk: string } | null;
  enabled: boolean;
  health: 'ok' | 'fault' | 'offline' | 'unchecked';
  lastCheckAt: string | null;
  alarms: { id: string; label: string; confidence: number; occurrences: number; lastAt: string }[];
}

/** The park's cameras with a site-plan location that the caller may see. */
export async function loadCameras(ctx: MapLayerContext): Promise<MapCamera[]> {
  const w = scopedWhere(ctx, 'c');
  const db = ctx.deps.db;
  const cams = await db.query<{ id: string; name: string; org_id: string; location_x: number | null; location_y: number | null; zone_name: string | null; zone_risk: string | null; enabled: number | boolean }>(
    `SELECT c.id, c.name, c.org_id, c.location_x, c.location_y, c.zone_name, c.zone_risk, c.enabled FROM camera c
      WHERE ${w.sql} AND c.location_x IS NOT NULL AND c.location_y IS NOT NULL ORDER BY c.org_path, c.name, c.id`,
    w.params,
  );
  if (cams.length === 0) return [];
  const ids = cams.map((c) => c.id);
  const marks = ids.map(() => '?').join(', ');
  const health = await db.query<{ camera_id: string; status: string; at: number | string }>(
    `SELECT h.camera_id, h.status, h.at FROM camera_health h
      WHERE h.camera_id IN (${marks}) AND h.at = (SELECT MAX(h2.at) FROM camera_health h2 WHERE h2.camera_id = h.camera_id)`,
    ids,
  );
  const since = ctx.deps.clock.now().getTime() - LIVE_ALARM_HOURS * 3600_000;
  const alarms = await db.query<{ id: string; camera_id: string; label: string; confidence: number; occurrences: number; last_at: number | string }>(
    `SELECT a.id, a.camera_id, a.label, a.confidence, a.occurrences, a.last_at FROM ai_alarm a
      WHERE a.camera_id IN (${marks}) AND a.status = 'open' AND a.last_at >= ? ORDER BY a.last_at DESC, a.id`,
    [...ids, since],
  );
  return cams.map((c) => {
    const h = health.find((x) => x.camera_id === c.id);
    return {
      id: c.id,
      name: c.name,
      orgId: c.org_id,
      at: [Number(c.location_x), Number(c.location_y)] as [number, number],
      zone: c.zone_name && c.zone_risk ? { name: c.zone_name, risk: c.zone_risk } : null,
      enabled: Boolean(Number(c.enabled)),
      health: (h?.status ?? 'unchecked') as MapCamera['health'],
      lastCheckAt: h ? new Date(Number(h.at)).toISOString() : null,
      alarms: alarms
        .filter((a) => a.camera_id === c.id)
        .map((a) => ({ id: a.id, label: a.label, confidence: Number(a.confidence), occurrences: Number(a.occurrences), lastAt: new Date(Number(a.last_at)).toISOString() })),
    };
  });
}
