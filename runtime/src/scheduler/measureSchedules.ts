import type { ScheduleContent } from './ScheduleContent';

/** A control measure as the risk identification form stores it (管控措施). */
export interface ControlMeasure {
  category?: string;
  description?: string;
  checkContent?: string;
  cycleN?: number;
  cycleUnit?: string;
  responsibleRole?: string;
}

/** One inspection schedule derived from a measure: its key (per record and measure index), name and content. */
export interface MeasureSchedule {
  key: string;
  name: string;
  content: ScheduleContent;
}

/** The cycle units of the safety forms (小时/天/周/月/季度/年) as every-N cadence steps. */
export const CYCLE_UNITS: Record<string, { n: number; unit: 'hours' | 'days' | 'weeks' | 'months' }> = {
  hour: { n: 1, unit: 'hours' },
  day: { n: 1, unit: 'days' },
  week: { n: 1, unit: 'weeks' },
  month: { n: 1, unit: 'months' },
  quarter: { n: 3, unit: 'months' },
  year: { n: 12, unit: 'months' },
};

/** The first 09:00 at +08:00 (China Standard Time) at or after `now`: where every-N cycles of measures are anchored. */
export function workdayAnchor(now: Date): string {
  const cst = new Date(now.getTime() + 8 * 3_600_000);
  const at = Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth(), cst.getUTCDate(), 1, 0, 0); // 09:00 +08:00 = 01:00Z
  return new Date(at >= now.getTime() ? at : at + 86_400_000).toISOString();
}

/**
 * The inspection schedules of a published risk point's control measures
 * (W1 step 8, 隐患排查任务由管控措施生成): one per measure with a cycle — the
 * measure's own `cycleN`/`cycleUnit`, else the default cycle of the point's
 * control tier (`defaultCycle`, from the controlTier ruleset) — targeting
 * the point's org and the measure's responsible role (else the point's).
 * Each occurrence creates an inbox task with the `form` (检查内容 in its
 * name), open until the next occurrence. Keys are `measure.<record id>.<n>`,
 * so a re-publish updates the same schedules.
 */
export function measureSchedules(input: {
  recordId: string;
  orgId: string;
  pointName: string;
  measures: ControlMeasure[];
  responsibleRole?: string;
  defaultCycle?: { n?: number; unit?: string };
  form: string;
  now: Date;
}): MeasureSchedule[] {
  const out: MeasureSchedule[] = [];
  input.measures.forEach((m, i) => {
    const unit = CYCLE_UNITS[m.cycleUnit ?? input.defaultCycle?.unit ?? ''];
    const n = Number(m.cycleN ?? input.defaultCycle?.n ?? 0);
    if (!unit || !Number.isInteger(n) || n < 1) return;
    const role = m.responsibleRole || input.responsibleRole;
    const what = (m.checkContent || m.description || '').trim();
    out.push({
      key: `measure.${input.recordId}.${i + 1}`,
      name: `${input.pointName}：${m.description ?? what}`.slice(0, 255),
      content: {
        cadence: { every: { n: Math.min(1000, n * unit.n), unit: unit.unit }, anchor: workdayAnchor(input.now) },
        targets: { orgIds: [input.orgId], ...(role ? { roles: [role] } : {}) },
        action: {
          task: { form: input.form, name: `管控措施排查：${what}`.slice(0, 200) },
          variables: { riskPointId: input.recordId, measureIndex: i + 1, checkContent: m.checkContent ?? '', measure: m.description ?? '' },
        },
        catchUp: 'latest',
      },
    });
  });
  return out;
}
