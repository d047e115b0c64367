import { missingValue, type EvalContext } from './EvalContext';
import { expressionError } from './expressionError';
import { isForbiddenProperty } from './forbiddenNames';
import { hasOwn, isDate, isPlainObject, preview } from './values';

const INDEX = /^(?:0|[1-9]\d*)$/;

/** Refuses functions and symbols as values (`expression.forbidden`); returns anything else unchanged. */
export function checkValue(value: unknown, what: string, position?: number): unknown {
  const t = typeof value;
  if (t === 'function' || t === 'symbol') {
    throw expressionError(
      'expression.forbidden',
      `${what} is a ${t}; functions are not values in expressions`,
      position,
    );
  }
  return value;
}

/** Turns a computed key into a property key: strings and numbers only (`expression.type_error` otherwise). */
export function propertyKey(value: unknown, position?: number): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  throw expressionError(
    'expression.type_error',
    `A property key must be a string or a number, not ${preview(value)}`,
    position,
  );
}

function arrayIndex(key: string | number): number {
  if (typeof key === 'number') return Number.isInteger(key) && key >= 0 ? key : -1;
  return INDEX.test(key) ? Number(key) : -1;
}

/**
 * Reads `object[key]` under the language's rules. Forbidden names are refused
 * first (`expression.forbidden`). Arrays and strings expose their indices and
 * `length`; plain objects their own properties; numbers, booleans and bigints
 * nothing. Anything missing reads as the dialect's missing value. Dates and
 * other non-plain objects refuse member access (`expression.forbidden`), as do
 * properties holding functions. `object` must not be null or undefined.
 */
export function readMember(
  object: unknown,
  key: string | number,
  ctx: EvalContext,
  position?: number,
): unknown {
  if (typeof key === 'string' && isForbiddenProperty(key)) {
    throw expressionError('expression.forbidden', `Property '${key}' is forbidden`, position);
  }
  if (Array.isArray(object) || typeof object === 'string') {
    if (key === 'length') return object.length;
    const index = arrayIndex(key);
    if (index < 0 || index >= object.length) return missingValue(ctx);
    return checkValue(object[index], `Item ${index}`, position);
  }
  if (isPlainObject(object)) {
    const name = typeof key === 'number' ? String(key) : key;
    if (!hasOwn(object, name)) return missingValue(ctx);
    return checkValue(object[name], `Property '${name}'`, position);
  }
  const t = typeof object;
  if (t === 'number' || t === 'boolean' || t === 'bigint') return missingValue(ctx);
  const kind = isDate(object) ? 'a date' : t === 'object' ? 'a non-plain object' : `a ${t}`;
  throw expressionError('expression.forbidden', `Cannot read property '${String(key)}' of ${kind}`, position);
}
