import { invalidTimer } from './invalidTimer';

/** An ISO 8601 duration split into calendar (years, months) and exact parts. */
export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

const num = (s: string | undefined): number => (s === undefined ? 0 : Number(s.replace(',', '.')));

/**
 * Parses `PnYnMnWnDTnHnMnS` (any subset, at least one part; fractions allowed
 * on weeks, days, hours, minutes and seconds; `T` must be followed by a time
 * part). Throws `SafeFlowError('bpmn.invalid_timer')` on anything else.
 */
export function parseIsoDuration(text: string): IsoDuration {
  const src = text.trim();
  const m = DURATION.exec(src);
  if (!m || src === 'P' || src.endsWith('T')) throw invalidTimer(`Invalid ISO 8601 duration '${text}'`, text);
  return { years: num(m[1]), months: num(m[2]), weeks: num(m[3]), days: num(m[4]), hours: num(m[5]), minutes: num(m[6]), seconds: num(m[7]) };
}

const DAY_MS = 86_400_000;

/**
 * Adds a duration to a date in UTC. Years and months are calendar steps that
 * clamp to the month's last day (Jan 31 + P1M = Feb 28/29, like java.time);
 * weeks and days are whole UTC days; the rest is exact milliseconds.
 * Returns a new Date; never mutates `from`.
 */
export function addIsoDuration(from: Date, d: IsoDuration): Date {
  let t = from.getTime();
  if (d.years !== 0 || d.months !== 0) {
    const base = new Date(t);
    const totalMonths = base.getUTCFullYear() * 12 + base.getUTCMonth() + d.years * 12 + d.months;
    const year = Math.floor(totalMonths / 12);
    const month = totalMonths - year * 12;
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    const day = Math.min(base.getUTCDate(), lastDay);
    t = Date.UTC(year, month, day, base.getUTCHours(), base.getUTCMinutes(), base.getUTCSeconds(), base.getUTCMilliseconds());
  }
  t += (d.weeks * 7 + d.days) * DAY_MS;
  t += Math.round(((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000);
  return new Date(t);
}
