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
  duration: IsoDuration;
}

const REPEAT = /^R(\d*)$/;

function parseCycle(expression: string): ParsedCycle {
  const parts = expression.trim().split('/');
  const r = REPEAT.exec(parts[0] ?? '');
  if (!r || parts.length < 2 || parts.length > 3) throw invalidTimer(`Invalid ISO 8601 repeating interval '${expression}'`, expression);
  const repeats = r[1] === '' ? undefined : Number(r[1]);
  if (parts.length === 2) return { repeats, duration: parseIsoDuration(parts[1]) };
  if (parts[1].startsWith('P')) {
    throw invalidTimer(`Repeating intervals of the form R/duration/end are not supported ('${expression}')`, expression);
  }
  return { repeats, start: parseIsoDate(parts[1]), duration: parseIsoDuration(parts[2]) };
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

function nextCycle(timer: TimerSchedule, from: Date): NextTimer | null {
  const { expression } = timer;
  if (!expression.trim().startsWith('R')) {
    const dueDate = nextCronDate(expression, from);
    return dueDate ? { dueDate } : null;
  }
  const cycle = parseCycle(expression);
  assertAdvances(cycle, expression);
  const started = timer.repeatsLeft !== undefined;
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
  return { dueDate: firstFireAfter(cycle.start, cycle.duration, from, started, expression).due };
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
