import { describe, expect, it } from 'vitest';
import { dutyPlanSchedule } from './dutyPlanSchedule';
import { ScheduleContent } from './ScheduleContent';

const now = new Date('2026-12-01T03:00:00.000Z');

describe('dutyPlanSchedule', () => {
  it("turns a plan's cycle, end time, role and assignee into a schedule of safety-duty tasks", () => {
    // given a monthly plan of the principal, ending next year
    const plan = { title: '每月召开安全生产例会', requirement: '形成会议纪要', cycleN: 1, cycleUnit: 'month', endTime: '2027-11-30', dutyKind: 'management', subjectRole: 'enterpriseOwner', assignee: 'owner.a' };
    // when
    const s = dutyPlanSchedule({ recordId: 'p1', orgId: 'o1', plan, process: 'safety-duty', now })!;
    // then
    expect(s.key).toBe('dutyPlan.p1');
    expect(s.content).toEqual({
      cadence: { every: { n: 1, unit: 'months' }, anchor: '2026-12-02T01:00:00.000Z' },
      targets: { orgIds: ['o1'], roles: ['enterpriseOwner'] },
      action: { process: 'safety-duty', variables: { planId: 'p1', title: '每月召开安全生产例会', requirement: '形成会议纪要', assignee: 'owner.a', dutyKind: 'management' } },
      catchUp: 'latest',
      endAt: '2027-11-30T00:00:00.000Z',
    });
    expect(ScheduleContent.safeParse(s.content).success).toBe(true);
  });

  it('makes nothing without a cycle, and a quarter is 3 months', () => {
    // given / when / then
    expect(dutyPlanSchedule({ recordId: 'p', orgId: 'o', plan: { title: 'x' }, process: 'safety-duty', now })).toBeUndefined();
    expect(dutyPlanSchedule({ recordId: 'p', orgId: 'o', plan: { cycleN: 2, cycleUnit: 'quarter' }, process: 'safety-duty', now })!.content.cadence).toEqual({ every: { n: 6, unit: 'months' }, anchor: '2026-12-02T01:00:00.000Z' });
  });
});
