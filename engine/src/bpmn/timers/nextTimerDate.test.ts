import { describe, expect, it } from 'vitest';
import { addIsoDuration, nextCronDate, nextTimerDate, parseIsoDate, parseIsoDuration } from './index';

const at = (iso: string) => new Date(iso);
const from = at('2026-01-01T00:00:00.000Z'); // a Thursday

describe('parseIsoDuration', () => {
  it('parses every part', () => {
    // given / when
    const d = parseIsoDuration('P1Y2M3W4DT5H6M7.5S');
    // then
    expect(d).toEqual({ years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7.5 });
  });

  it('rejects malformed durations', () => {
    for (const bad of ['P', 'PT', '1D', 'P1H', 'PT1D', 'P1.5Y', 'abc', '']) {
      expect(() => parseIsoDuration(bad), bad).toThrow(expect.objectContaining({ code: 'bpmn.invalid_timer' }));
    }
  });

  it('adds calendar months clamping to the month end', () => {
    // given
    const jan31 = at('2026-01-31T10:00:00.000Z');
    // when / then
    expect(addIsoDuration(jan31, parseIsoDuration('P1M')).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addIsoDuration(jan31, parseIsoDuration('P1Y1M')).toISOString()).toBe('2027-02-28T10:00:00.000Z');
    expect(addIsoDuration(jan31, parseIsoDuration('P2W')).toISOString()).toBe('2026-02-14T10:00:00.000Z');
    expect(addIsoDuration(jan31, parseIsoDuration('PT90M')).toISOString()).toBe('2026-01-31T11:30:00.000Z');
  });
});

