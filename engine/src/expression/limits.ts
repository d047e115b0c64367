/**
 * Hard limits of the expression language. Breaching one raises the
 * `SafeFlowError` code noted beside it; none can be raised by options except
 * the step budget (`EvalOptions.maxSteps`).
 */
export const EXPRESSION_LIMITS = Object.freeze({
  /** Characters in one expression (`expression.too_long`). */
  maxSourceLength: 10_000,
  /** Characters in one JUEL template, text included (`expression.too_long`). */
  maxTemplateLength: 100_000,
  /** Parser recursion: parentheses, literals, unary and ternary nesting (`expression.too_deep`). */
  maxNesting: 200,
  /** Depth of the tree, e.g. a left-deep `a + b + c ...` chain (`expression.too_deep`). */
  maxAstDepth: 1_000,
  /** Nodes in a host-built tree passed to evaluate (`expression.too_large`). */
  maxAstNodes: 100_000,
  /** Items of one array/object literal or arguments of one call (`expression.too_large`). */
  maxLiteralItems: 1_000,
  /** Characters of any string the evaluator builds (`expression.too_large`). */
  maxStringLength: 1_000_000,
  /** Items of any array the evaluator builds, e.g. by `split` (`expression.too_large`). */
  maxArrayLength: 100_000,
  /** Default evaluation budget (`expression.step_limit`). */
  defaultMaxSteps: 10_000,
  /** Parsed trees kept per dialect by `compileExpression`. */
  cacheSize: 1_000,
});
