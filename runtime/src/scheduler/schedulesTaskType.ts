import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import { defineTaskType, type TaskTypeDefinition } from '@safeflow/plugin-kit';
import type { AppDeps } from '../app/AppDeps';
import { unitOfWork } from '../db/unitOfWork';
import { taskOrg } from '../engineGateway/startInProcessWorker';
import type { AuthContext } from '../http/AuthContext';
import { RecordService } from '../records/RecordService';
import { withConflictRetry } from '../records/withConflictRetry';
import { dutyPlanSchedule, type DutyPlan } from './dutyPlanSchedule';
import { measureSchedules, type ControlMeasure, type MeasureSchedule } from './measureSchedules';
import type { ScheduleContent } from './ScheduleContent';
import { firstNextAt, insertSchedule, type ScheduleRow } from './Scheduler';

/** The topic of service tasks that make schedules (W1: inspection plans from control measures). */
export const SCHEDULES_TOPIC = 'schedules';

const WORKER_AUTH: AuthContext = { kind: 'worker', userId: 'schedules-worker', username: 'schedules-worker', platformAdmin: true, memberships: [] };
const ACTOR = { actorId: 'schedules-worker', actorName: 'schedules-worker' };

/** What one `fromMeasures` run did to the schedules of a record. */
export interface MeasureSyncResult {
  created: string[];
  updated: string[];
  unchanged: string[];
  deactivated: string[];
}

/** A re-derived schedule keeps the anchor of the stored one when its cycle is the same (so an unchanged measure stays unchanged). */
function keepAnchor(w: MeasureSchedule, stored: ScheduleContent): MeasureSchedule {
  const a = w.content.cadence;
  const b = stored.cadence;
  if (!('every' in a) || !('every' in b) || a.every.n !== b.every.n || a.every.unit !== b.every.unit) return w;
  return { ...w, content: { ...w.content, cadence: { ...a, anchor: b.anchor } } };
}

/**
 * Brings the schedules made from one record (keys starting with `prefix`)
 * in line with `wanted` ({@link measureSchedules}, {@link dutyPlanSchedule}): new ones inserted, changed ones updated
 * (revision-checked; the next occurrence recomputed), unchanged ones left
 * alone (a re-publish adds nothing), and those of measures no longer there
 * deactivated. One transaction with an audit entry per change.
 */
export async function syncRecordSchedules(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  org: { id: string; path: string; tenantId: string },
  recordId: string,
  prefix: string,
  wanted: MeasureSchedule[],
): Promise<MeasureSyncResult> {
  return unitOfWork(deps, ACTOR, async (uow) => {
    const out: MeasureSyncResult = { created: [], updated: [], unchanged: [], deactivated: [] };
    const now = uow.now.getTime();
    const existing = await uow.tx.query<ScheduleRow>(`SELECT * FROM schedule WHERE org_id = ? AND sched_key LIKE ?`, [org.id, `${prefix}%`]);
    for (const fresh of wanted) {
      const row = existing.find((r) => r.sched_key === fresh.key);
      const w = row ? keepAnchor(fresh, JSON.parse(row.content) as ScheduleContent) : fresh;
      if (!row) {
        const id = await insertSchedule(uow.tx, { key: w.key, org, name: w.name, source: 'api', content: w.content, createdBy: ACTOR.actorId, now });
        await uow.audit({ action: 'schedule.create', targetType: 'schedule', targetId: id, orgId: org.id, orgPath: org.path, change: { key: w.key, content: w.content, from: { recordId } } });
        out.created.push(w.key);
        continue;
      }
      const same = row.content === JSON.stringify(w.content) && row.name === w.name && Number(row.active) === 1;
      if (same) {
        out.unchanged.push(w.key);
        continue;
      }
      const n = await uow.tx.execute(`UPDATE schedule SET content = ?, name = ?, active = 1, next_at = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?`, [
        JSON.stringify(w.content), w.name, firstNextAt(w.content, now), now, row.id, row.revision,
      ]);
      if (n !== 1) throw new SafeFlowError('schedule.conflict', `Schedule '${w.key}' was changed concurrently`, { status: 409 });
      await uow.audit({ action: 'schedule.update', targetType: 'schedule', targetId: row.id, orgId: org.id, orgPath: org.path, change: { key: w.key, content: w.content, from: { recordId } } });
      out.updated.push(w.key);
    }
    for (const row of existing) {
      if (wanted.some((w) => w.key === row.sched_key) || Number(row.active) !== 1) continue;
      const n = await uow.tx.execute(`UPDATE schedule SET active = 0, next_at = NULL, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?`, [now, row.id, row.revision]);
      if (n !== 1) throw new SafeFlowError('schedule.conflict', `Schedule '${row.sched_key}' was changed concurrently`, { status: 409 });
      await uow.audit({ action: 'schedule.deactivate', targetType: 'schedule', targetId: row.id, orgId: org.id, orgPath: org.path, change: { key: row.sched_key, from: { recordId } } });
      out.deactivated.push(row.sched_key);
    }
    return out;
  });
}

