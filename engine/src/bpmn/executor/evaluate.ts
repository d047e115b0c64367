import { evaluateJuel, type ExpressionScope } from '../../expression';
import { SafeFlowError } from '../../errors';
import type { ExpressionModel } from '../model/ProcessModel';
import { expressionFailed } from './bpmnErrors';

/**
 * Evaluates a model expression: plain text comes back unchanged, `${...}`
 * goes through the safe JUEL evaluator. Any failure (unknown variable, type
 * error, step limit) becomes `SafeFlowError('bpmn.expression_error')`, status
 * 500, carrying the evaluator's message and code, so the runtime rolls back.
 */
export function evaluate(expr: ExpressionModel, scope: ExpressionScope, activityId: string | undefined, what: string): unknown {
  if (!expr.dynamic) return expr.source;
  try {
    return evaluateJuel(expr.source, scope);
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
export function evaluateCondition(expr: ExpressionModel, scope: ExpressionScope, activityId: string | undefined, what: string): boolean {
  const value = evaluate(expr, scope, activityId, what);
  if (typeof value !== 'boolean') {
    throw expressionFailed(`${what} '${expr.source}'${activityId ? ` at '${activityId}'` : ''} did not return a boolean (got ${value === null ? 'null' : typeof value})`, {
      expression: expr.source,
      activityId,
    });
  }
  return value;
}
