/** What the cron builder edits: the common schedules, or a raw Quartz expression. */
export type CronSpec =
  | { mode: 'daily'; time: string }
  | { mode: 'weekly'; days: string[]; time: string }
  | { mode: 'monthly'; day: number | 'L'; time: string }
  | { mode: 'raw'; expression: string };

/** Quartz day-of-week names, Monday first. */
export const WEEK_DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

function hm(time: string): [number, number] {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!m) throw new Error(`'${time}' is not HH:MM`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) throw new Error(`'${time}' is not a time of day`);
  return [h, min];
}

/**
 * Builds the Quartz cron text (`sec min hour day-of-month month day-of-week`,
 * as the engine's timers read it; exactly one of the two day fields is `?`).
 */
export function buildCron(spec: CronSpec): string {
  if (spec.mode === 'raw') return spec.expression.trim();
  const [h, m] = hm(spec.time);
  if (spec.mode === 'daily') return `0 ${m} ${h} * * ?`;
  if (spec.mode === 'weekly') {
    const days = WEEK_DAYS.filter((d) => spec.days.includes(d));
    if (!days.length) throw new Error('Pick at least one day');
    return `0 ${m} ${h} ? * ${days.join(',')}`;
  }
  if (spec.day !== 'L' && (!Number.isInteger(spec.day) || spec.day < 1 || spec.day > 31)) throw new Error('Day of month is 1–31 or L');
  return `0 ${m} ${h} ${spec.day} * ?`;
}

/** Reads a cron text back into the builder's form; anything it does not recognise is `raw`. */
export function parseCron(expression: string): CronSpec {
  const parts = expression.trim().split(/\s+/);
  const raw: CronSpec = { mode: 'raw', expression: expression.trim() };
  if (parts.length !== 6 || parts[0] !== '0' || !/^\d{1,2}$/.test(parts[1]!) || !/^\d{1,2}$/.test(parts[2]!) || parts[4] !== '*') return raw;
  const time = `${parts[2]!.padStart(2, '0')}:${parts[1]!.padStart(2, '0')}`;
  const [, , , dom, , dow] = parts as [string, string, string, string, string, string];
  if (dom === '*' && dow === '?') return { mode: 'daily', time };
  if (dom === '?' && dow.split(',').every((d) => WEEK_DAYS.includes(d))) return { mode: 'weekly', days: dow.split(','), time };
  if (dow === '?' && (dom === 'L' || /^\d{1,2}$/.test(dom))) return { mode: 'monthly', day: dom === 'L' ? 'L' : Number(dom), time };
  return raw;
}
