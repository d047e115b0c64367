import { CYCLE_UNITS, workdayAnchor, type MeasureSchedule } from './measureSchedules';

/** A duty plan (履职计划) as the safety_duty_plan collection stores it. */
export interface DutyPlan {
  title?: string;
  requirement?: string;
  cycleN?: number;
  cycleUnit?: string;
  endTime?: string;
  dutyKind?: string;
  subjectRole?: string;
  assignee?: string;
}

/**
 * The schedule of a published duty plan (W9): every `cycleN` `cycleUnit`
 * from the next 09:00 +08:00 until `endTime`, one `process` instance (the
 * safety-duty task) per cycle in the plan's org with the plan's title,
 * requirement, assignee and kind — due (and missed) when the next cycle
 * starts. Undefined when the plan has no usable cycle. Key `dutyPlan.<id>`.
 */
export function dutyPlanSchedule(input: { recordId: string; orgId: string; plan: DutyPlan; process: string; now: Date }): MeasureSchedule | undefined {
  const { plan } = input;
  const unit = CYCLE_UNITS[plan.cycleUnit ?? ''];
  const n = Number(plan.cycleN ?? 0);
  if (!unit || !Number.isInteger(n) || n < 1) return undefined;
  const endAt = plan.endTime && !Number.isNaN(Date.parse(plan.endTime)) ? new Date(plan.endTime).toISOString() : undefined;
  return {
    key: `dutyPlan.${input.recordId}`,
    name: `履职计划：${plan.title ?? input.recordId}`.slice(0, 255),
    content: {
      cadence: { every: { n: Math.min(1000, n * unit.n), unit: unit.unit }, anchor: workdayAnchor(input.now) },
      targets: { orgIds: [input.orgId], ...(plan.subjectRole ? { roles: [plan.subjectRole] } : {}) },
      action: {
        process: input.process,
        variables: { planId: input.recordId, title: plan.title ?? '', requirement: plan.requirement ?? '', assignee: plan.assignee ?? '', dutyKind: plan.dutyKind ?? 'management' },
      },
      catchUp: 'latest',
      ...(endAt ? { endAt } : {}),
    },
  };
}
