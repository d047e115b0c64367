import { SafeFlowError } from '@safeflow/engine/errors';
import type { TimeBucket } from './DashboardContent';

/** China Standard Time offset: periods and buckets are calendar periods in Beijing time. */
export const CST_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** A dashboard period: `from` inclusive, `to` exclusive (epoch ms), and how it was asked for. */
export interface DashboardPeriod {
  label: string;
  from: number;
  to: number;
}

/** One time bucket of a series: its key (`2026-11`, `2026-Q4`, `2026-11-30`), label and bounds. */
export interface Bucket {
  key: string;
  from: number;
  to: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const cstMonthStart = (y: number, m0: number) => Date.UTC(y, m0, 1) - CST_MS;

/**
 * Parses a period: `YYYY-MM` (a month), `YYYY-Qn` (a quarter), `YYYY` (a
 * year), `last12Months` (the current month and the 11 before it), or a
 * custom `from`/`to` (ISO dates or epoch ms; at most 10 years); with none,
 * `fallback` relative to `now`. 400 `dashboard.invalid_period` otherwise.
 */
export function parseDashboardPeriod(q: { period?: string; from?: number; to?: number }, now: number, fallback: 'month' | 'quarter' | 'year' | 'last12Months' = 'last12Months'): DashboardPeriod {
  const bad = (msg: string) => new SafeFlowError('dashboard.invalid_period', msg, { status: 400 });
  if (q.from !== undefined || q.to !== undefined) {
    if (q.period) throw bad("Give either 'period' or 'from'/'to'");
    if (q.from === undefined || q.to === undefined) throw bad("A custom period needs both 'from' and 'to'");
    if (q.from >= q.to) throw bad("'from' must be before 'to'");
    if (q.to - q.from > 3660 * DAY_MS) throw bad('A custom period spans at most 10 years');
    return { label: `${new Date(q.from).toISOString()}/${new Date(q.to).toISOString()}`, from: q.from, to: q.to };
  }
  const d = new Date(now + CST_MS);
  const y0 = d.getUTCFullYear();
  const m0 = d.getUTCMonth();
  const text =
    q.period ??
    { month: `${y0}-${pad(m0 + 1)}`, quarter: `${y0}-Q${Math.floor(m0 / 3) + 1}`, year: `${y0}`, last12Months: 'last12Months' }[fallback];
  if (text === 'last12Months') return { label: text, from: cstMonthStart(y0, m0 - 11), to: cstMonthStart(y0, m0 + 1) };
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (m) return { label: text, from: cstMonthStart(Number(m[1]), Number(m[2]) - 1), to: cstMonthStart(Number(m[1]), Number(m[2])) };
  m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m) return { label: text, from: cstMonthStart(Number(m[1]), (Number(m[2]) - 1) * 3), to: cstMonthStart(Number(m[1]), Number(m[2]) * 3) };
  m = /^(\d{4})$/.exec(text);
  if (m) return { label: text, from: cstMonthStart(Number(m[1]), 0), to: cstMonthStart(Number(m[1]) + 1, 0) };
  throw bad(`Period '${text}' must be YYYY-MM, YYYY-Qn, YYYY or last12Months`);
}

/** The Beijing-time day number (days since 1970-01-01 CST) of an instant. */
export function cstDay(ms: number): number {
  return Math.floor((ms + CST_MS) / DAY_MS);
}

/** The bucket key of a Beijing-time day number. */
export function bucketKeyOfDay(day: number, bucket: TimeBucket): string {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (bucket) {
    case 'day':
      return `${y}-${pad(m + 1)}-${pad(d.getUTCDate())}`;
    case 'week':
      return bucketKeyOfDay(day - ((d.getUTCDay() + 6) % 7), 'day');
    case 'month':
      return `${y}-${pad(m + 1)}`;
    case 'quarter':
      return `${y}-Q${Math.floor(m / 3) + 1}`;
  }
}

/** Every bucket overlapping the period, in order, each clipped to it (so a drill-down counts exactly the bucket's share). At most 400. */
export function bucketsOf(period: DashboardPeriod, bucket: TimeBucket): Bucket[] {
  const out: Bucket[] = [];
  const last = cstDay(period.to - 1);
  let day = cstDay(period.from);
  while (day <= last) {
    const key = bucketKeyOfDay(day, bucket);
    let next = day + 1;
    while (next <= last && bucketKeyOfDay(next, bucket) === key) next++;
    out.push({ key, from: Math.max(period.from, day * DAY_MS - CST_MS), to: Math.min(period.to, next * DAY_MS - CST_MS) });
    if (out.length > 400) {
      throw new SafeFlowError('dashboard.too_many_buckets', `More than 400 '${bucket}' buckets in the period; choose a coarser bucket or a shorter period`, { status: 400 });
    }
    day = next;
  }
  return out;
}
