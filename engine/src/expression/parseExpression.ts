import type { ExprNode } from './ExprNode';
import type { ExpressionDialect } from './types';
import { ExpressionParser } from './ExpressionParser';
import { expressionError, toExpressionError } from './expressionError';
import { EXPRESSION_LIMITS } from './limits';
import { tokenize } from './tokenize';
import { assertValidAst, markTrusted } from './validateAst';

/**
 * Parses one expression of `dialect` into a deeply frozen {@link ExprNode}
 * (precedence climbing; no global configuration, so both dialects coexist).
 *
 * Throws SafeFlowError `expression.syntax` (with `details.position`) on
 * anything outside the grammar — assignment, `this`, `new`, arrow functions,
 * regex and template literals, sequences, statements, and `===`/`!==` in
 * JUEL; `expression.forbidden` for forbidden names (`constructor`,
 * `__proto__`, `globalThis`, `process`, `fulfill`, ...) as roots, after `.`,
 * as literal keys; `expression.forbidden_call` when the callee is neither a
 * name nor a member; `expression.too_long` past 10,000 characters;
 * `expression.too_deep` past 200 levels of nesting or a tree deeper than
 * 1,000; `expression.too_large` for literals or argument lists over 1,000 items.
 */
export function parseExpression(src: string, dialect: ExpressionDialect): ExprNode {
  try {
    if (typeof src !== 'string') throw expressionError('expression.syntax', 'An expression must be a string');
    if (dialect !== 'formily' && dialect !== 'juel') {
      throw expressionError('expression.invalid_options', `Unknown expression dialect '${String(dialect)}'`);
    }
    if (src.length > EXPRESSION_LIMITS.maxSourceLength) {
      throw expressionError(
        'expression.too_long',
        `Expression is longer than ${EXPRESSION_LIMITS.maxSourceLength} characters`,
      );
    }
    const root = new ExpressionParser(tokenize(src), dialect === 'juel').parseRoot();
    assertValidAst(root);
    markTrusted(root);
    return root;
  } catch (error) {
    throw toExpressionError(error);
  }
}
