import { describe, expect, it } from 'vitest';
import { currentOccurrence } from './currentOccurrence';
import { ScheduleContent } from './ScheduleContent';

const daily = ScheduleContent.parse({
  cadence: { cron: '0 0 9 ? * MON-FRI' },
  window: { due: 'PT8H', miss: 'PT14H' },
  targets: { orgTypes: ['enterprise'] },
  action: { process: 'safety-inspection' },
});

describe('currentOccurrence', () => {
  it('is the latest occurrence while its window is open', () => {
    // given Tuesday 2026-12-01 at 17:00 +08:00 (the 09:00 +08:00 occurrence misses at 23:00 +08:00)
    // when / then
    expect(currentOccurrence(daily, new Date('2026-12-01T09:00:00.000Z'))?.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(currentOccurrence(daily, new Date('2026-12-01T01:00:00.000Z'))?.toISOString()).toBe('2026-12-01T01:00:00.000Z');
  });

  it('is undefined once the latest occurrence is past its miss time, and on a weekend', () => {
    // given / when / then
    expect(currentOccurrence(daily, new Date('2026-12-01T15:00:00.000Z'))).toBeUndefined();
    expect(currentOccurrence(daily, new Date('2026-12-06T12:00:00.000Z'))).toBeUndefined();
    // Monday 08:30 +08:00: Friday's occurrence missed long ago, Monday's is not there yet
    expect(currentOccurrence(daily, new Date('2026-12-07T00:30:00.000Z'))).toBeUndefined();
  });

  it('respects the schedule start: nothing before it', () => {
    // given a schedule starting on Wednesday
    const later = ScheduleContent.parse({ ...daily, startAt: '2026-12-02T00:00:00.000Z' });
    // when / then
    expect(currentOccurrence(later, new Date('2026-12-01T09:00:00.000Z'))).toBeUndefined();
    expect(currentOccurrence(later, new Date('2026-12-02T02:00:00.000Z'))?.toISOString()).toBe('2026-12-02T01:00:00.000Z');
  });
});
