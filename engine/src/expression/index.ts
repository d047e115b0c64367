/**
 * SafeFlow's one safe expression language: Formily `{{ ... }}` expressions,
 * BPMN JUEL `${...}` conditions and computed fields. A precedence-climbing
 * parser and a tree-walking interpreter over a whitelist — no eval, no
 * `new Function`, no `node:vm`, no access to prototypes or globals — with
 * step, length, depth and size limits. Every failure is a SafeFlowError whose
 * code starts with `expression.`. Browser-safe: no `node:` imports.
 */
export type { ExpressionDialect, ExpressionScope, EvalOptions, ExpressionIssue } from './types';
export type * from './ExprNode';
export { parseExpression } from './parseExpression';
export { compileExpression, clearExpressionCache } from './compileExpression';
export { evaluateExpression } from './evaluateExpression';
export { evaluateJuel, compileJuelTemplate, type CompiledJuelTemplate } from './juelTemplate';
export { isJuelTemplate, splitJuelTemplate, type JuelTemplatePart } from './splitJuelTemplate';
export { checkExpression, type CheckExpressionOptions } from './checkExpression';
export { checkJuelTemplate } from './checkJuelTemplate';
export { EXPRESSION_LIMITS } from './limits';
export { BUILTIN_HELPER_NAMES } from './helpers';
export { ALLOWED_METHOD_NAMES } from './callMethod';
export {
  FORBIDDEN_PROPERTY_NAMES,
  FORBIDDEN_ROOT_NAMES,
  isForbiddenProperty,
  isForbiddenRoot,
} from './forbiddenNames';
export type { ExpressionErrorCode } from './expressionError';
