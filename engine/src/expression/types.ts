/**
 * The two dialects of SafeFlow's one expression language. `formily` is the
 * JavaScript-like dialect of Formily `{{ ... }}` expressions and computed
 * fields; `juel` is the Camunda JUEL subset of BPMN `${...}` conditions
 * (keyword operators, EL coercions, missing values read as `null`).
 */
export type ExpressionDialect = 'formily' | 'juel';

/**
 * Where identifiers come from. A plain object is read through its own
 * properties only; a resolver answers `{ found: false }` for unknown names
 * (which makes the evaluator raise `expression.unknown_identifier`).
 */
export type ExpressionScope =
  Record<string, unknown> | ((name: string) => { found: true; value: unknown } | { found: false });

/** Options of one evaluation. */
export interface EvalOptions {
  /** Evaluation budget: one step per AST node visited plus the work of helpers (default 10_000). */
  maxSteps?: number;
  /** Extra named helpers supplied by the host; they shadow built-ins of the same name (e.g. a fixed `now`). */
  helpers?: Record<string, (...args: unknown[]) => unknown>;
}

/** One finding of {@link checkExpression}: a stable `expression.*` code, a message and, when known, the offset in the source. */
export interface ExpressionIssue {
  code: string;
  message: string;
  position?: number;
}
