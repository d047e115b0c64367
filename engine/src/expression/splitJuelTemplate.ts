import { expressionError } from './expressionError';
import { EXPRESSION_LIMITS } from './limits';

/** A piece of a JUEL template: literal text, or the source of one `${...}`/`#{...}` with the offset where that source starts. */
export type JuelTemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'expression'; readonly source: string; readonly start: number };

/** Offset of the `}` closing the expression that starts at `start` (strings and nested braces skipped), or -1. */
function findClose(template: string, start: number): number {
  let depth = 0;
  for (let i = start; i < template.length; i++) {
    const c = template[i];
    if (c === "'" || c === '"') {
      i++;
      while (i < template.length && template[i] !== c) i += template[i] === '\\' ? 2 : 1;
      if (i >= template.length) return -1;
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/**
 * Splits a JUEL template into text and expression parts. `\${` and `\#{`
 * are escapes for literal `${` and `#{`. Throws SafeFlowError
 * `expression.syntax` for an unclosed `${`, `expression.too_long` past
 * 100,000 characters.
 */
export function splitJuelTemplate(template: string): JuelTemplatePart[] {
  if (typeof template !== 'string')
    throw expressionError('expression.syntax', 'A JUEL template must be a string');
  if (template.length > EXPRESSION_LIMITS.maxTemplateLength) {
    throw expressionError(
      'expression.too_long',
      `JUEL template is longer than ${EXPRESSION_LIMITS.maxTemplateLength} characters`,
    );
  }
  const parts: JuelTemplatePart[] = [];
  let text = '';
  let from = 0;
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    const opens = (at: number): boolean =>
      (template[at] === '$' || template[at] === '#') && template[at + 1] === '{';
    if (c === '\\' && opens(i + 1)) {
      text += template.slice(from, i) + template[i + 1] + '{';
      i += 3;
      from = i;
    } else if (opens(i)) {
      text += template.slice(from, i);
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
      const start = i + 2;
      const close = findClose(template, start);
      if (close < 0) throw expressionError('expression.syntax', `Unclosed '${c}{' at position ${i}`, i);
      parts.push({ kind: 'expression', source: template.slice(start, close), start });
      i = close + 1;
      from = i;
    } else {
      i++;
    }
  }
  text += template.slice(from);
  if (text !== '') parts.push({ kind: 'text', text });
  return parts;
}

/**
 * Does `template` contain an unescaped `${` or `#{`? True also when it is not
 * closed, so that such text reaches the checker instead of passing as text.
 */
export function isJuelTemplate(template: string): boolean {
  if (typeof template !== 'string') return false;
  for (let i = 0; i < template.length - 1; i++) {
    const c = template[i];
    if (c === '\\') i++;
    else if ((c === '$' || c === '#') && template[i + 1] === '{') return true;
  }
  return false;
}
