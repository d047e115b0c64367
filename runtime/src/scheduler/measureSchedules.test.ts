import { describe, expect, it } from 'vitest';
import { measureSchedules, workdayAnchor } from './measureSchedules';
import { ScheduleContent } from './ScheduleContent';

const base = { recordId: 'r1', orgId: 'o1', pointName: '1号冲压机', form: 'safety.risk.measureCheck', now: new Date('2026-12-01T03:00:00.000Z') };

describe('measureSchedules', () => {
  it("makes one schedule per measure from its own cycle and role, else the tier's default cycle and the point's role", () => {
    // given a measure with its own daily cycle, one without (tier default: weekly), one quarterly
    const measures = [
      { description: '加装光电保护', checkContent: '光电保护是否有效', cycleN: 1, cycleUnit: 'day', responsibleRole: 'safetyOfficer' },
      { description: '每周点检', checkContent: '双手按钮是否被短接' },
      { description: '季度检测', checkContent: '模具紧固', cycleN: 1, cycleUnit: 'quarter' },
    ];
    // when
    const out = measureSchedules({ ...base, measures, responsibleRole: 'operator', defaultCycle: { n: 1, unit: 'week' } });
    // then
    expect(out.map((s) => [s.key, s.content.cadence, s.content.targets.roles])).toEqual([
      ['measure.r1.1', { every: { n: 1, unit: 'days' }, anchor: '2026-12-02T01:00:00.000Z' }, ['safetyOfficer']],
      ['measure.r1.2', { every: { n: 1, unit: 'weeks' }, anchor: '2026-12-02T01:00:00.000Z' }, ['operator']],
      ['measure.r1.3', { every: { n: 3, unit: 'months' }, anchor: '2026-12-02T01:00:00.000Z' }, ['operator']],
    ]);
    expect(out[0]!.name).toBe('1号冲压机：加装光电保护');
    expect(out[0]!.content.action).toEqual({
      task: { form: 'safety.risk.measureCheck', name: '管控措施排查：光电保护是否有效' },
      variables: { riskPointId: 'r1', measureIndex: 1, checkContent: '光电保护是否有效', measure: '加装光电保护' },
    });
    // every content is a valid schedule
    for (const s of out) expect(ScheduleContent.safeParse(s.content).success).toBe(true);
  });

  it('skips a measure without any cycle, and a year becomes 12 months', () => {
    // given / when
    const out = measureSchedules({ ...base, measures: [{ description: '无周期' }, { description: '年检', cycleN: 1, cycleUnit: 'year' }] });
    // then
    expect(out.map((s) => [s.key, s.content.cadence])).toEqual([['measure.r1.2', { every: { n: 12, unit: 'months' }, anchor: '2026-12-02T01:00:00.000Z' }]]);
    expect(out[0]!.content.targets).toEqual({ orgIds: ['o1'] });
  });

  it('anchors at the next 09:00 +08:00', () => {
    // given / when / then
    expect(workdayAnchor(new Date('2026-12-01T00:30:00.000Z'))).toBe('2026-12-01T01:00:00.000Z');
    expect(workdayAnchor(new Date('2026-12-01T01:00:00.000Z'))).toBe('2026-12-01T01:00:00.000Z');
    expect(workdayAnchor(new Date('2026-12-01T20:00:00.000Z'))).toBe('2026-12-02T01:00:00.000Z');
  });
});
