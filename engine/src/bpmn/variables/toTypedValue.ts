import type { TypedValue } from '../ports';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * Wraps a plain JS value in a Camunda typed value, inferring the type the way
 * Camunda's REST API does: string → String, boolean → Boolean, an integer that
 * fits 32 bits → Integer, any other safe integer → Long, any other number →
 * Double, Date → Date (value stored as an ISO string), null/undefined → Null,
 * objects and arrays → Json (value kept as parsed JSON, never stringified).
 * Never throws; the result shares no mutable structure with Date inputs.
 */
export function toTypedValue(value: unknown): TypedValue {
  if (value === null || value === undefined) return { type: 'Null', value: null };
  switch (typeof value) {
    case 'string':
      return { type: 'String', value };
    case 'boolean':
      return { type: 'Boolean', value };
    case 'number':
      if (Number.isInteger(value)) {
        if (value >= INT32_MIN && value <= INT32_MAX) return { type: 'Integer', value };
        if (Number.isSafeInteger(value)) return { type: 'Long', value };
      }
      return { type: 'Double', value };
    case 'bigint':
      return { type: 'Long', value: Number(value) };
    default:
      break;
  }
  if (value instanceof Date) return { type: 'Date', value: value.toISOString() };
  return { type: 'Json', value };
}
