/**
 * Splits a Camunda comma list (`a, b, ${group}`) into trimmed, non-empty
 * parts, never splitting inside `${...}` / `#{...}` (expressions may contain
 * commas, e.g. function arguments or list literals).
 */
export function splitCommaList(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ((c === '$' || c === '#') && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '{' && depth > 0) depth++;
    else if (c === '}' && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}
