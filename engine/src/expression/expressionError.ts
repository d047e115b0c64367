import { SafeFlowError } from '../errors';

/** Every code the expression language raises. */
export type ExpressionErrorCode =
  | 'expression.syntax'
  | 'expression.too_long'
  | 'expression.too_deep'
  | 'expression.too_large'
  | 'expression.step_limit'
  | 'expression.forbidden'
  | 'expression.forbidden_call'
  | 'expression.unknown_identifier'
  | 'expression.unknown_helper'
  | 'expression.null_access'
  | 'expression.type_error'
  | 'expression.invalid_ast'
  | 'expression.invalid_options'
  | 'expression.helper_failed'
  | 'expression.host_error'
  | 'expression.internal';

/** Codes caused by a host (resolver, getter, helper): their stack traces are worth keeping. */
const HOST_CODES: ReadonlySet<string> = new Set([
  'expression.internal',
  'expression.host_error',
  'expression.helper_failed',
]);

const errorConstructor = Error as { stackTraceLimit?: number };

/**
 * Builds the SafeFlowError of an expression failure; `position` (source
 * offset) goes to `details.position`. Failures caused by the expression itself
 * carry no stack trace: it says nothing about them and capturing one costs
 * more than parsing (untrusted input must not make errors expensive).
 */
export function expressionError(
  code: ExpressionErrorCode,
  message: string,
  position?: number,
  cause?: unknown,
): SafeFlowError {
  const opts = {
    status: code === 'expression.internal' || code === 'expression.host_error' ? 500 : 400,
    details: position === undefined ? undefined : { position },
    cause,
  };
  const limit = errorConstructor.stackTraceLimit;
  if (HOST_CODES.has(code) || typeof limit !== 'number') return new SafeFlowError(code, message, opts);
  errorConstructor.stackTraceLimit = 0;
  try {
    return new SafeFlowError(code, message, opts);
  } finally {
    errorConstructor.stackTraceLimit = limit;
  }
}

/** True for a SafeFlowError whose code starts with `expression.`. */
export function isExpressionError(error: unknown): error is SafeFlowError {
  return (
    error instanceof SafeFlowError && typeof error.code === 'string' && error.code.startsWith('expression.')
  );
}

/** A short, safe description of anything thrown (never throws itself). */
export function describeThrown(error: unknown): string {
  try {
    if (error instanceof Error) return String(error.message);
    if (typeof error === 'string') return error;
    return 'a non-error value was thrown';
  } catch {
    return 'an unreadable error was thrown';
  }
}

/**
 * Maps anything thrown inside the language to an `expression.*` SafeFlowError:
 * expression errors pass through, stack overflows become `too_deep`, other
 * SafeFlowErrors (from host resolvers) become `host_error`, the rest `internal`.
 * The original is kept as `cause`.
 */
export function toExpressionError(error: unknown): SafeFlowError {
  if (isExpressionError(error)) return error;
  const message = describeThrown(error);
  if (error instanceof RangeError && /call stack/i.test(message)) {
    return expressionError('expression.too_deep', 'Expression is nested too deeply', undefined, error);
  }
  if (error instanceof SafeFlowError) {
    return expressionError(
      'expression.host_error',
      `Host failure while evaluating an expression (${error.code}): ${message}`,
      undefined,
      error,
    );
  }
  return expressionError(
    'expression.internal',
    `Unexpected failure while evaluating an expression: ${message}`,
    undefined,
    error,
  );
}

/** Rewrites the first "position N" of `message` to "position N+offset" (errors of a template part, reported against the template). */
export function shiftMessagePosition(message: string, position: number, offset: number): string {
  return message.replace(`position ${position}`, `position ${position + offset}`);
}