describe('parseIsoDate', () => {
  it('reads zoned, unzoned (UTC) and date-only forms', () => {
    expect(parseIsoDate('2026-03-01T08:00:00+08:00').toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(parseIsoDate('2026-03-01T08:00:00').toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect(parseIsoDate('2026-03-01').toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(() => parseIsoDate('tomorrow')).toThrow(expect.objectContaining({ code: 'bpmn.invalid_timer' }));
  });
});

describe('nextTimerDate', () => {
  it('gives a timeDate as is, even a past one', () => {
    // when
    const next = nextTimerDate({ kind: 'timeDate', expression: '2025-06-01T00:00:00Z' }, from);
    // then
    expect(next).toEqual({ dueDate: at('2025-06-01T00:00:00.000Z') });
  });

  it('counts a duration from the given time, 400 days included', () => {
    // when
    const short = nextTimerDate({ kind: 'timeDuration', expression: 'PT10M' }, from);
    const long = nextTimerDate({ kind: 'timeDuration', expression: 'P400D' }, from);
    // then
    expect(short?.dueDate.toISOString()).toBe('2026-01-01T00:10:00.000Z');
    expect(long?.dueDate.toISOString()).toBe('2027-02-05T00:00:00.000Z');
  });

  it('walks a bounded cycle down to exhaustion', () => {
    // given
    const timer = { kind: 'timeCycle' as const, expression: 'R3/PT10M' };
    // when
    const first = nextTimerDate(timer, from)!;
    const second = nextTimerDate({ ...timer, repeatsLeft: first.repeatsLeft }, first.dueDate)!;
    const third = nextTimerDate({ ...timer, repeatsLeft: second.repeatsLeft }, second.dueDate)!;
    const fourth = nextTimerDate({ ...timer, repeatsLeft: third.repeatsLeft }, third.dueDate);
    // then
    expect([first, second, third].map((n) => [n.dueDate.toISOString(), n.repeatsLeft])).toEqual([
      ['2026-01-01T00:10:00.000Z', 2],
      ['2026-01-01T00:20:00.000Z', 1],
      ['2026-01-01T00:30:00.000Z', 0],
    ]);
    expect(fourth).toBeNull();
  });

  it('repeats an unbounded cycle forever', () => {
    // when
    const next = nextTimerDate({ kind: 'timeCycle', expression: 'R/PT1H' }, from);
    // then
    expect(next).toEqual({ dueDate: at('2026-01-01T01:00:00.000Z') });
  });

  it('runs a cycle from its start date', () => {
    // given
    const timer = { kind: 'timeCycle' as const, expression: 'R2/2026-01-01T00:00:00Z/P1D' };
    // when
    const first = nextTimerDate(timer, at('2025-12-01T00:00:00Z'))!;
    const second = nextTimerDate({ ...timer, repeatsLeft: first.repeatsLeft }, first.dueDate)!;
    const third = nextTimerDate({ ...timer, repeatsLeft: second.repeatsLeft }, second.dueDate);
    const late = nextTimerDate(timer, at('2026-01-01T12:00:00Z'));
    const tooLate = nextTimerDate(timer, at('2026-01-05T00:00:00Z'));
    // then
    expect(first).toEqual({ dueDate: at('2026-01-01T00:00:00Z'), repeatsLeft: 1 });
    expect(second).toEqual({ dueDate: at('2026-01-02T00:00:00Z'), repeatsLeft: 0 });
    expect(third).toBeNull();
    expect(late).toEqual({ dueDate: at('2026-01-02T00:00:00Z'), repeatsLeft: 0 });
    expect(tooLate).toBeNull();
  });

  it('jumps over a long past of an unbounded cycle with a start date', () => {
    // when
    const next = nextTimerDate({ kind: 'timeCycle', expression: 'R/2000-01-01T00:00:00Z/PT1M' }, at('2026-01-01T00:00:30Z'));
    const monthly = nextTimerDate({ kind: 'timeCycle', expression: 'R/2000-01-31T00:00:00Z/P1M' }, at('2026-02-15T00:00:00Z'));
    // then
    expect(next).toEqual({ dueDate: at('2026-01-01T00:01:00Z') });
    expect(monthly?.dueDate.getTime()).toBeGreaterThanOrEqual(at('2026-02-15T00:00:00Z').getTime());
  });

  it('reads Quartz cron with ? and names', () => {
    // when
    const weekdays = nextTimerDate({ kind: 'timeCycle', expression: '0 30 9 ? * MON-FRI' }, at('2026-01-03T00:00:00Z'));
    const months = nextTimerDate({ kind: 'timeCycle', expression: '0 0 12 1 JAN,MAR ?' }, at('2026-01-01T13:00:00Z'));
    // then
    expect(weekdays).toEqual({ dueDate: at('2026-01-05T09:30:00Z') });
    expect(months).toEqual({ dueDate: at('2026-03-01T12:00:00Z') });
  });

  it('maps Quartz day-of-week numbers (SUN=1) and honours the year field', () => {
    // when
    const sunday = nextCronDate('0 0 8 ? * 1', from);
    const monToFri = nextCronDate('0 0 8 ? * 2-6', at('2026-01-03T00:00:00Z'));
    const in2028 = nextCronDate('0 0 0 1 1 ? 2028', from);
    const past = nextCronDate('0 0 0 1 1 ? 2020', from);
    const steps = nextCronDate('0 */15 * * * ?', at('2026-01-01T00:07:00Z'));
    // then
    expect(sunday?.toISOString()).toBe('2026-01-04T08:00:00.000Z');
    expect(monToFri?.toISOString()).toBe('2026-01-05T08:00:00.000Z');
    expect(in2028?.toISOString()).toBe('2028-01-01T00:00:00.000Z');
    expect(past).toBeNull();
    expect(steps?.toISOString()).toBe('2026-01-01T00:15:00.000Z');
  });

  it('reads Quartz L, W and # forms in a timeCycle', () => {
    // when
    const lastDay = nextTimerDate({ kind: 'timeCycle', expression: '0 0 12 L * ?' }, from);
    const thirdFriday = nextTimerDate({ kind: 'timeCycle', expression: '0 0 12 ? * 6#3' }, from);
    const nearest = nextTimerDate({ kind: 'timeCycle', expression: '0 0 12 1W * ?' }, at('2026-07-02T00:00:00Z'));
    // then
    expect(lastDay).toEqual({ dueDate: at('2026-01-31T12:00:00Z') });
    expect(thirdFriday).toEqual({ dueDate: at('2026-01-16T12:00:00Z') });
    expect(nearest).toEqual({ dueDate: at('2026-08-03T12:00:00Z') });
  });

  it('counts R/duration/end backward from the end date', () => {
    // given
    const end = 'R/PT1H/2026-12-01T00:00:00Z';
    // when
    const aligned = nextTimerDate({ kind: 'timeCycle', expression: end }, at('2026-11-30T21:30:00Z'));
    const atFire = nextTimerDate({ kind: 'timeCycle', expression: end }, at('2026-11-30T23:00:00Z'));
    const early = nextTimerDate({ kind: 'timeCycle', expression: end }, from);
    const atEnd = nextTimerDate({ kind: 'timeCycle', expression: end }, at('2026-12-01T00:00:00Z'));
    const after = nextTimerDate({ kind: 'timeCycle', expression: end }, at('2027-01-01T00:00:00Z'));
    // then
    expect(aligned).toEqual({ dueDate: at('2026-11-30T22:00:00Z') });
    expect(atFire).toEqual({ dueDate: at('2026-12-01T00:00:00Z') });
    expect(early).toEqual({ dueDate: at('2026-01-01T01:00:00Z') });
    expect(atEnd).toBeNull();
    expect(after).toBeNull();
  });

  it('fires a bounded R3/duration/end three times, the last at the end date', () => {
    // given
    const timer = { kind: 'timeCycle' as const, expression: 'R3/PT1H/2026-12-01T00:00:00Z' };
    // when
    const first = nextTimerDate(timer, at('2026-11-01T00:00:00Z'))!;
    const second = nextTimerDate({ ...timer, repeatsLeft: first.repeatsLeft }, first.dueDate)!;
    const third = nextTimerDate({ ...timer, repeatsLeft: second.repeatsLeft }, second.dueDate)!;
    const fourth = nextTimerDate({ ...timer, repeatsLeft: third.repeatsLeft }, third.dueDate);
    const lateStart = nextTimerDate(timer, at('2026-11-30T22:30:00Z'));
    // then
    expect([first, second, third].map((n) => [n.dueDate.toISOString(), n.repeatsLeft])).toEqual([
      ['2026-11-30T22:00:00.000Z', 2],
      ['2026-11-30T23:00:00.000Z', 1],
      ['2026-12-01T00:00:00.000Z', 0],
    ]);
    expect(fourth).toBeNull();
    expect(lateStart).toEqual({ dueDate: at('2026-11-30T23:00:00Z'), repeatsLeft: 1 });
  });

  it('steps calendar durations back from the end one at a time, clamping month ends', () => {
    // when: 31 Mar, 28 Feb, 28 Jan, 28 Dec ...
    const monthly = nextTimerDate({ kind: 'timeCycle', expression: 'R/P1M/2026-03-31T00:00:00Z' }, at('2026-01-15T00:00:00Z'));
    const lastOne = nextTimerDate({ kind: 'timeCycle', expression: 'R/P1M/2026-03-31T00:00:00Z' }, at('2026-02-28T00:00:00Z'));
    const yearly = nextTimerDate({ kind: 'timeCycle', expression: 'R2/P1Y/2028-02-29T00:00:00Z' }, at('2020-01-01T00:00:00Z'));
    // then
    expect(monthly).toEqual({ dueDate: at('2026-01-28T00:00:00Z') });
    expect(lastOne).toEqual({ dueDate: at('2026-03-31T00:00:00Z') });
    expect(yearly).toEqual({ dueDate: at('2027-02-28T00:00:00Z'), repeatsLeft: 1 });
  });

  it('reads R/start/end as a cycle of end - start from start', () => {
    // when
    const next = nextTimerDate({ kind: 'timeCycle', expression: 'R/2026-01-01T00:00:00Z/2026-01-01T06:00:00Z' }, at('2026-01-01T07:00:00Z'));
    // then
    expect(next).toEqual({ dueDate: at('2026-01-01T12:00:00Z') });
  });

  it('reschedules an unbounded cycle with a start date strictly after a fire it is given', () => {
    // when
    const next = nextTimerDate({ kind: 'timeCycle', expression: 'R/2026-01-01T00:00:00Z/PT1H' }, at('2026-01-01T05:00:00Z'));
    // then
    expect(next).toEqual({ dueDate: at('2026-01-01T06:00:00Z') });
  });

  it('rejects invalid cycles and cron expressions', () => {
    for (const expression of [
      'R3',
      'R3/PT0S',
      'Rx/PT1M',
      'R0/PT1M',
      'PT10M',
      'R/PT1H/tomorrow',
      'R/PT0S/2026-12-01T00:00:00Z',
      'R/2026-01-02T00:00:00Z/2026-01-01T00:00:00Z',
      '0 0 12 L,1 * ?',
      '0 0 12 ? * 6#6',
      '0 0 25 * * ?',
      '0 0 0 30 2 ?',
      '* * *',
    ]) {
      expect(() => nextTimerDate({ kind: 'timeCycle', expression }, from), expression).toThrow(
        expect.objectContaining({ code: 'bpmn.invalid_timer' }),
      );
    }
  });
});
