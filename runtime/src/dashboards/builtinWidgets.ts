import { SafeFlowError } from '@safeflow/engine/errors';
import { isEntitled } from '../entitlements/entitledModules';
import { START_PERMISSIONS } from '../engine/persistence/startOrg';
import { DataScope, escapeLike } from '../tenancy/DataScope';
import type { DashboardWidget, OccurrencesSource } from './DashboardContent';
import { ratePercent, type Drill, type WidgetData, type WidgetGroup } from './WidgetData';
import type { WidgetContext } from './WidgetContext';

type Computed = Omit<WidgetData, 'id' | 'type' | 'title' | 'span' | 'error'>;

const OCCURRENCE_STATES: Record<string, { zh: string; en: string }> = {
  done: { zh: '按时完成', en: 'Done' },
  late: { zh: '逾期完成', en: 'Done late' },
  missed: { zh: '漏检', en: 'Missed' },
  open: { zh: '进行中', en: 'Open' },
  pending: { zh: '待开始', en: 'Pending' },
  skipped: { zh: '停用/检修', en: 'Skipped' },
  failed: { zh: '启动失败', en: 'Failed' },
};

const group = (key: string, label: { zh: string; en: string }, color: string | null, value: number, drill: Drill | null): WidgetGroup => ({
  key, label, color, orgId: null, rank: null, values: { count: value }, drill: { count: drill },
});

/**
 * Inspection rounds: schedule occurrences whose target is in scope (the
 * scope `GET /schedules/occurrences` uses) and in the org subtree, by
 * state, in the period (by occurrence time); totals: rounds due, done
 * (in time or late), missed (漏检) and the completion rate
 * (done + late) / (done + late + missed).
 */
export async function occurrencesWidget(ctx: WidgetContext, w: DashboardWidget, src: OccurrencesSource): Promise<Computed> {
  const s = DataScope.of(ctx.auth, START_PERMISSIONS).sql('o.target_org_path');
  const where = [s.sql, 'o.occurrence_at >= ?', 'o.occurrence_at < ?'];
  const params: unknown[] = [...s.params, ctx.period.from, ctx.period.to];
  if (ctx.sub) {
    where.push("o.target_org_path LIKE ? ESCAPE '!'");
    params.push(escapeLike(ctx.sub.path) + '%');
  }
  if (src.schedules?.length) {
    where.push(`s.sched_key IN (${src.schedules.map(() => '?').join(', ')})`);
    params.push(...src.schedules);
  }
  const rows = await ctx.db.query<{ state: string; n: unknown }>(
    `SELECT o.state, COUNT(*) AS n FROM schedule_occurrence o JOIN schedule s ON s.id = o.schedule_id WHERE ${where.join(' AND ')} GROUP BY o.state`,
    params,
  );
  const by = new Map(rows.map((r) => [r.state, Number(r.n)]));
  const range = { from: new Date(ctx.period.from).toISOString(), to: new Date(ctx.period.to).toISOString() };
  // GET /schedules/occurrences filters one target org, not a subtree: with an org filter the rounds are not listed (the count alone is exact)
  const drill = (state?: string): Drill | null => (ctx.sub ? null : { kind: 'occurrences', query: { ...range, ...(state ? { state } : {}) } });
  const n = (k: string) => by.get(k) ?? 0;
  const groups = Object.entries(OCCURRENCE_STATES).map(([k, label]) => group(k, w.labels?.[k] ?? label, w.colors?.[k] ?? null, n(k), drill(k)));
  const total = [...by.values()].reduce((a, b) => a + b, 0);
  return {
    series: [
      { key: 'count', title: { zh: '轮次', en: 'Rounds' }, unit: 'count' },
      { key: 'total', title: { zh: '应检轮次', en: 'Rounds due' }, unit: 'count' },
      { key: 'completed', title: { zh: '已完成', en: 'Completed' }, unit: 'count' },
      { key: 'missed', title: { zh: '漏检', en: 'Missed' }, unit: 'count' },
      { key: 'completionRate', title: { zh: '完成率', en: 'Completion rate' }, unit: 'percent' },
    ],
    groups,
    totals: {
      values: { total, completed: n('done') + n('late'), missed: n('missed'), completionRate: ratePercent(n('done') + n('late'), n('done') + n('late') + n('missed')) },
      drill: { total: drill(), completed: null, missed: drill('missed'), completionRate: null },
    },
  };
}

const CAMERA_STATES: Record<string, { label: { zh: string; en: string }; color: string }> = {
  ok: { label: { zh: '正常', en: 'OK' }, color: '#67c23a' },
  fault: { label: { zh: '故障', en: 'Fault' }, color: '#e6a23c' },
  offline: { label: { zh: '离线', en: 'Offline' }, color: '#f56c6c' },
  unchecked: { label: { zh: '未检测', en: 'Not checked' }, color: '#909399' },
};

/** Cameras in scope (and the subtree) by their latest health check (unchecked: none yet); totals: cameras and the healthy rate. Needs the `videoDiagnostics` module. */
export async function cameraHealthWidget(ctx: WidgetContext, w: DashboardWidget): Promise<Computed> {
  // the same entitlement as the daily health report (GET /cameras/health-report)
  if (!(await isEntitled(ctx.db, ctx.auth, 'videoDiagnostics'))) {
    throw new SafeFlowError('module.not_entitled', "Module 'videoDiagnostics' is not enabled for your organisation", { status: 403, details: { module: 'videoDiagnostics' } });
  }
  const s = DataScope.of(ctx.auth, 'record.read').sql('c.org_path');
  const where = [s.sql];
  const params: unknown[] = [...s.params];
  if (ctx.sub) {
    where.push("c.org_path LIKE ? ESCAPE '!'");
    params.push(escapeLike(ctx.sub.path) + '%');
  }
  const rows = await ctx.db.query<{ status: string | null; n: unknown }>(
    `SELECT x.status, COUNT(*) AS n FROM (SELECT (SELECT h.status FROM camera_health h WHERE h.camera_id = c.id ORDER BY h.at DESC, h.id DESC LIMIT 1) AS status
       FROM camera c WHERE ${where.join(' AND ')}) x GROUP BY x.status`,
    params,
  );
  const by = new Map(rows.map((r) => [r.status ?? 'unchecked', Number(r.n)]));
  const n = (k: string) => by.get(k) ?? 0;
  const drill = (status?: string): Drill => ({ kind: 'cameras', query: { ...(status ? { status } : {}), ...(ctx.sub ? { orgId: ctx.sub.id } : {}) } });
  const total = [...by.values()].reduce((a, b) => a + b, 0);
  return {
    series: [
      { key: 'count', title: { zh: '摄像头', en: 'Cameras' }, unit: 'count' },
      { key: 'total', title: { zh: '摄像头总数', en: 'Cameras' }, unit: 'count' },
      { key: 'healthyRate', title: { zh: '完好率', en: 'Healthy' }, unit: 'percent' },
    ],
    groups: Object.entries(CAMERA_STATES).map(([k, x]) => group(k, w.labels?.[k] ?? x.label, w.colors?.[k] ?? x.color, n(k), drill(k))),
    totals: { values: { total, healthyRate: ratePercent(n('ok'), total) }, drill: { total: drill(), healthyRate: drill('ok') } },
  };
}
