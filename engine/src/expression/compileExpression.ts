import type { ExprNode } from './ExprNode';
import type { ExpressionDialect } from './types';
import { LruCache } from './LruCache';
import { EXPRESSION_LIMITS } from './limits';
import { parseExpression } from './parseExpression';

const caches: Readonly<Record<ExpressionDialect, LruCache<string, ExprNode>>> = {
  formily: new LruCache(EXPRESSION_LIMITS.cacheSize),
  juel: new LruCache(EXPRESSION_LIMITS.cacheSize),
};

/**
 * {@link parseExpression} behind an LRU cache of 1,000 trees per dialect. The
 * returned tree is frozen and shared: the same source gives the same object.
 * Failures are not cached; they throw as `parseExpression` does.
 */
export function compileExpression(src: string, dialect: ExpressionDialect): ExprNode {
  const cache = dialect === 'juel' ? caches.juel : dialect === 'formily' ? caches.formily : undefined;
  if (cache === undefined) return parseExpression(src, dialect);
  const hit = cache.get(src);
  if (hit !== undefined) return hit;
  const node = parseExpression(src, dialect);
  cache.set(src, node);
  return node;
}

/** Empties the caches of {@link compileExpression} (tests, hot reload). */
export function clearExpressionCache(): void {
  caches.formily.clear();
  caches.juel.clear();
}
