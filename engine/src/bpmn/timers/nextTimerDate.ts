import type { TimerDefinition } from '../ports';
import { invalidTimer } from './invalidTimer';
import { nextCronDate } from './nextCronDate';
import { parseIsoDate } from './parseIsoDate';
import { addIsoDuration, parseIsoDuration, type IsoDuration } from './parseIsoDuration';

/** A timer plus, for cycles, how many fires remain (absent = not started yet, or unbounded). */
export type TimerSchedule = TimerDefinition & { repeatsLeft?: number };

/** The next due date of a timer and, for bounded cycles, the fires left after it. */
export interface NextTimer {
  dueDate: Date;
  repeatsLeft?: number;
}

interface ParsedCycle {
  repeats?: number;
  start?: Date;
  /** `R[n]/duration/end`: fires counted backward from this date. */
  end?: Date;
  duration: IsoDuration;
}

const REPEAT = /^R(\d*)$/;

function parseCycle(expression: string): ParsedCycle {
  const parts = expression.trim().split('/');
  const r = REPEAT.exec(parts[0] ?? '');
  if (!r || parts.length < 2 || parts.length > 3) throw invalidTimer(`Invalid ISO 8601 repeating interval '${expression}'`, expression);
  const repeats = r[1] === '' ? undefined : Number(r[1]);
  if (repeats === 0) throw invalidTimer(`Repeating interval '${expression}' never fires (R0)`, expression);
  if (parts.length === 2) return { repeats, duration: parseIsoDuration(parts[1]) };
  if (parts[1].startsWith('P')) return { repeats, duration: parseIsoDuration(parts[1]), end: parseIsoDate(parts[2]) };
  const start = parseIsoDate(parts[1]);
  if (parts[2].startsWith('P')) return { repeats, start, duration: parseIsoDuration(parts[2]) };
  // R/start/end: the interval is the time between the two dates.
  const millis = parseIsoDate(parts[2]).getTime() - start.getTime();
  return { repeats, start, duration: { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: millis / 1000 } };
}

function assertAdvances(cycle: ParsedCycle, expression: string): void {
  const probe = new Date(0);
  if (addIsoDuration(probe, cycle.duration).getTime() <= 0) throw invalidTimer(`Cycle '${expression}' has a zero duration`, expression);
}

/**
 * The first fire `start + k*duration` at or after `from` (strictly after when
 * `strict`). Exact durations jump straight to k; calendar ones (years,
 * months) step, bounded.
 */
function firstFireAfter(start: Date, duration: IsoDuration, from: Date, strict: boolean, expression: string): { due: Date; k: number } {
  const late = (d: Date) => (strict ? d.getTime() <= from.getTime() : d.getTime() < from.getTime());
  if (!late(start)) return { due: start, k: 0 };
  if (duration.years === 0 && duration.months === 0) {
    const step = addIsoDuration(new Date(0), duration).getTime();
    let k = Math.max(0, Math.floor((from.getTime() - start.getTime()) / step));
    while (late(new Date(start.getTime() + k * step))) k++;
    return { due: new Date(start.getTime() + k * step), k };
  }
  let due = start;
  let k = 0;
  while (late(due)) {
    if (++k > 100_000) throw invalidTimer(`Cycle '${expression}' starts too far in the past`, expression);
    due = addIsoDuration(due, duration);
  }
  return { due, k };
}

const negate = (d: IsoDuration): IsoDuration => ({
  years: -d.years,
  months: -d.months,
  weeks: -d.weeks,
  days: -d.days,
  hours: -d.hours,
  minutes: -d.minutes,
  seconds: -d.seconds,
});

/**
 * `R[n]/duration/end` as Camunda 7 reads it: fires at end, end - duration,
 * end - 2*duration, ... (stepping back one duration at a time, calendar
 * months clamped like Camunda's), at most `repeats` of them; the one returned
 * is the earliest strictly after `from`, and `k`
 * is how many fires follow it. Null once `end` has passed.
 */
