import { CronTime } from 'cron';
import { invalidTimer } from './invalidTimer';

interface CompiledCron {
  cron: CronTime;
  /** Allowed years (Quartz 7th field); undefined = any. */
  years?: ReadonlySet<number>;
}

const cache = new Map<string, CompiledCron>();
const CACHE_LIMIT = 500;

/** Maps one Quartz day-of-week token (1-7, SUN=1, or a name) to cron's 0-6. */
function mapDayOfWeek(token: string, expression: string): string {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    if (n < 1 || n > 7) throw invalidTimer(`Day of week '${token}' out of range 1-7 in cron '${expression}'`, expression);
    return String(n - 1);
  }
  return token;
}

function translateDayOfWeek(field: string, expression: string): string {
  if (field === '?' || field === '*') return '*';
  // No day name contains 'L' or '#', so any of them marks a Quartz-only form.
  if (/[L#]/i.test(field)) {
    throw invalidTimer(`Quartz 'L' and '#' day-of-week forms are not supported in cron '${expression}'`, expression);
  }
  return field
    .split(',')
    .map((part) => {
      const [range, step] = part.split('/');
      const mapped = range === '*' ? '*' : range.split('-').map((t) => mapDayOfWeek(t, expression)).join('-');
      return step === undefined ? mapped : `${mapped}/${step}`;
    })
    .join(',');
}

function parseYears(field: string, expression: string): Set<number> | undefined {
  if (field === '*' || field === '?') return undefined;
  const years = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\d{4})(?:-(\d{4}))?(?:\/(\d+))?$/.exec(part);
    if (!m) throw invalidTimer(`Invalid year field '${field}' in cron '${expression}'`, expression);
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : m[3] ? 2199 : from;
    const step = m[3] ? Number(m[3]) : 1;
    if (to < from || step < 1) throw invalidTimer(`Invalid year field '${field}' in cron '${expression}'`, expression);
    for (let y = from; y <= to; y += step) years.add(y);
  }
  return years;
}

/** Compiles (and caches) a Quartz cron expression. Throws `bpmn.invalid_timer`. */
function compile(expression: string): CompiledCron {
  const hit = cache.get(expression);
  if (hit) return hit;
  const fields = expression.trim().split(/\s+/);
  if (fields.length < 6 || fields.length > 7) {
    throw invalidTimer(`Cron '${expression}' must have 6 or 7 fields (sec min hour dayOfMonth month dayOfWeek [year])`, expression);
  }
  const [sec, min, hour, dom, month, dow, year] = fields;
  if (/[LW]/i.test(dom) && dom !== '?') throw invalidTimer(`Quartz 'L' and 'W' day-of-month forms are not supported in cron '${expression}'`, expression);
  const source = [sec, min, hour, dom === '?' ? '*' : dom, month, translateDayOfWeek(dow, expression)].join(' ');
  let cron: CronTime;
  try {
    cron = new CronTime(source, 'UTC');
  } catch (err) {
    throw invalidTimer(`Invalid cron '${expression}': ${(err as Error).message}`, expression);
  }
  const compiled: CompiledCron = { cron, years: year === undefined ? undefined : parseYears(year, expression) };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(expression, compiled);
  return compiled;
}

/** True when `text` looks like a cron expression rather than an ISO form. */
export function isCronExpression(text: string): boolean {
  return text.trim().split(/\s+/).length >= 6;
}

/**
 * The first fire time strictly after `from` of a Quartz/Camunda cron
 * expression, evaluated in UTC, or null when it never fires again (e.g. its
 * year list is exhausted). Supported: `sec min hour dayOfMonth month dayOfWeek
 * [year]` with `*`, `?` (read as `*`), lists, ranges, steps, names MON-SUN and
 * JAN-DEC, Quartz day-of-week numbers 1-7 with SUN=1, and a year field of
 * lists/ranges/steps. Not supported (rejected): `L`, `W`, `#`.
 * Throws `SafeFlowError('bpmn.invalid_timer')` on an invalid expression.
 */
export function nextCronDate(expression: string, from: Date): Date | null {
  const { cron, years } = compile(expression);
  let cursor = from;
  for (let i = 0; i < 64; i++) {
    let next: Date;
    try {
      next = cron.getNextDateFrom(cursor).toJSDate();
    } catch {
      return null;
    }
    if (!years) return next;
    const y = next.getUTCFullYear();
    if (years.has(y)) return next;
    const later = [...years].filter((v) => v > y).sort((a, b) => a - b)[0];
    if (later === undefined) return null;
    cursor = new Date(Date.UTC(later, 0, 1) - 1000);
  }
  return null;
}
