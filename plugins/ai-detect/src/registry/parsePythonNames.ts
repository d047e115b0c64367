/**
 * Reads Ultralytics' `names` metadata: a Python dict literal such as
 * `{0: 'person', 1: "hard hat"}` (not JSON). Returns the labels in index order, or
 * undefined when the text is not such a dict with indices 0..n-1.
 */
export function parsePythonNames(text: string): string[] | undefined {
  const body = text.trim();
  if (!body.startsWith('{') || !body.endsWith('}')) return undefined;
  const entry = /\s*(\d+)\s*:\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\s*(,|$)/y;
  const inner = body.slice(1, -1);
  const names: string[] = [];
  let pos = 0;
  while (pos < inner.length) {
    entry.lastIndex = pos;
    const m = entry.exec(inner);
    if (!m) return inner.slice(pos).trim() === '' ? names : undefined;
    const index = Number(m[1]);
    if (index !== names.length) return undefined;
    names.push(m[2]!.slice(1, -1).replace(/\\(.)/g, '$1'));
    pos = entry.lastIndex;
  }
  return names;
}
