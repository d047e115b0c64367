import { charge, limitArray, limitString, type EvalContext } from './EvalContext';
import { expressionError } from './expressionError';
import { EXPRESSION_LIMITS } from './limits';
import { textCost, toNumber, toText } from './values';

/** Methods callable on strings. */
export const STRING_METHOD_NAMES: readonly string[] = Object.freeze([
  'includes',
  'indexOf',
  'startsWith',
  'endsWith',
  'trim',
  'toUpperCase',
  'toLowerCase',
  'slice',
  'split',
]);
/** Methods callable on arrays. */
export const ARRAY_METHOD_NAMES: readonly string[] = Object.freeze(['includes', 'indexOf', 'slice', 'join']);
/** Methods callable on numbers. */
export const NUMBER_METHOD_NAMES: readonly string[] = Object.freeze(['toFixed']);
/** Every method name that may appear in call position after `.`. */
export const ALLOWED_METHOD_NAMES: ReadonlySet<string> = new Set([
  ...STRING_METHOD_NAMES,
  ...ARRAY_METHOD_NAMES,
  ...NUMBER_METHOD_NAMES,
]);

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const t = typeof value;
  return t === 'object' || t === 'undefined' ? (t === 'object' ? 'an object' : 'undefined') : `a ${t}`;
}

function position(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Math.trunc(toNumber(value, 'formily'));
  return Number.isNaN(n) ? 0 : n;
}

/** `slice` bounds as JavaScript computes them (negative from the end). */
function bound(value: unknown, length: number, fallback: number): number {
  const n = position(value);
  if (n === undefined) return fallback;
  return n < 0 ? Math.max(length + n, 0) : Math.min(n, length);
}

function stringMethod(s: string, name: string, args: readonly unknown[], ctx: EvalContext): unknown {
  charge(ctx, textCost(s.length));
  const text = (i: number): string => toText(args[i], ctx, 'js');
  switch (name) {
    case 'includes':
      return s.includes(text(0), position(args[1]));
    case 'indexOf':
      return s.indexOf(text(0), position(args[1]));
    case 'startsWith':
      return s.startsWith(text(0), position(args[1]));
    case 'endsWith':
      return s.endsWith(text(0), position(args[1]));
    case 'trim':
      return s.trim();
    case 'toUpperCase':
      return limitString(s.toUpperCase());
    case 'toLowerCase':
      return limitString(s.toLowerCase());
    case 'slice':
      return s.slice(bound(args[0], s.length, 0), bound(args[1], s.length, s.length));
    case 'split': {
      if (args[0] === undefined) return [s];
      const limit =
        args[1] === undefined
          ? EXPRESSION_LIMITS.maxArrayLength + 1
          : Math.max(0, Math.min(position(args[1]) ?? 0, EXPRESSION_LIMITS.maxArrayLength + 1));
      const parts = s.split(text(0), limit);
      limitArray(parts.length);
      charge(ctx, parts.length);
      return parts;
    }
  }
  return undefined;
}

function arrayMethod(
  a: readonly unknown[],
  name: string,
  args: readonly unknown[],
  ctx: EvalContext,
): unknown {
  const length = a.length;
  switch (name) {
    case 'includes':
      charge(ctx, length);
      for (let i = 0; i < length; i++) {
        const v = a[i];
        if (v === args[0] || (v !== v && args[0] !== args[0])) return true;
      }
      return false;
    case 'indexOf':
      charge(ctx, length);
      for (let i = 0; i < length; i++) if (a[i] === args[0]) return i;
      return -1;
    case 'slice': {
      const start = bound(args[0], length, 0);
      const end = bound(args[1], length, length);
      const out: unknown[] = [];
      charge(ctx, Math.max(0, end - start));
      for (let i = start; i < end; i++) out.push(a[i]);
      return out;
    }
    case 'join':
      return toText(a, ctx, 'js', args[0] === undefined ? ',' : toText(args[0], ctx, 'js'));
  }
  return undefined;
}

/**
 * Calls whitelisted method `name` on `receiver` with evaluated `args`, using
 * the language's own implementations (nothing is looked up on the receiver).
 * Strings: includes, indexOf, startsWith, endsWith, trim, toUpperCase,
 * toLowerCase, slice, split(separator, limit?). Arrays: includes, indexOf,
 * slice, join. Numbers: toFixed(digits 0..100). Arguments are converted
 * without calling into them. Anything else throws `expression.forbidden_call`.
 */
export function callMethod(
  receiver: unknown,
  name: string,
  args: readonly unknown[],
  ctx: EvalContext,
  at?: number,
): unknown {
  if (typeof receiver === 'string' && STRING_METHOD_NAMES.includes(name))
    return stringMethod(receiver, name, args, ctx);
  if (Array.isArray(receiver) && ARRAY_METHOD_NAMES.includes(name))
    return arrayMethod(receiver, name, args, ctx);
  if (typeof receiver === 'number' && name === 'toFixed') {
    const digits = args[0] === undefined ? 0 : Math.trunc(toNumber(args[0], 'formily'));
    if (!(digits >= 0 && digits <= 100))
      throw expressionError('expression.type_error', 'toFixed() digits must be between 0 and 100', at);
    return receiver.toFixed(digits);
  }
  throw expressionError(
    'expression.forbidden_call',
    `Method '${name}' is not available on ${kindOf(receiver)}`,
    at,
  );
}
