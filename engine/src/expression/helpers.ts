import { charge, type EvalContext } from './EvalContext';
import { expressionError } from './expressionError';
import { hasOwn, isEmptyValue, isPlainObject, preview, textCost, toNumber, toText } from './values';

/** A built-in helper: receives evaluated arguments and the context it charges its work to. */
export type BuiltinHelper = (args: readonly unknown[], ctx: EvalContext) => unknown;

function typeError(message: string): Error {
  return expressionError('expression.type_error', message);
}

/** The numbers a list helper works on: one array argument, or the arguments themselves; null, undefined and '' skipped. */
function numbers(name: string, args: readonly unknown[], ctx: EvalContext): number[] {
  const source = args.length === 1 && Array.isArray(args[0]) ? (args[0] as readonly unknown[]) : args;
  const length = source.length;
  charge(ctx, length);
  const out: number[] = [];
  for (let i = 0; i < length; i++) {
    const v = source[i];
    if (v === null || v === undefined || v === '') continue;
    if (typeof v === 'object' && !(v instanceof Date))
      throw typeError(`${name}() expects numbers, got ${preview(v)}`);
    out.push(toNumber(v, 'formily'));
  }
  return out;
}

function sameValueZero(a: unknown, b: unknown): boolean {
  return a === b || (a !== a && b !== b);
}

/** Number of items/keys/characters of a collection; 0 for null/undefined. */
function sizeOf(name: string, value: unknown, strings: boolean): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) return value.length;
  if (strings && typeof value === 'string') return value.length;
  if (isPlainObject(value)) return Object.keys(value).length;
  throw typeError(
    `${name}() expects ${strings ? 'a string, ' : ''}an array or an object, got ${preview(value)}`,
  );
}

function roundTo(value: unknown, digits: unknown): number {
  const n = toNumber(value, 'formily');
  const d = digits === undefined || digits === null ? 0 : Math.trunc(toNumber(digits, 'formily'));
  if (!(d >= -15 && d <= 15)) throw typeError('round() digits must be between -15 and 15');
  if (!Number.isFinite(n)) return n;
  const factor = 10 ** d;
  // the epsilon nudge makes round(1.005, 2) give 1.01 as a person expects
  return (Math.sign(n) * Math.round(Math.abs(n) * factor * (1 + Number.EPSILON))) / factor;
}

function contains(collection: unknown, item: unknown, ctx: EvalContext): boolean {
  if (collection === null || collection === undefined) return false;
  if (Array.isArray(collection)) {
    charge(ctx, collection.length);
    for (let i = 0; i < collection.length; i++) if (sameValueZero(collection[i], item)) return true;
    return false;
  }
  if (typeof collection === 'string') {
    charge(ctx, textCost(collection.length));
    return collection.includes(toText(item, ctx, 'js'));
  }
  if (isPlainObject(collection)) return typeof item === 'string' && hasOwn(collection, item);
  throw typeError(`contains() expects an array, a string or an object, got ${preview(collection)}`);
}

function includesAny(collection: unknown, candidates: unknown, ctx: EvalContext): boolean {
  if (collection === null || collection === undefined) return false;
  if (!Array.isArray(collection))
    throw typeError(`includesAny() expects an array, got ${preview(collection)}`);
  const wanted: readonly unknown[] = Array.isArray(candidates) ? candidates : [candidates];
  charge(ctx, collection.length + wanted.length);
  const present = new Set<unknown>();
  for (let i = 0; i < collection.length; i++) present.add(collection[i]);
  for (let i = 0; i < wanted.length; i++) if (present.has(wanted[i])) return true;
  return false;
}

function toNumberHelper(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const t = value.trim();
    return t === '' ? null : Number(t);
  }
  return toNumber(value, 'formily');
}

/**
 * The built-in helpers, callable by name only:
 * - `sum(array | ...numbers)`, `min(...)`, `max(...)` — null/undefined/'' items
 *   are skipped; `min`/`max` of nothing give null;
 * - `abs(x)`, `floor(x)`, `ceil(x)`, `round(x, digits = 0)` (half away from zero);
 * - `count(array | object)` items or own keys, `len(string | array | object)`;
 *   both 0 for null;
 * - `isEmpty(x)` — null, undefined, '', [] or {};
 * - `contains(array | string | object, item)` — item, substring, or own key;
 * - `includesAny(array, array | item)`;
 * - `number(x)` — null for null/undefined/blank, NaN for non-numeric text;
 *   `string(x)` — '' for null/undefined;
 * - `coalesce(...)` — the first argument that is not null/undefined, else null;
 * - `now()` — the current time as ISO text (hosts override it via `EvalOptions.helpers`).
 */
export const BUILTIN_HELPERS: ReadonlyMap<string, BuiltinHelper> = new Map<string, BuiltinHelper>([
  ['sum', (args, ctx) => numbers('sum', args, ctx).reduce((a, b) => a + b, 0)],
  [
    'min',
    (args, ctx) => {
      const ns = numbers('min', args, ctx);
      return ns.length === 0 ? null : ns.reduce((a, b) => (b < a || Number.isNaN(b) ? b : a));
    },
  ],
  [
    'max',
    (args, ctx) => {
      const ns = numbers('max', args, ctx);
      return ns.length === 0 ? null : ns.reduce((a, b) => (b > a || Number.isNaN(b) ? b : a));
    },
  ],
  ['abs', (args) => Math.abs(toNumber(args[0], 'formily'))],
  ['round', (args) => roundTo(args[0], args[1])],
  ['floor', (args) => Math.floor(toNumber(args[0], 'formily'))],
  ['ceil', (args) => Math.ceil(toNumber(args[0], 'formily'))],
  ['count', (args) => sizeOf('count', args[0], false)],
  ['len', (args) => sizeOf('len', args[0], true)],
  ['isEmpty', (args) => isEmptyValue(args[0])],
  ['contains', (args, ctx) => contains(args[0], args[1], ctx)],
  ['includesAny', (args, ctx) => includesAny(args[0], args[1], ctx)],
  ['number', (args) => toNumberHelper(args[0])],
  ['string', (args, ctx) => toText(args[0], ctx, 'empty')],
  [
    'coalesce',
    (args) => {
      for (const a of args) if (a !== null && a !== undefined) return a;
      return null;
    },
  ],
  ['now', () => new Date().toISOString()],
]);

/** Names of the built-in helpers (for linters and {@link checkExpression}). */
export const BUILTIN_HELPER_NAMES: readonly string[] = Object.freeze([...BUILTIN_HELPERS.keys()]);
