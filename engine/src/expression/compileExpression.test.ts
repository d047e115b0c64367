import { describe, expect, it } from 'vitest';
import { clearExpressionCache, compileExpression } from './compileExpression';
import { EXPRESSION_LIMITS } from './limits';

describe('compileExpression', () => {
  it('returns the same frozen tree for the same source and dialect', () => {
    // given an empty cache
    clearExpressionCache();
    // when the same source is compiled twice per dialect
    const a = compileExpression('x > 1', 'formily');
    const b = compileExpression('x > 1', 'formily');
    const c = compileExpression('x > 1', 'juel');
    // then the dialect's tree is shared and frozen, and dialects do not share
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('keeps a bounded number of trees', () => {
    // given a cache filled past its capacity
    clearExpressionCache();
    const first = compileExpression('0 + 0', 'formily');
    for (let i = 1; i <= EXPRESSION_LIMITS.cacheSize; i++) compileExpression(`${i} + 0`, 'formily');
    // when the first source is compiled again
    const again = compileExpression('0 + 0', 'formily');
    // then it was evicted and parsed anew
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('does not cache failures', () => {
    // given a malformed source
    // when compiled twice
    // then it fails both times
    expect(() => compileExpression('1 +', 'formily')).toThrow('Unexpected end of expression');
    expect(() => compileExpression('1 +', 'formily')).toThrow('Unexpected end of expression');
  });
});
