import { invalidRequest } from './EngineRestError';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * Formats epoch ms (or a Date / ISO string) as Camunda's
 * `yyyy-MM-dd'T'HH:mm:ss.SSSZ` in UTC (`2026-11-28T16:34:42.000+0000`).
 * `null`/`undefined` give `null`.
 */
export function formatDate(t: number | string | Date | null | undefined): string | null {
  if (t === null || t === undefined) return null;
  const d = t instanceof Date ? t : new Date(typeof t === 'string' && /^\d+$/.test(t) ? Number(t) : t);
  if (Number.isNaN(d.getTime())) return null;
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`
  );
}

/**
 * Parses a date leniently: Camunda's format (`+0800` offsets), ISO 8601 with
 * `Z` or `+08:00`, or without a zone (read as UTC). Returns epoch ms.
 * Throws 400 InvalidRequestException naming `field` for anything else.
 */
export function parseDate(value: unknown, field: string): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    let s = value.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) s += 'Z';
    const t = Date.parse(s);
    if (!Number.isNaN(t)) return t;
  }
  throw invalidRequest('engine.invalid_date', `Cannot convert value '${String(value)}' of '${field}' to a date`);
}
