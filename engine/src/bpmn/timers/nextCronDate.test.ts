import { describe, expect, it } from 'vitest';
import { nextCronDate } from './nextCronDate';
import { parseQuartzCron } from './parseQuartzCron';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** [cron, from, expected next fire (ISO, UTC) or null]. Calendar notes name the weekday of the days that matter. */
const fires: Array<[string, string, string | null]> = [
  // plain fields, names, steps, overflowing ranges
  ['0 30 9 ? * MON-FRI', '2026-01-03T00:00:00Z', '2026-01-05T09:30:00.000Z'], // Sat -> Mon
  ['0 0 12 1 JAN,MAR ?', '2026-01-01T13:00:00Z', '2026-03-01T12:00:00.000Z'],
  ['0 0 8 ? * 1', '2026-01-01T00:00:00Z', '2026-01-04T08:00:00.000Z'], // SUN = 1
  ['0 5/20 * * * ?', '2026-01-01T00:30:00Z', '2026-01-01T00:45:00.000Z'],
  ['*/10 * * * * ?', '2026-01-01T00:00:05.500Z', '2026-01-01T00:00:10.000Z'],
  ['*/10 * * * * ?', '2026-01-01T00:00:10.000Z', '2026-01-01T00:00:20.000Z'], // strictly after
  ['0 /15 * * * ?', '2026-01-01T00:07:00Z', '2026-01-01T00:15:00.000Z'], // bare '/15' = '*/15'
  ['0 0 22-2 * * ?', '2026-01-01T03:00:00Z', '2026-01-01T22:00:00.000Z'], // overflowing hours
  ['0 0 22-2 * * ?', '2026-01-01T23:30:00Z', '2026-01-02T00:00:00.000Z'],
  ['0 0 9 ? * FRI-MON', '2026-01-06T00:00:00Z', '2026-01-09T09:00:00.000Z'], // Tue -> Fri
  ['0 0 9 ? * FRI-MON', '2026-01-03T10:00:00Z', '2026-01-04T09:00:00.000Z'], // Sat after 9 -> Sun
  ['0 0 0 1 NOV-FEB ?', '2026-03-15T00:00:00Z', '2026-11-01T00:00:00.000Z'],
  ['0 0 12 ? * fri', '2026-01-01T00:00:00Z', '2026-01-02T12:00:00.000Z'], // case-insensitive
  ['59 59 23 31 12 ?', '2026-06-01T00:00:00Z', '2026-12-31T23:59:59.000Z'],
  ['59 59 23 31 12 ?', '2026-12-31T23:59:59Z', '2027-12-31T23:59:59.000Z'],
  // days that only some months have
  ['0 0 0 31 * ?', '2026-04-01T00:00:00Z', '2026-05-31T00:00:00.000Z'], // April has 30
  ['0 0 0 30 * ?', '2026-02-01T00:00:00Z', '2026-03-30T00:00:00.000Z'], // February has 28
  ['0 0 0 29 2 ?', '2026-01-01T00:00:00Z', '2028-02-29T00:00:00.000Z'], // next leap year
  ['0 0 0 29 2 ?', '2028-02-29T00:00:00Z', '2032-02-29T00:00:00.000Z'],
  // L and L-n in day-of-month
  ['0 0 12 L * ?', '2026-01-01T00:00:00Z', '2026-01-31T12:00:00.000Z'],
  ['0 0 12 L * ?', '2026-01-31T12:00:00Z', '2026-02-28T12:00:00.000Z'],
  ['0 0 12 L * ?', '2026-04-01T00:00:00Z', '2026-04-30T12:00:00.000Z'],
  ['0 0 0 L 2 ?', '2027-03-01T00:00:00Z', '2028-02-29T00:00:00.000Z'], // leap February
  ['0 0 0 L 2 ?', '2028-03-01T00:00:00Z', '2029-02-28T00:00:00.000Z'],
  ['0 0 0 L-3 * ?', '2026-02-01T00:00:00Z', '2026-02-25T00:00:00.000Z'],
  ['0 0 0 L-3 * ?', '2026-04-01T00:00:00Z', '2026-04-27T00:00:00.000Z'],
  ['0 0 0 L-30 * ?', '2026-02-01T00:00:00Z', '2026-03-01T00:00:00.000Z'], // 28-30 < 1: February skipped
  ['0 0 0 L-29 * ?', '2028-02-01T00:00:00Z', '2028-03-02T00:00:00.000Z'], // leap February: 29-29 = 0, skipped
  ['0 0 0 L-28 2 ?', '2026-01-01T00:00:00Z', '2028-02-01T00:00:00.000Z'], // only a 29-day February has one
  // W: nearest weekday, never leaving the month
  ['0 0 0 15W * ?', '2026-02-01T00:00:00Z', '2026-02-16T00:00:00.000Z'], // 15th Sun -> Mon 16th
  ['0 0 0 15W * ?', '2026-08-01T00:00:00Z', '2026-08-14T00:00:00.000Z'], // 15th Sat -> Fri 14th
  ['0 0 0 15W * ?', '2026-01-01T00:00:00Z', '2026-01-15T00:00:00.000Z'], // 15th Thu stays
  ['0 0 0 1W * ?', '2026-07-02T00:00:00Z', '2026-08-03T00:00:00.000Z'], // 1st Sat -> Mon 3rd, not Fri 31 Jul
  ['0 0 0 1W * ?', '2026-01-02T00:00:00Z', '2026-02-02T00:00:00.000Z'], // 1st Sun -> Mon 2nd
  ['0 0 0 31W * ?', '2026-05-01T00:00:00Z', '2026-05-29T00:00:00.000Z'], // 31st Sun -> Fri 29th, not Mon 1 Jun
  ['0 0 0 31W * ?', '2026-01-01T00:00:00Z', '2026-01-30T00:00:00.000Z'], // 31st Sat -> Fri 30th
  ['0 0 0 31W * ?', '2026-04-01T00:00:00Z', '2026-05-29T00:00:00.000Z'], // April has no 31st: skipped
  ['0 0 0 30W * ?', '2028-04-01T00:00:00Z', '2028-04-28T00:00:00.000Z'], // 30th Sun, month's last -> Fri 28th
  ['0 0 0 30W * ?', '2028-09-01T00:00:00Z', '2028-09-29T00:00:00.000Z'], // 30th Sat -> Fri 29th
  ['0 0 0 LW * ?', '2026-01-01T00:00:00Z', '2026-01-30T00:00:00.000Z'], // 31st Sat -> Fri 30th
  ['0 0 0 LW * ?', '2026-02-01T00:00:00Z', '2026-02-27T00:00:00.000Z'], // 28th Sat -> Fri 27th
  ['0 0 0 LW * ?', '2026-05-01T00:00:00Z', '2026-05-29T00:00:00.000Z'], // 31st Sun -> Fri 29th
  ['0 0 0 LW * ?', '2026-03-01T00:00:00Z', '2026-03-31T00:00:00.000Z'], // 31st Tue stays
  ['0 0 0 L-1W 5 ?', '2026-01-01T00:00:00Z', '2026-05-29T00:00:00.000Z'], // 30th Sat -> Fri 29th
  // day-of-week L and #
  ['0 0 0 ? * L', '2026-01-01T00:00:00Z', '2026-01-03T00:00:00.000Z'], // 'L' alone = Saturday
  ['0 0 18 ? * 6L', '2026-01-01T00:00:00Z', '2026-01-30T18:00:00.000Z'], // last Friday
  ['0 0 18 ? * FRIL', '2026-01-30T18:00:00Z', '2026-02-27T18:00:00.000Z'],
  ['0 0 18 ? * 6L', '2026-03-01T00:00:00Z', '2026-03-27T18:00:00.000Z'],
  ['0 0 0 ? * 1L', '2026-05-01T00:00:00Z', '2026-05-31T00:00:00.000Z'], // last Sunday is the 31st
  ['0 0 9 ? * 6#3', '2026-01-01T00:00:00Z', '2026-01-16T09:00:00.000Z'], // third Friday
  ['0 0 9 ? * FRI#3', '2026-01-16T09:00:00Z', '2026-02-20T09:00:00.000Z'],
  ['0 0 9 ? * mon#1', '2026-01-01T00:00:00Z', '2026-01-05T09:00:00.000Z'],
  ['0 0 0 ? * 2#5', '2026-01-01T00:00:00Z', '2026-03-30T00:00:00.000Z'], // Jan, Feb have four Mondays: skipped
  ['0 0 0 ? * 2#5', '2026-03-30T00:00:00Z', '2026-06-29T00:00:00.000Z'], // Apr, May skipped
  ['0 0 0 ? 2 1#5', '2026-01-01T00:00:00Z', '2032-02-29T00:00:00.000Z'], // a fifth Sunday in February: leap year, 1 Feb a Sunday
  ['0 0 0 ? 2 MON#5', '2026-01-01T00:00:00Z', '2044-02-29T00:00:00.000Z'],
  // year field
  ['0 0 0 1 1 ? 2028', '2026-01-01T00:00:00Z', '2028-01-01T00:00:00.000Z'],
  ['0 0 0 1 1 ? 2027,2030', '2027-01-01T00:00:00Z', '2030-01-01T00:00:00.000Z'],
  ['0 0 0 1 1 ? 2028-2032/2', '2028-06-01T00:00:00Z', '2030-01-01T00:00:00.000Z'],
  ['0 0 0 1 1 ? 2030/10', '2031-01-01T00:00:00Z', '2040-01-01T00:00:00.000Z'],
  ['0 0 0 L 2 ? 2028/4', '2028-03-01T00:00:00Z', '2032-02-29T00:00:00.000Z'],
  ['0 0 0 1 1 ? *', '2026-06-01T00:00:00Z', '2027-01-01T00:00:00.000Z'],
  // never again
  ['0 0 0 1 1 ? 2020', '2026-01-01T00:00:00Z', null],
  ['0 0 0 1 1 ? 2027', '2027-01-01T00:00:00Z', null],
  ['0 0 0 1 1 ?', '2199-06-01T00:00:00Z', null],
];

