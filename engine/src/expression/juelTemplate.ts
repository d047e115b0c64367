import type { ExprNode } from './ExprNode';
import type { EvalOptions, ExpressionScope } from './types';
import { limitLength } from './EvalContext';
import { LruCache } from './LruCache';
import { compileExpression } from './compileExpression';
import { evaluateNode, SHORT_CIRCUIT } from './evaluate';
import { createEvalContext } from './evaluateExpression';
import {
  expressionError,
  isExpressionError,
  shiftMessagePosition,
  toExpressionError,
} from './expressionError';
import { EXPRESSION_LIMITS } from './limits';
import { splitJuelTemplate } from './splitJuelTemplate';
import { toText } from './values';

/** A parsed JUEL template: text parts and compiled expressions in order. */
export interface CompiledJuelTemplate {
  readonly parts: readonly (
    | { readonly kind: 'text'; readonly text: string }
    | { readonly kind: 'expression'; readonly node: ExprNode }
  )[];
  /** The template is exactly one `${...}`: its value is returned as is. */
  readonly single: boolean;
}

const cache = new LruCache<string, CompiledJuelTemplate>(EXPRESSION_LIMITS.cacheSize);

/** Moves a parse error's position from the part to the template. */
function shifted(error: unknown, offset: number): unknown {
  if (!isExpressionError(error)) return error;
  const position = (error.details as { position?: unknown } | undefined)?.position;
  if (typeof position !== 'number')
    return expressionError(error.code as 'expression.syntax', error.message, offset, error);
  return expressionError(
    error.code as 'expression.syntax',
    shiftMessagePosition(error.message, position, offset),
    position + offset,
    error,
  );
}

/** Splits and parses `template` (JUEL dialect), cached; throws as parseExpression does, positions relative to the template. */
export function compileJuelTemplate(template: string): CompiledJuelTemplate {
  const hit = cache.get(template);
  if (hit !== undefined) return hit;
  const split = splitJuelTemplate(template);
  const parts = split.map((part) => {
    if (part.kind === 'text') return part;
    try {
      return { kind: 'expression' as const, node: compileExpression(part.source, 'juel') };
    } catch (error) {
      throw shifted(error, part.start);
    }
  });
  const compiled: CompiledJuelTemplate = Object.freeze({
    parts: Object.freeze(parts),
    single: parts.length === 1 && parts[0].kind === 'expression',
  });
  cache.set(template, compiled);
  return compiled;
}

/**
 * Evaluates a JUEL template in the JUEL dialect. `"${a > 1}"` (exactly one
 * expression) gives the value itself; `"#{x}"` likewise; text with parts
 * (`"text ${x} more"`) gives a string in which null/undefined read as '' and
 * other values as `string()` renders them; text without `${`/`#{` is returned
 * as is. All parts share one step budget. Throws only `expression.*` SafeFlowErrors.
 */
export function evaluateJuel(template: string, scope: ExpressionScope, opts: EvalOptions = {}): unknown {
  try {
    const ctx = createEvalContext(scope, opts, 'juel');
    const compiled = compileJuelTemplate(template);
    if (compiled.single) {
      const part = compiled.parts[0];
      const value = part.kind === 'expression' ? evaluateNode(part.node, ctx) : part.text;
      return value === SHORT_CIRCUIT ? null : value;
    }
    let out = '';
    for (const part of compiled.parts) {
      const value = part.kind === 'text' ? part.text : evaluateNode(part.node, ctx);
      const text = toText(value === SHORT_CIRCUIT ? null : value, ctx, 'empty');
      limitLength(out.length + text.length);
      out += text;
    }
    return out;
  } catch (error) {
    throw toExpressionError(error);
  }
}
