import type { ExpressionDialect, ExpressionScope } from './types';
import { expressionError } from './expressionError';
import { EXPRESSION_LIMITS } from './limits';

/** State of one evaluation, shared by the interpreter, the helpers and the methods. */
export interface EvalContext {
  readonly dialect: ExpressionDialect;
  readonly scope: ExpressionScope;
  readonly hostHelpers: Readonly<Record<string, unknown>> | undefined;
  readonly maxSteps: number;
  /** Steps spent so far. */
  steps: number;
}

/** Spends `n` steps of work (helpers charge for elements and characters they walk); throws `expression.step_limit` past the budget. */
export function charge(ctx: EvalContext, n: number, position?: number): void {
  ctx.steps += n;
  if (ctx.steps > ctx.maxSteps) throw stepLimit(ctx, position);
}

/** The `expression.step_limit` error of `ctx`. */
export function stepLimit(ctx: EvalContext, position?: number): Error {
  return expressionError(
    'expression.step_limit',
    `Expression exceeded its budget of ${ctx.maxSteps} evaluation steps`,
    position,
  );
}

/** The value of something missing: `undefined` in Formily, `null` in JUEL. */
export function missingValue(ctx: EvalContext): null | undefined {
  return ctx.dialect === 'juel' ? null : undefined;
}

/** Returns `s` unless it is longer than the string limit (`expression.too_large`). */
export function limitString(s: string, position?: number): string {
  limitLength(s.length, position);
  return s;
}

/** Throws `expression.too_large` when a string of `length` characters may not be built. */
export function limitLength(length: number, position?: number): void {
  if (length > EXPRESSION_LIMITS.maxStringLength) {
    throw expressionError(
      'expression.too_large',
      `String result longer than ${EXPRESSION_LIMITS.maxStringLength} characters`,
      position,
    );
  }
}

/** Throws `expression.too_large` when an array of `length` items may not be built. */
export function limitArray(length: number, position?: number): void {
  if (length > EXPRESSION_LIMITS.maxArrayLength) {
    throw expressionError(
      'expression.too_large',
      `Array result longer than ${EXPRESSION_LIMITS.maxArrayLength} items`,
      position,
    );
  }
}
