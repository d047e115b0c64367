import { Schema } from '@formily/json-schema';
import { evaluateExpression } from '../expression';
import { resolveFormilyScopeName } from './formilyScopeView';

let installed = false;

/**
 * The compiler SafeFlow installs into Formily: evaluates the text inside
 * `{{ }}` with the safe evaluator (formily dialect) over read-only views of
 * Formily's scope (see `formilyScopeView.ts`). Never calls `new Function`.
 * Throws the evaluator's `expression.*` SafeFlowError for anything it cannot
 * parse or refuses — including the `function(){...}` wrapper Formily builds
 * around `fulfill.run`, so a runner is never executed.
 */
export function safeFormilyCompiler(expression: string, scope?: Record<string, unknown>): unknown {
  const source = scope ?? {};
  return evaluateExpression(expression, (name) => resolveFormilyScopeName(source, name), {
    dialect: 'formily',
  });
}

/**
 * Replaces Formily's `new Function` compiler with {@link safeFormilyCompiler}
 * via `Schema.registerCompiler`. Idempotent (later calls do nothing); works in
 * Node and in the browser. Call it before any schema is rendered or validated;
 * `validateSubmission` calls it itself.
 */
export function installSafeCompiler(): void {
  if (installed) return;
  Schema.registerCompiler(safeFormilyCompiler);
  installed = true;
}

/** True once {@link installSafeCompiler} has run in this realm. */
export function isSafeCompilerInstalled(): boolean {
  return installed;
}
