import type { ExpressionDialect } from './types';
import { charge, limitString, type EvalContext } from './EvalContext';
import { expressionError } from './expressionError';

/*
 * Value semantics. Nothing here calls code reachable from a value: no
 * implicit toString/valueOf/Symbol.toPrimitive, no prototype lookups. Dates are
 * read through the intrinsic Date.prototype methods captured at load time.
 */

const objectPrototype = Object.prototype;
const getPrototypeOf = Object.getPrototypeOf;
const hasOwnProperty = Object.hasOwn;
const dateGetTime = Date.prototype.getTime;
const dateToISOString = Date.prototype.toISOString;

/** Own-property test that never consults the value's prototype. */
export function hasOwn(object: object, key: string): boolean {
  return hasOwnProperty(object, key);
}

/** A plain object: its prototype is `Object.prototype` or `null`. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = getPrototypeOf(value);
  return proto === objectPrototype || proto === null;
}

/** A Date (a value only: no member access). */
export function isDate(value: unknown): value is Date {
  return value instanceof Date;
}

/** Milliseconds of a Date (NaN when invalid), via the intrinsic method. */
export function timeOf(date: Date): number {
  return Reflect.apply(dateGetTime, date, []) as number;
}

/** ISO text of a Date, `Invalid Date` when invalid. */
export function dateText(date: Date): string {
  return Number.isNaN(timeOf(date)) ? 'Invalid Date' : (Reflect.apply(dateToISOString, date, []) as string);
}

/** Shortened, quoted rendering of a value for error messages. */
export function preview(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : isDate(value) ? 'a date' : 'an object';
}

/**
 * Number conversion. Formily follows JavaScript `Number()` on primitives
 * (`null`→0, `undefined`→NaN, `''`→0, `'x'`→NaN), Dates give their time and
 * arrays/objects give NaN (JavaScript would call their toString). JUEL follows
 * EL: `null`/`undefined`/`''`→0, numeric strings → number, any other string
 * or a boolean → `expression.type_error`.
 */
export function toNumber(value: unknown, dialect: ExpressionDialect, position?: number): number {
  switch (typeof value) {
    case 'number':
      return value;
    case 'bigint':
      return Number(value);
    case 'string': {
      if (dialect === 'formily') return Number(value);
      const t = value.trim();
      if (t === '') return 0;
      const n = Number(t);
      if (Number.isNaN(n) && t !== 'NaN')
        throw expressionError(
          'expression.type_error',
          `Cannot coerce ${preview(value)} to a number`,
          position,
        );
      return n;
    }
    case 'boolean':
      if (dialect === 'formily') return value ? 1 : 0;
      throw expressionError('expression.type_error', `Cannot coerce ${String(value)} to a number`, position);
    case 'undefined':
      return dialect === 'juel' ? 0 : NaN;
    case 'object':
      if (value === null) return 0;
      if (isDate(value)) return timeOf(value);
      if (dialect === 'juel')
        throw expressionError(
          'expression.type_error',
          `Cannot coerce ${preview(value)} to a number`,
          position,
        );
      return NaN;
    default:
      return NaN;
  }
}

/**
 * Text of a value without calling into it: strings as is, numbers and booleans
 * by `String`, Dates as ISO text, arrays joined by `separator` (nested arrays
 * by ','; null/undefined items as ''; cycles as ''), other objects as
 * `[object Object]`. `nullish` picks how a top-level null/undefined reads:
 * `'js'` gives 'null'/'undefined', `'empty'` gives '' (EL and `string()`).
 * Charges a step per array item; never builds more than the string limit.
 */
export function toText(value: unknown, ctx: EvalContext, nullish: 'js' | 'empty', separator = ','): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'undefined':
      return nullish === 'js' ? 'undefined' : '';
    case 'object':
      if (value === null) return nullish === 'js' ? 'null' : '';
      if (isDate(value)) return dateText(value);
      if (Array.isArray(value)) return arrayText(value, ctx, separator, new Set(), 0);
      return '[object Object]';
    default:
      throw expressionError('expression.forbidden', 'Functions and symbols are not values');
  }
}

