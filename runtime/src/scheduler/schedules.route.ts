import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { START_PERMISSIONS } from '../engine/persistence/startOrg';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { DataScope } from '../tenancy/DataScope';
import { createSchedule, pauseSchedules } from './scheduleCommands';
import type { ScheduleRow } from './Scheduler';

const ScheduleOut = z.object({
  id: z.string(), key: z.string(), orgId: z.string(), name: z.string(), source: z.enum(['definition', 'api']),
  active: z.boolean(), nextAt: z.string().nullable(), lastOccurrenceAt: z.string().nullable(), content: z.unknown(), revision: z.number(),
});
const iso = (v: number | string | null) => (v === null || v === undefined ? null : new Date(Number(v)).toISOString());
const scheduleOut = (r: ScheduleRow): z.infer<typeof ScheduleOut> => ({
  id: r.id, key: r.sched_key, orgId: r.org_id, name: r.name, source: r.source, active: Number(r.active) === 1,
  nextAt: iso(r.next_at), lastOccurrenceAt: iso(r.last_occurrence_at), content: JSON.parse(r.content), revision: Number(r.revision),
});

const OccurrenceState = z.enum(['pending', 'open', 'done', 'late', 'missed', 'skipped', 'failed']);
const OccurrenceOut = z.object({
  id: z.string(), scheduleId: z.string(), occurrenceAt: z.string(), targetOrgId: z.string(), state: OccurrenceState, reason: z.string().nullable(),
  startAt: z.string(), dueAt: z.string(), missAt: z.string(), processInstanceId: z.string().nullable(),
  startedAt: z.string().nullable(), finishedAt: z.string().nullable(), missedAt: z.string().nullable(), error: z.string().nullable(),
});

/**
 * `/api/v1/schedules` (create, list), `/api/v1/schedules/occurrences` (the
 * occurrences of the caller's targets: duty scoring counts `missed`) and
 * `/api/v1/schedule-pauses` (停用/检修 periods whose occurrences are skipped).
 */
export function scheduleRoutes(deps: AppDeps): AnyRoute[] {
  const tags = ['schedules'];
  return [
    defineRoute({
      method: 'post', path: '/schedules', summary: 'Create a schedule (cron or every N units; targets; window; the process each occurrence starts)', tags,
      permission: 'engine.operate', idempotent: true, status: 201,
      body: z.strictObject({ key: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,127}$/), name: z.string().min(1).max(255), orgId: z.string().max(36).optional(), content: z.unknown() }),
      response: ScheduleOut,
      handler: async ({ body, auth }) => scheduleOut(await createSchedule(deps, auth, body)),
    }),
    defineRoute({
      method: 'get', path: '/schedules', summary: 'Schedules of the orgs in your scope', tags, permission: 'task.work',
      response: z.object({ items: z.array(ScheduleOut) }),
      handler: async ({ auth }) => {
        const s = DataScope.of(auth, START_PERMISSIONS).sql('org_path');
        const rows = await deps.db.query<ScheduleRow>(`SELECT * FROM schedule WHERE ${s.sql} ORDER BY sched_key, id LIMIT 1000`, s.params);
        return { items: rows.map(scheduleOut) };
      },
    }),
    defineRoute({
      method: 'get', path: '/schedules/occurrences', summary: 'Occurrences (pending/open/done/late/missed/skipped/failed) of targets in your scope', tags, permission: 'task.work',
      query: z.strictObject({
        scheduleId: z.string().max(36).optional(), state: OccurrenceState.optional(), targetOrgId: z.string().max(36).optional(),
        from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional(),
        limit: z.coerce.number().int().min(1).max(1000).optional(), offset: z.coerce.number().int().min(0).optional(),
      }),
      response: z.object({ items: z.array(OccurrenceOut), total: z.number() }),
      handler: async ({ query, auth }) => {
        const s = DataScope.of(auth, START_PERMISSIONS).sql('target_org_path');
        const where = [s.sql];
        const params: unknown[] = [...s.params];
        const add = (sql: string, v: unknown) => { where.push(sql); params.push(v); };
        if (query.scheduleId) add('schedule_id = ?', query.scheduleId);
        if (query.state) add('state = ?', query.state);
        if (query.targetOrgId) add('target_org_id = ?', query.targetOrgId);
        if (query.from) add('occurrence_at >= ?', Date.parse(query.from));
        if (query.to) add('occurrence_at < ?', Date.parse(query.to));
        const w = where.join(' AND ');
        const [{ n }] = (await deps.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM schedule_occurrence WHERE ${w}`, params)) as [{ n: number | string }];
        const rows = await deps.db.query<Record<string, unknown>>(
          `SELECT * FROM schedule_occurrence WHERE ${w} ORDER BY occurrence_at, target_org_path, id LIMIT ${query.limit ?? 100} OFFSET ${query.offset ?? 0}`, params,
        );
        return {
          total: Number(n),
          items: rows.map((r) => ({
            id: String(r.id), scheduleId: String(r.schedule_id), occurrenceAt: iso(r.occurrence_at as number)!, targetOrgId: String(r.target_org_id),
            state: r.state as z.infer<typeof OccurrenceState>, reason: (r.reason as string | null) ?? null,
            startAt: iso(r.start_at as number)!, dueAt: iso(r.due_at as number)!, missAt: iso(r.miss_at as number)!,
            processInstanceId: (r.process_instance_id as string | null) ?? null, startedAt: iso(r.started_at as number | null), finishedAt: iso(r.finished_at as number | null),
            missedAt: iso(r.missed_at as number | null), error: (r.error as string | null) ?? null,
          })),
        };
      },
    }),
    defineRoute({
      method: 'post', path: '/schedule-pauses', summary: 'Pause an org subtree (停用 shutdown / 检修 maintenance): its occurrences in the period are skipped and recorded', tags,
      permission: 'task.work', idempotent: true, status: 201,
      body: z.strictObject({
        orgId: z.string().max(36), kind: z.enum(['shutdown', 'maintenance']),
        from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }), reason: z.string().max(1000).optional(),
      }),
      response: z.object({ id: z.string(), orgId: z.string(), kind: z.string(), from: z.string(), to: z.string() }),
      handler: ({ body, auth }) => pauseSchedules(deps, auth, body),
    }),
  ];
}
