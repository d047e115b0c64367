import { describe, expect, it } from 'vitest';
import { nextOccurrence, occurrencesBetween, occurrenceWindow } from './nextOccurrence';
import { ScheduleContent } from './ScheduleContent';

const base = { targets: { orgTypes: ['enterprise'] }, action: { process: 'p' } };

describe('nextOccurrence', () => {
  it('evaluates a Quartz cron at the cadence offset (default +08:00)', () => {
    // 08:00 Beijing time = 00:00 UTC
    expect(nextOccurrence({ cron: '0 0 8 * * ?' }, new Date('2026-12-01T00:00:00Z'))?.toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(nextOccurrence({ cron: '0 0 8 * * ?' }, new Date('2026-11-30T23:59:59Z'))?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(nextOccurrence({ cron: '0 0 8 * * ?', utcOffsetMinutes: 0 }, new Date('2026-12-01T00:00:00Z'))?.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    // weekdays only: Friday 2026-12-04 → Monday 2026-12-07 (Beijing)
    expect(nextOccurrence({ cron: '0 0 9 ? * MON-FRI' }, new Date('2026-12-04T02:00:00Z'))?.toISOString()).toBe('2026-12-07T01:00:00.000Z');
  });

  it('steps every N hours/days/weeks from the anchor, and calendar months clamped to the month end', () => {
    const anchor = '2026-12-01T00:00:00Z';
    expect(nextOccurrence({ every: { n: 4, unit: 'hours' }, anchor }, new Date('2026-12-01T05:00:00Z'))?.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(nextOccurrence({ every: { n: 1, unit: 'days' }, anchor }, new Date('2026-11-01T00:00:00Z'))?.toISOString()).toBe(anchor.replace('Z', '.000Z'));
    expect(nextOccurrence({ every: { n: 2, unit: 'weeks' }, anchor }, new Date('2026-12-01T00:00:00Z'))?.toISOString()).toBe('2026-12-15T00:00:00.000Z');
    const jan31 = '2027-01-31T00:00:00Z';
    expect(nextOccurrence({ every: { n: 1, unit: 'months' }, anchor: jan31 }, new Date(jan31))?.toISOString()).toBe('2027-02-28T00:00:00.000Z');
    expect(nextOccurrence({ every: { n: 3, unit: 'months' }, anchor: jan31 }, new Date('2027-03-01T00:00:00Z'))?.toISOString()).toBe('2027-04-30T00:00:00.000Z');
  });

  it('lists the occurrences of a window, bounded by startAt/endAt and the limit', () => {
    const c = ScheduleContent.parse({ ...base, cadence: { every: { n: 1, unit: 'days' }, anchor: '2026-12-01T00:00:00Z' }, endAt: '2026-12-03T00:00:00Z' });
    const days = occurrencesBetween(c, new Date('2026-11-30T00:00:00Z'), new Date('2026-12-10T00:00:00Z'));
    expect(days.map((d) => d.toISOString().slice(0, 10))).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    expect(occurrencesBetween(c, new Date('2026-11-30T00:00:00Z'), new Date('2026-12-10T00:00:00Z'), 2)).toHaveLength(2);
  });

  it('derives start/due/miss from the window, the miss time defaulting to the next occurrence', () => {
    const c = ScheduleContent.parse({ ...base, cadence: { every: { n: 1, unit: 'days' }, anchor: '2026-12-01T00:00:00Z' }, window: { due: 'PT8H' } });
    const w = occurrenceWindow(c, new Date('2026-12-02T00:00:00Z'));
    expect([w.startAt, w.dueAt, w.missAt].map((d) => d.toISOString())).toEqual(['2026-12-02T00:00:00.000Z', '2026-12-02T08:00:00.000Z', '2026-12-03T00:00:00.000Z']);
  });

  it('rejects malformed content with the field named', () => {
    const bad = ScheduleContent.safeParse({ ...base, cadence: { cron: '0 0 0 30 2 ?' }, window: { miss: '1 day' } });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('window.miss');
    expect(paths.some((p) => p.startsWith('cadence'))).toBe(true);
    expect(ScheduleContent.safeParse({ ...base, targets: {}, cadence: { cron: '0 0 8 * * ?' } }).success).toBe(false);
  });
});