function lastFiresBefore(end: Date, duration: IsoDuration, repeats: number, from: Date, expression: string): { due: Date; k: number } | null {
  const late = (d: Date) => d.getTime() <= from.getTime();
  if (late(end)) return null;
  if (duration.years === 0 && duration.months === 0) {
    const step = addIsoDuration(new Date(0), duration).getTime();
    let k = Math.min(repeats - 1, Math.ceil((end.getTime() - from.getTime()) / step) - 1);
    while (k > 0 && late(new Date(end.getTime() - k * step))) k--;
    return { due: new Date(end.getTime() - k * step), k };
  }
  const back = negate(duration);
  let due = end;
  let k = 0;
  while (k < repeats - 1) {
    const earlier = addIsoDuration(due, back);
    if (late(earlier)) break;
    if (++k > 100_000) throw invalidTimer(`Cycle '${expression}' ends too far in the future`, expression);
    due = earlier;
  }
  return { due, k };
}

function nextCycle(timer: TimerSchedule, from: Date): NextTimer | null {
  const { expression } = timer;
  if (!expression.trim().startsWith('R')) {
    const dueDate = nextCronDate(expression, from);
    return dueDate ? { dueDate } : null;
  }
  const cycle = parseCycle(expression);
  assertAdvances(cycle, expression);
  const started = timer.repeatsLeft !== undefined;
  if (cycle.end) {
    const left = started ? timer.repeatsLeft! : (cycle.repeats ?? Number.POSITIVE_INFINITY);
    if (left <= 0) return null;
    // Strictly after `from`, like Camunda's DurationHelper: a reschedule at a fire time never returns that same time.
    const fire = lastFiresBefore(cycle.end, cycle.duration, cycle.repeats ?? Number.POSITIVE_INFINITY, from, expression);
    if (!fire) return null;
    if (cycle.repeats === undefined) return { dueDate: fire.due };
    return { dueDate: fire.due, repeatsLeft: started ? Math.min(fire.k, left - 1) : fire.k };
  }
  if (cycle.repeats !== undefined) {
    const left = started ? timer.repeatsLeft! : cycle.repeats;
    if (left <= 0) return null;
    if (!cycle.start) return { dueDate: addIsoDuration(from, cycle.duration), repeatsLeft: left - 1 };
    // Fire k (0-based) is start + k*duration.
    const { due, k } = firstFireAfter(cycle.start, cycle.duration, from, started, expression);
    if (k >= cycle.repeats) return null;
    const remaining = cycle.repeats - k - 1;
    return { dueDate: due, repeatsLeft: started ? Math.min(remaining, left - 1) : remaining };
  }
  if (!cycle.start) return { dueDate: addIsoDuration(from, cycle.duration) };
  // Unbounded cycles carry no repeatsLeft, so a reschedule looks like a first
  // computation: strictly after `from`, or one fire would repeat forever.
  return { dueDate: firstFireAfter(cycle.start, cycle.duration, from, true, expression).due };
}

/**
 * The next due date of a timer, computed from `from` (creation time for a new
 * timer; the previous due date when rescheduling a cycle).
 *
 * - `timeDate`: the ISO date itself (also when in the past: an overdue timer fires at once).
 * - `timeDuration`: `from` + ISO duration (`PT10M`, `P1DT2H`, `P2W`, `P400D`, ...).
 * - `timeCycle`: `R3/PT10M` (bounded), `R/PT1H` (unbounded), `R2/2026-01-01T00:00:00Z/P1D`
 *   (from a start date), or a Quartz cron (see {@link nextCronDate}).
 *
 * For bounded cycles pass `repeatsLeft` from the previous result; it counts the
 * fires remaining after the returned one, and the function returns null once a
 * cycle is exhausted (or a cron never fires again). Unbounded cycles and crons
 * return no `repeatsLeft`. Dates are UTC; any length is fine (a 400-day timer
 * is just a date). Throws `SafeFlowError('bpmn.invalid_timer')` on invalid text.
 */
export function nextTimerDate(timer: TimerSchedule, from: Date): NextTimer | null {
  switch (timer.kind) {
    case 'timeDate':
      return { dueDate: parseIsoDate(timer.expression) };
    case 'timeDuration':
      return { dueDate: addIsoDuration(from, parseIsoDuration(timer.expression)) };
    case 'timeCycle':
      return nextCycle(timer, from);
    default:
      throw invalidTimer(`Unknown timer kind '${String((timer as TimerDefinition).kind)}'`, timer.expression);
  }
}
