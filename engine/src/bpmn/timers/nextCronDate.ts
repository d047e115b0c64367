import { invalidTimer } from './invalidTimer';
import { CRON_MAX_YEAR, CRON_MIN_YEAR, parseQuartzCron, type QuartzCron, type QuartzDayRule } from './parseQuartzCron';

const cache = new Map<string, QuartzCron>();
const CACHE_LIMIT = 500;
const FIRST_SECOND = Date.UTC(CRON_MIN_YEAR, 0, 1);

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** Quartz day of week (1 = Sunday ... 7 = Saturday) of a date. */
const dayOfWeek = (year: number, month: number, day: number): number => new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;

/** The weekday (Mon-Fri) nearest to `day`, staying inside the month (Quartz's `W`). */
function nearestWeekday(year: number, month: number, day: number, last: number): number {
  const dow = dayOfWeek(year, month, day);
  if (dow === 7) return day === 1 ? 3 : day - 1; // Saturday: Friday before, or Monday the 3rd
  if (dow === 1) return day === last ? day - 2 : day + 1; // Sunday: Monday after, or Friday before at the month's end
  return day;
}

/** The days of one month (ascending) on which the rule fires. */
function daysOf(rule: QuartzDayRule, year: number, month: number): number[] {
  const last = daysInMonth(year, month);
  switch (rule.kind) {
    case 'daysOfMonth':
      return [...rule.days].filter((d) => d <= last).sort((a, b) => a - b);
    case 'lastDayOfMonth': {
      const day = last - rule.offset;
      if (day < 1) return []; // L-30 in February: no such day this month
      return [rule.nearestWeekday ? nearestWeekday(year, month, day, last) : day];
    }
    case 'nearestWeekday':
      return rule.day > last ? [] : [nearestWeekday(year, month, rule.day, last)];
    case 'daysOfWeek': {
      const first = dayOfWeek(year, month, 1);
      const days: number[] = [];
      for (let d = 1; d <= last; d++) if (rule.days.has(((first - 1 + d - 1) % 7) + 1)) days.push(d);
      return days;
    }
    case 'lastWeekdayOfMonth': {
      const back = (dayOfWeek(year, month, last) - rule.dayOfWeek + 7) % 7;
      return [last - back];
    }
    case 'nthWeekdayOfMonth': {
      const day = 1 + ((rule.dayOfWeek - dayOfWeek(year, month, 1) + 7) % 7) + (rule.nth - 1) * 7;
      return day > last ? [] : [day];
    }
  }
}

/** First second of the day at or after `from` (seconds since midnight) the cron allows, or null. */
function firstTimeOfDay(c: QuartzCron, from: number): number | null {
  const h0 = Math.floor(from / 3600);
  const m0 = Math.floor((from % 3600) / 60);
  const s0 = from % 60;
  for (const h of c.hours) {
    if (h < h0) continue;
    for (const m of c.minutes) {
      if (h === h0 && m < m0) continue;
      for (const s of c.seconds) {
        if (h === h0 && m === m0 && s < s0) continue;
        return h * 3600 + m * 60 + s;
      }
    }
  }
  return null;
}

/**
 * The first fire at or after `startMs` (a whole second), walking allowed
 * years, then months, then the rule's days of each month: at most
 * (2199 - 1970) * 12 months, each O(31), so a cron that never fires (Feb 30)
 * ends quickly instead of looping day by day.
 */
function search(c: QuartzCron, startMs: number): Date | null {
  const start = new Date(Math.max(startMs, FIRST_SECOND));
  const y0 = start.getUTCFullYear();
  const mo0 = start.getUTCMonth() + 1;
  const d0 = start.getUTCDate();
  const t0 = start.getUTCHours() * 3600 + start.getUTCMinutes() * 60 + start.getUTCSeconds();
  const earliest = firstTimeOfDay(c, 0)!;
  const years = c.years ?? null;
  for (let y = y0; y <= CRON_MAX_YEAR; y++) {
    if (years) {
      const next = years.find((v) => v >= y);
      if (next === undefined) return null;
      y = next;
    }
    for (const mo of c.months) {
      if (y === y0 && mo < mo0) continue;
      const sameMonth = y === y0 && mo === mo0;
      for (const d of daysOf(c.day, y, mo)) {
        if (sameMonth && d < d0) continue;
        const t = sameMonth && d === d0 ? firstTimeOfDay(c, t0) : earliest;
        if (t !== null) return new Date(Date.UTC(y, mo - 1, d) + t * 1000);
      }
    }
  }
  return null;
}

/** Parses (and caches) a cron, rejecting one that can never fire in 1970-2199. */
function compile(expression: string): QuartzCron {
  const hit = cache.get(expression);
  if (hit) return hit;
  const cron = parseQuartzCron(expression);
  if (search(cron, FIRST_SECOND) === null) {
    throw invalidTimer(`Invalid cron '${expression}': it never fires (no date in ${CRON_MIN_YEAR}-${CRON_MAX_YEAR} matches it)`, expression);
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(expression, cron);
  return cron;
}

/** True when `text` looks like a cron expression rather than an ISO form. */
export function isCronExpression(text: string): boolean {
  return text.trim().split(/\s+/).length >= 6;
}

/**
 * The first fire time strictly after `from` (Quartz's `getTimeAfter`: the
 * next whole second on) of a Quartz/Camunda 7 cron expression, evaluated in
 * UTC, or null when it never fires again (its years are over, or it is past
 * 2199). Syntax: see {@link parseQuartzCron} — `L`, `L-n`, `LW`, `nW`, `nL`,
 * `n#k` and the year field included; exactly one of day-of-month and
 * day-of-week must be `?`. Throws `SafeFlowError('bpmn.invalid_timer')` on an
 * invalid expression and on one that can never fire (e.g. `0 0 0 30 2 ?`).
 */
export function nextCronDate(expression: string, from: Date): Date | null {
  const cron = compile(expression);
  return search(cron, Math.floor(from.getTime() / 1000) * 1000 + 1000);
}
