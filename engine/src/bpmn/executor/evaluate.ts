import { evaluateJuel, type ExpressionScope } from '../../expression';
import { SafeFlowError } from '../../errors';
import type { ExpressionModel } from '../model/ProcessModel';
import { expressionFailed } from './bpmnErrors';

/**
 * Evaluates a model expression: plain text comes back unchanged, `${...}`
 * goes through the safe JUEL evaluator. Any failure (unknown variable, type
 * error, step limit) becomes `SafeFlowError('bpmn.expression_error')`, status
 * 500, carrying the evaluator's message and code, so the runtime rolls back.
 * With `now`, the `now()` helper returns that time (the executor passes its clock's).
 */
export function evaluate(expr: ExpressionModel, scope: ExpressionScope, activityId: string | undefined, what: string, now?: Date): unknown {
  if (!expr.dynamic) return expr.source;
  try {
    // `now()` is the engine's clock (the command's time), not the host's wall clock
    return evaluateJuel(expr.source, scope, now ? { helpers: { now: () => now.toISOString() } } : {});
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const code = err instanceof SafeFlowError ? err.code : undefined;
    const where = activityId ? ` at '${activityId}'` : '';
    const text =
      code === 'expression.unknown_identifier'
        ? `Unknown property used in expression: ${expr.source} (${what}${where}). Cause: ${message}`
        : `Error evaluating ${what} '${expr.source}'${where}: ${message}`;
    throw expressionFailed(text, { expression: expr.source, activityId, cause: code }, err);
  }
}

/** Evaluates a condition; anything but a boolean result is an error (as in Camunda). */
export function evaluateCondition(expr: ExpressionModel, scope: ExpressionScope, activityId: string | undefined, what: string, now?: Date): boolean {
  const value = evaluate(expr, scope, activityId, what, now);
  if (typeof value !== 'boolean') {
    throw expressionFailed(`${what} '${expr.source}'${activityId ? ` at '${activityId}'` : ''} did not return a boolean (got ${value === null ? 'null' : typeof value})`, {
      expression: expr.source,
      activityId,
    });
  }
  return value;
}
