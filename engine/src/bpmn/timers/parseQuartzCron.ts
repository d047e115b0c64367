import { invalidTimer } from './invalidTimer';

/** Earliest and latest year a Quartz cron may name (Quartz documents 1970-2199). */
export const CRON_MIN_YEAR = 1970;
export const CRON_MAX_YEAR = 2199;

/**
 * How a Quartz cron picks the days of a month. Exactly one of day-of-month and
 * day-of-week is `?`, so a cron has exactly one rule.
 * Day-of-week numbers are Quartz's: 1 = Sunday ... 7 = Saturday.
 */
export type QuartzDayRule =
  | { kind: 'daysOfMonth'; days: ReadonlySet<number> }
  /** `L` (offset 0), `L-n`, `LW`, `L-nW`: the last day minus `offset`, or the weekday nearest to it. */
  | { kind: 'lastDayOfMonth'; offset: number; nearestWeekday: boolean }
  /** `nW`: the weekday nearest to day `day`, never leaving the month. */
  | { kind: 'nearestWeekday'; day: number }
  | { kind: 'daysOfWeek'; days: ReadonlySet<number> }
  /** `6L` / `FRIL`: the last such weekday of the month. */
  | { kind: 'lastWeekdayOfMonth'; dayOfWeek: number }
  /** `6#3` / `FRI#3`: the nth such weekday of the month (months without one are skipped). */
  | { kind: 'nthWeekdayOfMonth'; dayOfWeek: number; nth: number };

/** A parsed Quartz cron expression; all lists ascending. */
export interface QuartzCron {
  seconds: readonly number[];
  minutes: readonly number[];
  hours: readonly number[];
  /** 1-12. */
  months: readonly number[];
  day: QuartzDayRule;
  /** Allowed years, ascending; undefined = every year up to {@link CRON_MAX_YEAR}. */
  years?: readonly number[];
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  /** Ranges like 22-2 wrap around (Quartz allows it for every field but the year). */
  cyclic: boolean;
  names?: readonly string[];
  /** Value of names[0]. */
  nameBase?: number;
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const SECONDS: FieldSpec = { name: 'seconds', min: 0, max: 59, cyclic: true };
const MINUTES: FieldSpec = { name: 'minutes', min: 0, max: 59, cyclic: true };
const HOURS: FieldSpec = { name: 'hours', min: 0, max: 23, cyclic: true };
const DAY_OF_MONTH: FieldSpec = { name: 'day-of-month', min: 1, max: 31, cyclic: true };
const MONTH: FieldSpec = { name: 'month', min: 1, max: 12, cyclic: true, names: MONTH_NAMES, nameBase: 1 };
const DAY_OF_WEEK: FieldSpec = { name: 'day-of-week', min: 1, max: 7, cyclic: true, names: DAY_NAMES, nameBase: 1 };
const YEAR: FieldSpec = { name: 'year', min: CRON_MIN_YEAR, max: CRON_MAX_YEAR, cyclic: false };

class CronSyntax {
  constructor(readonly expression: string) {}
  fail(message: string): never {
    throw invalidTimer(`Invalid cron '${this.expression}': ${message}`, this.expression);
  }
}

function readValue(token: string, spec: FieldSpec, cx: CronSyntax): number {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    if (n < spec.min || n > spec.max) cx.fail(`${spec.name} value ${token} is not within ${spec.min}-${spec.max}`);
    return n;
  }
  const index = spec.names?.indexOf(token) ?? -1;
  if (index < 0) cx.fail(`'${token}' is not a valid ${spec.name} value`);
  return index + spec.nameBase!;
}

/** Expands one comma-separated part (`*`, `a`, `a-b`, `*\/n`, `a/n`, `a-b/n`) into `into`. */
function expandPart(part: string, spec: FieldSpec, cx: CronSyntax, into: Set<number>): void {
  const m = /^([^/-]+)(?:-([^/-]+))?(?:\/(.*))?$/.exec(part);
  if (!m) cx.fail(`'${part}' is not a valid ${spec.name} entry`);
  const [, from, to, stepText] = m;
  let step = 1;
  if (stepText !== undefined) {
    if (!/^\d+$/.test(stepText) || Number(stepText) < 1) cx.fail(`'/' in the ${spec.name} field must be followed by a positive integer`);
    step = Number(stepText);
    if (spec.cyclic && step > spec.max - spec.min + 1) cx.fail(`increment ${step} is too large for the ${spec.name} field`);
  }
  if (from === '*') {
    if (to !== undefined) cx.fail(`'*' cannot start a range in the ${spec.name} field`);
    for (let v = spec.min; v <= spec.max; v += step) into.add(v);
    return;
  }
  const start = readValue(from, spec, cx);
  // `a/n` runs from a to the field's end; `a` alone is just a.
  const end = to !== undefined ? readValue(to, spec, cx) : stepText !== undefined ? spec.max : start;
  if (end >= start) {
    for (let v = start; v <= end; v += step) into.add(v);
    return;
  }
  if (!spec.cyclic) cx.fail(`${spec.name} range ${from}-${to} ends before it starts`);
  // Overflowing range (22-2, NOV-FEB, FRI-MON): walk forward and wrap.
  const size = spec.max - spec.min + 1;
  const length = end + size - start;
  for (let i = 0; i <= length; i += step) into.add(((start - spec.min + i) % size) + spec.min);
}