describe('nextCronDate', () => {
  it.each(fires)('%s after %s -> %s', (cron, from, expected) => {
    // when
    const next = nextCronDate(cron, new Date(from));
    // then
    expect(iso(next)).toBe(expected);
  });

  it('walks a monthly L-W schedule a year long, one fire per month', () => {
    // given
    const fires: string[] = [];
    let at: Date | null = new Date('2026-01-01T00:00:00Z');
    // when
    for (let i = 0; i < 12 && at; i++) {
      at = nextCronDate('0 0 17 LW * ?', at);
      if (at) fires.push(at.toISOString().slice(0, 10));
    }
    // then: the last weekday of every month of 2026
    expect(fires).toEqual([
      '2026-01-30', '2026-02-27', '2026-03-31', '2026-04-30', '2026-05-29', '2026-06-30',
      '2026-07-31', '2026-08-31', '2026-09-30', '2026-10-30', '2026-11-30', '2026-12-31',
    ]);
  });

  it('answers quickly for a rare schedule far away', () => {
    // when: the next fifth Sunday of a February after 2088
    const next = nextCronDate('0 0 0 ? 2 1#5', new Date('2089-01-01T00:00:00Z'));
    // then: 2128 (1 Feb 2128 is a Sunday in a leap year; 2100 is no leap year)
    expect(iso(next)).toBe('2128-02-29T00:00:00.000Z');
  });
});

