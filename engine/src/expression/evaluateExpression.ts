import type { ExprNode } from './ExprNode';
import type { EvalOptions, ExpressionDialect, ExpressionScope } from './types';
import type { EvalContext } from './EvalContext';
import { compileExpression } from './compileExpression';
import { evaluateNode, SHORT_CIRCUIT } from './evaluate';
import { expressionError, toExpressionError } from './expressionError';
import { EXPRESSION_LIMITS } from './limits';
import { assertValidAst, isTrusted } from './validateAst';

/**
 * Builds the context of one evaluation from caller input, refusing malformed
 * options with `expression.invalid_options`.
 */
export function createEvalContext(
  scope: ExpressionScope,
  opts: EvalOptions,
  dialect: ExpressionDialect,
): EvalContext {
  if (dialect !== 'formily' && dialect !== 'juel')
    throw expressionError('expression.invalid_options', `Unknown expression dialect '${String(dialect)}'`);
  if (typeof scope !== 'function' && (typeof scope !== 'object' || scope === null)) {
    throw expressionError('expression.invalid_options', 'The scope must be an object or a resolver function');
  }
  const maxSteps = opts.maxSteps ?? EXPRESSION_LIMITS.defaultMaxSteps;
  if (typeof maxSteps !== 'number' || !Number.isInteger(maxSteps) || maxSteps < 1) {
    throw expressionError('expression.invalid_options', 'maxSteps must be a positive integer');
  }
  const helpers = opts.helpers;
  if (helpers !== undefined && (typeof helpers !== 'object' || helpers === null)) {
    throw expressionError('expression.invalid_options', 'helpers must be an object of functions');
  }
  return { dialect, scope, hostHelpers: helpers, maxSteps, steps: 0 };
}

/**
 * Evaluates `src` (source, compiled through the LRU cache, or a tree) against
 * `scope`. `opts.dialect` defaults to `formily`; a tree is evaluated with the
 * dialect given here, so pass the one it was parsed with. Hand-built trees
 * are validated first (`assertValidAst`).
 *
 * Returns the value; missing properties read as `undefined` (Formily) or
 * `null` (JUEL). Never returns a function. Throws only SafeFlowErrors whose
 * code starts with `expression.` (syntax, forbidden, unknown_identifier,
 * unknown_helper, step_limit, too_large, type_error, null_access, ...);
 * anything else thrown inside (a host getter, resolver or helper) is wrapped,
 * with the original as `cause`.
 */
export function evaluateExpression(
  src: string | ExprNode,
  scope: ExpressionScope,
  opts: EvalOptions & { dialect?: ExpressionDialect } = {},
): unknown {
  try {
    const dialect = opts.dialect ?? 'formily';
    const ctx = createEvalContext(scope, opts, dialect);
    let node: ExprNode;
    if (typeof src === 'string') node = compileExpression(src, dialect);
    else {
      if (!isTrusted(src)) assertValidAst(src);
      node = src;
    }
    const value = evaluateNode(node, ctx);
    return value === SHORT_CIRCUIT ? (dialect === 'juel' ? null : undefined) : value;
  } catch (error) {
    throw toExpressionError(error);
  }
}