function parseList(field: string, spec: FieldSpec, cx: CronSyntax): number[] {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    if (part === '') cx.fail(`empty entry in the ${spec.name} field`);
    if (part === '?') cx.fail(`'?' can only be used alone in the day-of-month or day-of-week field`);
    if (/[LW#]/.test(part) && !spec.names) cx.fail(`'${part}': 'L', 'W' and '#' are not allowed in the ${spec.name} field`);
    // Quartz reads a bare '/n' as '*/n'.
    expandPart(part.startsWith('/') ? `*${part}` : part, spec, cx, values);
  }
  return [...values].sort((a, b) => a - b);
}

function parseDayOfMonth(field: string, cx: CronSyntax): QuartzDayRule {
  const last = /^L(?:-(\d+))?(W)?$/.exec(field);
  if (last) {
    const offset = last[1] === undefined ? 0 : Number(last[1]);
    if (offset > 30) cx.fail(`the offset from the last day of the month must be 0-30, not ${offset}`);
    return { kind: 'lastDayOfMonth', offset, nearestWeekday: last[2] !== undefined };
  }
  const weekday = /^(\d+)W$/.exec(field);
  if (weekday) {
    const day = Number(weekday[1]);
    if (day < 1 || day > 31) cx.fail(`'W' needs a day of month within 1-31, not ${day}`);
    return { kind: 'nearestWeekday', day };
  }
  if (/[LW]/.test(field)) cx.fail(`'L' and 'W' must stand alone in the day-of-month field (L, L-3, LW, L-3W or 15W), not '${field}'`);
  return { kind: 'daysOfMonth', days: new Set(parseList(field, DAY_OF_MONTH, cx)) };
}

function parseDayOfWeek(field: string, cx: CronSyntax): QuartzDayRule {
  if (field === 'L') return { kind: 'daysOfWeek', days: new Set([7]) }; // Quartz: 'L' alone is Saturday
  const lastOf = /^([A-Z]{3}|\d+)L$/.exec(field);
  if (lastOf) return { kind: 'lastWeekdayOfMonth', dayOfWeek: readValue(lastOf[1], DAY_OF_WEEK, cx) };
  const nth = /^([A-Z]{3}|\d+)#(\d+)$/.exec(field);
  if (nth) {
    const n = Number(nth[2]);
    if (n < 1 || n > 5) cx.fail(`'#' must be followed by a number within 1-5, not ${nth[2]}`);
    return { kind: 'nthWeekdayOfMonth', dayOfWeek: readValue(nth[1], DAY_OF_WEEK, cx), nth: n };
  }
  if (/[L#]/.test(field)) cx.fail(`'L' and '#' must stand alone in the day-of-week field (6L, FRIL, 6#3 or FRI#3), not '${field}'`);
  return { kind: 'daysOfWeek', days: new Set(parseList(field, DAY_OF_WEEK, cx)) };
}

/**
 * Parses a Quartz cron expression `sec min hour dayOfMonth month dayOfWeek
 * [year]` (case-insensitive), following Quartz's CronExpression as Camunda 7
 * ships it: `*`, lists, ranges (overflowing ones like `22-2` or `FRI-MON`
 * included), steps `a/n` and `*\/n`, names JAN-DEC and SUN-SAT, day-of-week
 * numbers 1-7 with SUN=1; day-of-month `L`, `L-n` (n ≤ 30), `LW`, `L-nW`, `nW`;
 * day-of-week `L` (= SAT), `nL`/`FRIL`, `n#k`/`FRI#k` (k 1-5); years 1970-2199.
 * Exactly one of day-of-month and day-of-week must be `?`, as in Quartz.
 * Throws `SafeFlowError('bpmn.invalid_timer')` with the reason on anything else.
 */
export function parseQuartzCron(expression: string): QuartzCron {
  const cx = new CronSyntax(expression);
  const fields = expression.trim().toUpperCase().split(/\s+/);
  if (fields.length < 6 || fields.length > 7) cx.fail('a cron needs 6 or 7 fields (sec min hour dayOfMonth month dayOfWeek [year])');
  const [sec, min, hour, dom, month, dow, year] = fields;
  if (dom === '?' && dow === '?') cx.fail(`'?' can only be given for day-of-month OR day-of-week, not both`);
  if (dom !== '?' && dow !== '?') {
    cx.fail(`give '?' for either day-of-month or day-of-week (Quartz does not support both at once; e.g. '0 0 8 ? * MON-FRI' or '0 0 8 1 * ?')`);
  }
  return {
    seconds: parseList(sec, SECONDS, cx),
    minutes: parseList(min, MINUTES, cx),
    hours: parseList(hour, HOURS, cx),
    months: parseList(month, MONTH, cx),
    day: dom === '?' ? parseDayOfWeek(dow, cx) : parseDayOfMonth(dom, cx),
    years: year === undefined || year === '*' ? undefined : parseList(year, YEAR, cx),
  };
}