/** [cron, part of the message]. */
const invalid: Array<[string, string]> = [
  ['* * * * *', '6 or 7 fields'],
  ['0 0 0 1 1 ? 2026 x', '6 or 7 fields'],
  ['0 0 12 * * *', "give '?' for either day-of-month or day-of-week"],
  ['0 0 12 1 * MON', "give '?' for either day-of-month or day-of-week"],
  ['0 0 12 ? * ?', "not both"],
  ['? 0 12 1 * ?', "'?' can only be used alone in the day-of-month or day-of-week"],
  ['0 60 12 1 * ?', 'minutes value 60 is not within 0-59'],
  ['0 0 24 1 * ?', 'hours value 24 is not within 0-23'],
  ['0 0 0 0 * ?', 'day-of-month value 0 is not within 1-31'],
  ['0 0 0 1 13 ?', 'month value 13 is not within 1-12'],
  ['0 0 0 ? * 8', 'day-of-week value 8 is not within 1-7'],
  ['0 0 0 ? * 0', 'day-of-week value 0 is not within 1-7'],
  ['0 0 0 1 JANUARY ?', "'JANUARY' is not a valid month value"],
  ['0 0 0 ? * FOO', "'FOO' is not a valid day-of-week value"],
  ['0 */0 * 1 * ?', "'/' in the minutes field must be followed by a positive integer"],
  ['0 */61 * 1 * ?', 'increment 61 is too large for the minutes field'],
  ['0 0 0 L,15 * ?', "'L' and 'W' must stand alone in the day-of-month field"],
  ['0 0 0 1-5W * ?', "'L' and 'W' must stand alone in the day-of-month field"],
  ['0 0 0 L-31 * ?', 'the offset from the last day of the month must be 0-30, not 31'],
  ['0 0 0 32W * ?', "'W' needs a day of month within 1-31, not 32"],
  ['0 0 0 0W * ?', "'W' needs a day of month within 1-31, not 0"],
  ['0 0 0 ? * 6#6', "'#' must be followed by a number within 1-5, not 6"],
  ['0 0 0 ? * 6#0', "'#' must be followed by a number within 1-5, not 0"],
  ['0 0 0 ? * 8L', 'day-of-week value 8 is not within 1-7'],
  ['0 0 0 ? * 6L,2', "'L' and '#' must stand alone in the day-of-week field"],
  ['0 0 0 ? * 6#3,2#1', "'L' and '#' must stand alone in the day-of-week field"],
  ['0 0 L * * ?', "'L': 'L', 'W' and '#' are not allowed in the hours field"],
  ['0 0 0 1 1 ? 1969', 'year value 1969 is not within 1970-2199'],
  ['0 0 0 1 1 ? 2200', 'year value 2200 is not within 1970-2199'],
  ['0 0 0 1 1 ? 2030-2028', 'year range 2030-2028 ends before it starts'],
  ['0 0 0 1 1 ? 2026,', 'empty entry in the year field'],
  ['0 0 0 30 2 ?', 'it never fires'],
  ['0 0 0 31 4,6,9,11 ?', 'it never fires'],
  ['0 0 0 30W 2 ?', 'it never fires'],
  ['0 0 0 29 2 ? 2027', 'it never fires'],
];