/**
 * The built-in `schedules` task type: a service task `camunda:type="external"
 * camunda:topic="schedules"` with `camunda:properties` `action` =
 * `fromMeasures`, `collection`, `recordIdVariable` (default `recordId`) and
 * `form` (the form of each check task) makes the inspection schedules of the
 * record's `measures` ({@link measureSchedules}; default cycle from the
 * variables `inspectionCycleN` / `inspectionCycleUnit`, default role from the
 * record's `responsibleRole`), owned by the record's org, and sets variable
 * `inspectionSchedules` (their keys); `fromDutyPlan` with `process` makes
 * the schedule of a duty plan record ({@link dutyPlanSchedule}; variable
 * `dutySchedule`). The record must belong to the instance's org or below it
 * (else 404 `record.not_found`).
 */
export function schedulesTaskType(deps: AppDeps): TaskTypeDefinition<Record<string, string>> {
  const records = new RecordService(deps);
  return defineTaskType({
    topic: SCHEDULES_TOPIC,
    name: { 'zh-CN': '排查计划', en: 'Schedules' },
    description: { 'zh-CN': '由管控措施生成隐患排查计划', en: 'Makes inspection schedules from control measures' },
    configSchema: z
      .object({
        action: z.enum(['fromMeasures', 'fromDutyPlan']).default('fromMeasures').meta({ title: 'Action' }),
        collection: z.string().min(1).meta({ title: 'Collection', 'x-safeflow-ref': 'collection' }),
        recordIdVariable: z.string().optional().meta({ title: 'Record id variable' }),
        form: z.string().min(1).optional().meta({ title: 'Check form (fromMeasures)', 'x-safeflow-ref': 'form' }),
        process: z.string().min(1).optional().meta({ title: 'Process of each cycle (fromDutyPlan)' }),
      })
      .catchall(z.string()) as z.ZodType<Record<string, string>>,
    handler: ({ task, variables }) =>
      withConflictRetry(async () => {
        const props = task.extensionProperties ?? {};
        const action = props.action ?? 'fromMeasures';
        if (action !== 'fromMeasures' && action !== 'fromDutyPlan') throw new SafeFlowError('schedules.unknown_action', `Unknown action '${action}'`, { status: 400 });
        const what = action === 'fromMeasures' ? props.form : props.process;
        if (!props.collection || !what) throw new SafeFlowError('schedules.config_missing', `The task needs the 'collection' and '${action === 'fromMeasures' ? 'form' : 'process'}' properties`, { status: 400 });
        const { orgPath } = await taskOrg(deps, task);
        const id = String(variables[props.recordIdVariable ?? 'recordId'] ?? '');
        const rec = await records.load(WORKER_AUTH, props.collection, id, 'record.write');
        if (!orgPath || !rec.orgPath.startsWith(orgPath)) throw new SafeFlowError('record.not_found', `Record '${id}' not found`, { status: 404 });
        const org = { id: rec.orgId, path: rec.orgPath, tenantId: rec.tenantId };
        if (action === 'fromDutyPlan') {
          const plan = dutyPlanSchedule({ recordId: rec.id, orgId: rec.orgId, plan: rec.data as DutyPlan, process: what, now: deps.clock.now() });
          await syncRecordSchedules(deps, org, rec.id, `dutyPlan.${rec.id}`, plan ? [plan] : []);
          return { dutySchedule: plan?.key ?? null };
        }
        const data = rec.data as { name?: string; measures?: ControlMeasure[]; responsibleRole?: string };
        const wanted = measureSchedules({
          recordId: rec.id, orgId: rec.orgId, pointName: data.name ?? rec.id, measures: Array.isArray(data.measures) ? data.measures : [],
          responsibleRole: data.responsibleRole, form: what,
          defaultCycle: { n: variables.inspectionCycleN as number | undefined, unit: variables.inspectionCycleUnit as string | undefined },
          now: deps.clock.now(),
        });
        await syncRecordSchedules(deps, org, rec.id, `measure.${rec.id}.`, wanted);
        return { inspectionSchedules: wanted.map((w) => w.key) };
      }),
  });
}
