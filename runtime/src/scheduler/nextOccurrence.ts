import { addIsoDuration, nextCronDate, parseIsoDuration } from '@safeflow/engine/bpmn';
import type { Cadence, ScheduleContent } from './ScheduleContent';

const HOUR = 3_600_000;
const STEP_MS = { hours: HOUR, days: 24 * HOUR, weeks: 7 * 24 * HOUR } as const;

/** Default UTC offset of cron cadences: China Standard Time (+08:00, no DST). */
export const DEFAULT_UTC_OFFSET_MINUTES = 480;

/**
 * The first occurrence of `cadence` strictly after `after`, or null when there
 * is none. Cron: Quartz semantics at the cadence's fixed UTC offset. Every N
 * units: `anchor + k·N·unit` (k ≥ 0; months are calendar months, clamped to
 * the month's last day like java.time).
 */
export function nextOccurrence(cadence: Cadence, after: Date): Date | null {
  if ('cron' in cadence) {
    const offset = (cadence.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES) * 60_000;
    const local = nextCronDate(cadence.cron, new Date(after.getTime() + offset));
    return local ? new Date(local.getTime() - offset) : null;
  }
  const anchor = new Date(cadence.anchor).getTime();
  const { n, unit } = cadence.every;
  const t = after.getTime();
  if (t < anchor) return new Date(anchor);
  if (unit !== 'months') {
    const step = STEP_MS[unit] * n;
    return new Date(anchor + (Math.floor((t - anchor) / step) + 1) * step);
  }
  const a = new Date(anchor);
  const at = (k: number) => addIsoDuration(a, { years: 0, months: k * n, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 });
  const months = (new Date(t).getUTCFullYear() - a.getUTCFullYear()) * 12 + (new Date(t).getUTCMonth() - a.getUTCMonth());
  let k = Math.max(0, Math.floor(months / n) - 1);
  while (at(k).getTime() <= t) k++;
  return at(k);
}

/** The window of one occurrence: when its process starts, is due and is missed. */
export interface OccurrenceWindow {
  startAt: Date;
  dueAt: Date;
  missAt: Date;
}

/**
 * The window of the occurrence at `at`: start = at + window.start (default
 * 0); miss = at + window.miss, else the next occurrence, else at + 1 day;
 * due = at + window.due, else the miss time.
 */
export function occurrenceWindow(content: ScheduleContent, at: Date): OccurrenceWindow {
  const plus = (d: string | undefined) => (d ? addIsoDuration(at, parseIsoDuration(d)) : undefined);
  const startAt = plus(content.window?.start) ?? at;
  const missAt = plus(content.window?.miss) ?? nextOccurrence(content.cadence, at) ?? new Date(at.getTime() + 24 * HOUR);
  const dueAt = plus(content.window?.due) ?? missAt;
  return { startAt, dueAt, missAt };
}

/**
 * The occurrences of a schedule in (`after`, `until`], at most `limit` (the
 * rest are left for the next tick), respecting `startAt`/`endAt`.
 */
export function occurrencesBetween(content: ScheduleContent, after: Date, until: Date, limit = 1000): Date[] {
  const out: Date[] = [];
  const startAt = content.startAt ? new Date(content.startAt).getTime() : undefined;
  const endAt = content.endAt ? new Date(content.endAt).getTime() : undefined;
  let from = startAt !== undefined && startAt - 1 > after.getTime() ? new Date(startAt - 1) : after;
  while (out.length < limit) {
    const next = nextOccurrence(content.cadence, from);
    if (!next || next.getTime() > until.getTime() || (endAt !== undefined && next.getTime() > endAt)) break;
    out.push(next);
    from = next;
  }
  return out;
}