describe('invalid cron expressions', () => {
  it.each(invalid)('%s is rejected: %s', (cron, reason) => {
    // when / then
    expect(() => nextCronDate(cron, new Date('2026-01-01T00:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'bpmn.invalid_timer', status: 400, message: expect.stringContaining(reason), details: { expression: cron } }),
    );
  });
});

describe('parseQuartzCron', () => {
  it('parses each day rule into its kind', () => {
    // when / then
    expect(parseQuartzCron('0 0 0 L-2W * ?').day).toEqual({ kind: 'lastDayOfMonth', offset: 2, nearestWeekday: true });
    expect(parseQuartzCron('0 0 0 15W * ?').day).toEqual({ kind: 'nearestWeekday', day: 15 });
    expect(parseQuartzCron('0 0 0 ? * FRIL').day).toEqual({ kind: 'lastWeekdayOfMonth', dayOfWeek: 6 });
    expect(parseQuartzCron('0 0 0 ? * 6#3').day).toEqual({ kind: 'nthWeekdayOfMonth', dayOfWeek: 6, nth: 3 });
    expect(parseQuartzCron('0 0 0 ? * SAT-MON').day).toEqual({ kind: 'daysOfWeek', days: new Set([7, 1, 2]) });
    expect(parseQuartzCron('0 0 0 1,15-17 * ?').day).toEqual({ kind: 'daysOfMonth', days: new Set([1, 15, 16, 17]) });
  });

  it('expands steps within overflowing ranges and lists', () => {
    // when
    const cron = parseQuartzCron('0,30 50-10/5 22-2/2 1 NOV-FEB ? 2026-2030/2');
    // then
    expect(cron.seconds).toEqual([0, 30]);
    expect(cron.minutes).toEqual([0, 5, 10, 50, 55]);
    expect(cron.hours).toEqual([0, 2, 22]);
    expect(cron.months).toEqual([1, 2, 11, 12]);
    expect(cron.years).toEqual([2026, 2028, 2030]);
  });
});
