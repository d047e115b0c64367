import { z } from 'zod';
import { grabFrame, riskColours } from '@safeflow/plugin-kit';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { limitOffset, pageOf, pageQuery } from '../http/pagination';
import { DataScope } from '../tenancy/DataScope';
import { CameraStore } from './CameraStore';
import { CameraCreate, CameraOut, CameraUpdate } from './cameraSchemas';

const IdParams = z.object({ id: z.string().max(36) });

/** `/api/v1/cameras`: the camera registry (scoped by org; record.read / record.write; every change audited). */
export function cameraRoutes(deps: AppDeps): AnyRoute[] {
  const store = new CameraStore(deps);
  const tags = ['cameras'];
  return [
    defineRoute({
      method: 'get', path: '/cameras/health-report', summary: 'Daily camera health report: per visible camera, the checks of the day, the faults seen and the latest status', tags,
      permission: 'record.read', module: 'videoDiagnostics',
      query: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), tzOffsetMinutes: z.coerce.number().int().min(-840).max(840).default(480) }),
      response: HealthReport,
      handler: async ({ query, auth }) => healthReport(deps, auth, query.date, query.tzOffsetMinutes),
    }),
    defineRoute({
      method: 'get', path: '/cameras', summary: 'Cameras visible to the caller (optionally in one org subtree or zone risk colour)', tags,
      permission: 'record.read',
      query: z.object({ ...pageQuery, orgId: z.string().max(36).optional(), risk: z.enum(riskColours).optional() }),
      response: pageOf(CameraOut),
      handler: async ({ query, auth }) => {
        const [limit, offset] = limitOffset(query);
        const { items, total } = await store.list(auth, { orgId: query.orgId, risk: query.risk, limit, offset });
        return { items, total, page: query.page, pageSize: query.pageSize };
      },
    }),
    defineRoute({
      method: 'post', path: '/cameras', summary: 'Register a camera (RTSP URL or file source, site-plan location, zone and risk colour, diagnostics thresholds)', tags,
      permission: 'record.write', status: 201, idempotent: true, body: CameraCreate, response: CameraOut,
      handler: async ({ body, auth }) => store.create(auth, body),
    }),
    defineRoute({
      method: 'get', path: '/cameras/:id', summary: 'One camera (RTSP passwords shown as ***)', tags,
      permission: 'record.read', params: IdParams, response: CameraOut,
      handler: async ({ params, auth }) => store.read(auth, params.id),
    }),
    defineRoute({
      method: 'put', path: '/cameras/:id', summary: 'Replace a camera (optimistic locking by revision; a *** password keeps the stored one)', tags,
      permission: 'record.write', params: IdParams, body: CameraUpdate, response: CameraOut,
      handler: async ({ params, body, auth }) => store.update(auth, params.id, body),
    }),
    defineRoute({
      method: 'delete', path: '/cameras/:id', summary: 'Remove a camera and its health history', tags,
      permission: 'record.write', params: IdParams, query: z.object({ revision: z.coerce.number().int().positive() }),
      handler: async ({ params, query, auth }) => {
        await store.remove(auth, params.id, query.revision);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get', path: '/cameras/:id/snapshot', summary: 'A live JPEG frame of the camera (ffmpeg; 502 frame.unreachable, 504 frame.timeout)', tags,
      permission: 'record.read', params: IdParams,
      handler: async ({ params, auth, ctx }) => {
        await store.read(auth, params.id); // scope check
        const cam = await store.get(params.id, null);
        const jpeg = await grabFrame(cam.source, { format: 'jpeg', timeoutMs: 10_000 });
        ctx.type = 'image/jpeg';
        ctx.set('Cache-Control', 'no-store');
        ctx.body = jpeg;
        return undefined;
      },
    }),
  ];
}

const HealthReport = z.object({
  date: z.string(),
  summary: z.object({ cameras: z.number(), checked: z.number(), ok: z.number(), fault: z.number(), offline: z.number(), unchecked: z.number() }),
  items: z.array(
    z.object({
      cameraId: z.string(),
      name: z.string(),
      orgId: z.string(),
      zone: z.object({ name: z.string(), risk: z.string() }).nullable(),
      checks: z.number(),
      status: z.enum(['ok', 'fault', 'offline', 'unchecked']),
      faults: z.array(z.string()),
      lastCheckAt: z.string().nullable(),
      lastMetrics: z.record(z.string(), z.number()).nullable(),
    }),
  ),
});

/** The health report of `date` (local day at `tzOffsetMinutes`, default China Standard Time). */
async function healthReport(deps: AppDeps, auth: Parameters<CameraStore['read']>[0], date: string, tz: number): Promise<z.infer<typeof HealthReport>> {
  const from = Date.parse(`${date}T00:00:00Z`) - tz * 60_000;
  const to = from + 24 * 3600_000;
  const scope = DataScope.of(auth, 'record.read').sql('c.org_path');
  const cams = await deps.db.query<{ id: string; name: string; org_id: string; zone_name: string | null; zone_risk: string | null }>(
    `SELECT c.id, c.name, c.org_id, c.zone_name, c.zone_risk FROM camera c WHERE ${scope.sql} ORDER BY c.org_path, c.name, c.id`,
    scope.params,
  );
  const checks = await deps.db.query<{ camera_id: string; at: number | string; status: string; faults: string; metrics: string }>(
    `SELECT h.camera_id, h.at, h.status, h.faults, h.metrics FROM camera_health h JOIN camera c ON c.id = h.camera_id WHERE ${scope.sql} AND h.at >= ? AND h.at < ? ORDER BY h.at, h.id`,
    [...scope.params, from, to],
  );
  const items = cams.map((c) => {
    const mine = checks.filter((h) => h.camera_id === c.id);
    const last = mine.at(-1);
    const faults = [...new Set(mine.flatMap((h) => JSON.parse(h.faults) as string[]))].sort();
    return {
      cameraId: c.id,
      name: c.name,
      orgId: c.org_id,
      zone: c.zone_name && c.zone_risk ? { name: c.zone_name, risk: c.zone_risk } : null,
      checks: mine.length,
      status: (last?.status ?? 'unchecked') as 'ok' | 'fault' | 'offline' | 'unchecked',
      faults,
      lastCheckAt: last ? new Date(Number(last.at)).toISOString() : null,
      lastMetrics: last ? (JSON.parse(last.metrics) as Record<string, number>) : null,
    };
  });
  const count = (s: string) => items.filter((i) => i.status === s).length;
  return {
    date,
    summary: { cameras: items.length, checked: items.length - count('unchecked'), ok: count('ok'), fault: count('fault'), offline: count('offline'), unchecked: count('unchecked') },
    items,
  };
}
