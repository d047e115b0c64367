/** One difference between two JSON documents, at a dotted path. */
export interface JsonChange {
  path: string;
  op: 'added' | 'removed' | 'changed';
  from?: unknown;
  to?: unknown;
}

/** Structural diff of two JSON values: objects by key, arrays by index, anything else by value. */
export function jsonDiff(a: unknown, b: unknown, path = ''): JsonChange[] {
  if (isContainer(a) && isContainer(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => {
      const p = path ? `${path}.${k}` : k;
      const inA = Object.prototype.hasOwnProperty.call(a, k);
      const inB = Object.prototype.hasOwnProperty.call(b, k);
      if (!inA) return [{ path: p, op: 'added' as const, to: (b as Record<string, unknown>)[k] }];
      if (!inB) return [{ path: p, op: 'removed' as const, from: (a as Record<string, unknown>)[k] }];
      return jsonDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], p);
    });
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path, op: 'changed', from: a, to: b }];
}

function isContainer(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