function arrayText(
  array: readonly unknown[],
  ctx: EvalContext,
  separator: string,
  seen: Set<unknown>,
  depth: number,
): string {
  if (seen.has(array)) return '';
  if (depth > 32) throw expressionError('expression.too_deep', 'Arrays nested too deeply to convert to text');
  seen.add(array);
  const length = array.length;
  charge(ctx, length);
  let out = '';
  for (let i = 0; i < length; i++) {
    const item = array[i];
    const text =
      item === null || item === undefined
        ? ''
        : Array.isArray(item)
          ? arrayText(item, ctx, ',', seen, depth + 1)
          : toText(item, ctx, 'js');
    out = limitString(i === 0 ? text : out + separator + text);
  }
  seen.delete(array);
  return out;
}

/** JavaScript truthiness (never calls into the value). */
export function isTruthy(value: unknown): boolean {
  return Boolean(value);
}

/** EL boolean coercion: null → false, strings → equal to 'true' ignoring case, others by truthiness. */
export function juelBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.toLowerCase() === 'true';
  return Boolean(value);
}

/** JUEL `empty`: null, undefined, '', [] and {} (a plain object without own keys). */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return Object.keys(value).length === 0;
  return false;
}

/**
 * Formily `==`: JavaScript loose equality on primitives; null equals
 * undefined; an object (array, Date, plain object) only equals itself (no
 * ToPrimitive: `[1] == 1` is false here).
 */
export function looseEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined)
    return (a === null || a === undefined) && (b === null || b === undefined);
  if (typeof a === 'object' || typeof b === 'object') return false;
  // both primitives (string, number, boolean, bigint): `==` runs no user code on them
  return a == b;
}

/** EL number coercion used by comparisons: NaN where EL would raise. */
function juelNumberOrNaN(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') {
    const t = value.trim();
    return t === '' ? 0 : Number(t);
  }
  return NaN;
}

/**
 * JUEL `==` (EL 1.8.2): undefined reads as null; null equals only null; if
 * either side is a number, both compare as numbers (numeric strings convert,
 * '' is 0; a non-numeric string is unequal where EL would raise); else if
 * either is a boolean, both compare as booleans ('true' ignoring case is
 * true); strings compare by content; Dates by time; other objects by identity.
 */
export function juelEquals(a: unknown, b: unknown): boolean {
  const x = a === undefined ? null : a;
  const y = b === undefined ? null : b;
  if (x === y) return true;
  if (x === null || y === null) return false;
  if (isDate(x) && isDate(y)) return timeOf(x) === timeOf(y);
  const tx = typeof x;
  const ty = typeof y;
  if (tx === 'number' || ty === 'number' || tx === 'bigint' || ty === 'bigint')
    return juelNumberOrNaN(x) === juelNumberOrNaN(y);
  if (tx === 'boolean' || ty === 'boolean') {
    if (tx === 'object' || ty === 'object') return false;
    return juelBoolean(x) === juelBoolean(y);
  }
  return false;
}

/** Relational operators. */
export type RelationalOperator = '<' | '<=' | '>' | '>=';

function relate(op: RelationalOperator, a: number | string, b: number | string): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

/**
 * `< <= > >=`. Two strings compare by UTF-16 code units; Dates by time.
 * Formily: otherwise both sides as numbers (NaN compares false). JUEL (EL
 * 1.8.1): a null side gives false; otherwise both as EL numbers, and a side
 * that cannot be a number gives false where EL would raise.
 */
export function compareValues(
  op: RelationalOperator,
  a: unknown,
  b: unknown,
  dialect: ExpressionDialect,
): boolean {
  if (typeof a === 'string' && typeof b === 'string') return relate(op, a, b);
  if (dialect === 'formily') return relate(op, toNumber(a, 'formily'), toNumber(b, 'formily'));
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (isDate(a) && isDate(b)) return relate(op, timeOf(a), timeOf(b));
  return relate(op, juelNumberOrNaN(a), juelNumberOrNaN(b));
}

/** Character cost of walking a string, in steps (1 per 256 characters). */
export function textCost(length: number): number {
  return Math.ceil(length / 256);
}
