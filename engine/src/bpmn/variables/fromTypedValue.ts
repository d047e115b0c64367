import type { TypedValue } from '../ports';

/**
 * Unwraps a typed value into the plain JS value expressions see:
 * Null → null, Date → a `Date` (from its ISO string; an unparsable string is
 * returned as is), Json given as a string → parsed (left as the string when it
 * is not valid JSON), Long given as a string → number, everything else → its
 * `value` unchanged. `undefined` input gives `undefined`. Never throws.
 */
export function fromTypedValue(tv: TypedValue | undefined): unknown {
  if (tv === undefined) return undefined;
  const { type, value } = tv;
  switch (type) {
    case 'Null':
      return null;
    case 'Date': {
      if (value instanceof Date) return value;
      if (typeof value === 'string' || typeof value === 'number') {
        const d = new Date(value);
        return Number.isNaN(d.getTime()) ? value : d;
      }
      return value ?? null;
    }
    case 'Json':
    case 'Object':
      if (typeof value === 'string' && type === 'Json') {
        try {
          return JSON.parse(value) as unknown;
        } catch {
          return value;
        }
      }
      return value ?? null;
    case 'Long':
    case 'Integer':
    case 'Short':
    case 'Double':
      return typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : (value ?? null);
    default:
      return value ?? null;
  }
}
