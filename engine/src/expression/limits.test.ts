import { describe, expect, it } from 'vitest';
import { SafeFlowError } from '../errors';
import type { ExprNode } from './ExprNode';
import { checkExpression } from './checkExpression';
import { evaluateExpression } from './evaluateExpression';
import { evaluateJuel } from './juelTemplate';
import { EXPRESSION_LIMITS } from './limits';
import { parseExpression } from './parseExpression';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SafeFlowError);
    expect(error).not.toBeInstanceOf(RangeError);
    return (error as SafeFlowError).code;
  }
  return 'no error';
}

/** A balanced tree of `1 + 1 + ...` with `leaves` leaves (depth ~log2), built by code. */
function balancedSum(leaves: number): ExprNode {
  if (leaves === 1) return { type: 'Literal', value: 1, pos: 0 };
  const half = Math.floor(leaves / 2);
  return {
    type: 'Binary',
    operator: '+',
    left: balancedSum(half),
    right: balancedSum(leaves - half),
    pos: 0,
  };
}

describe('expression limits', () => {
  it('stops a 10,000-step expression with expression.step_limit', () => {
    // given a tree that needs 19,999 steps (10,000 additions of literals), within depth and size limits
    const tree = balancedSum(10_000);
    // when evaluated with the default budget of 10,000 steps
    // then it is stopped; with a larger budget it completes
    expect(codeOf(() => evaluateExpression(tree, {}))).toBe('expression.step_limit');
    expect(evaluateExpression(tree, {}, { maxSteps: 20_000 })).toBe(10_000);
  });

  it('stops a 20,000-term chain 1+1+...+1 by its length', () => {
    // given the source of a 20,000-term chain (39,999 characters)
    const src = Array.from({ length: 20_000 }, () => '1').join('+');
    // when parsed, evaluated or checked
    // then it is refused before any work
    expect(codeOf(() => evaluateExpression(src, {}))).toBe('expression.too_long');
    expect(checkExpression(src, { dialect: 'formily' })[0].code).toBe('expression.too_long');
  });

  it('stops a chain within the length limit by its depth or by its steps', () => {
    // given a 4,000-term left-deep chain (depth 4,000) and a 400-term chain
    const deep = Array.from({ length: 4_000 }, () => '1').join('+');
    const shallow = Array.from({ length: 400 }, () => '1').join('+');
    // when evaluated
    // then the deep one is too deep, the shallow one fits the default budget but not a small one
    expect(codeOf(() => evaluateExpression(deep, {}))).toBe('expression.too_deep');
    expect(evaluateExpression(shallow, {})).toBe(400);
    expect(codeOf(() => evaluateExpression(shallow, {}, { maxSteps: 500 }))).toBe('expression.step_limit');
  });

  it('charges helpers for the elements they walk', () => {
    // given a large array in the scope
    const big = Array.from({ length: 20_000 }, () => 1);
    // when summed under the default budget and a larger one
    // then the default budget stops it
    expect(codeOf(() => evaluateExpression('sum(big)', { big }))).toBe('expression.step_limit');
    expect(codeOf(() => evaluateExpression('big.includes(2)', { big }))).toBe('expression.step_limit');
    expect(evaluateExpression('sum(big)', { big }, { maxSteps: 30_000 })).toBe(20_000);
  });

  it.each([
    ['(', ')'],
    ['[', ']'],
    ['- ', ''],
    ['!', ''],
    ['a ? 1 : ', '2'],
    ['{a: ', '}'],
    ['f(', ')'],
  ])(
    'refuses 100,000 levels of %j ... %j as too long and 5,000 as too deep, never a RangeError',
    (open, close) => {
      // given deeply nested sources
      const huge = open.repeat(100_000) + '1' + close.repeat(100_000);
      const deep = open.repeat(5_000).slice(0, 9_000) + '1';
      // when parsed, evaluated and checked
      // then clean expression errors come back
      expect(codeOf(() => parseExpression(huge, 'formily'))).toBe('expression.too_long');
      expect(codeOf(() => evaluateExpression(huge, { a: 1 }))).toBe('expression.too_long');
      expect(codeOf(() => evaluateExpression(deep, { a: 1 }))).toBe('expression.too_deep');
      expect(checkExpression(deep, { dialect: 'juel' })[0].code).toBe('expression.too_deep');
    },
  );

  it('allows 200 levels of parentheses and refuses 201', () => {
    // given nesting at and just past the limit
    const at = '('.repeat(199) + '1' + ')'.repeat(199);
    const past = '('.repeat(200) + '1' + ')'.repeat(200);
    // when evaluated
    // then the limit is exact
    expect(evaluateExpression(at, {})).toBe(1);
    expect(codeOf(() => evaluateExpression(past, {}))).toBe('expression.too_deep');
  });

  it('refuses a hand-built tree 100,000 levels deep and a cyclic one without recursion', () => {
    // given trees built by code: a deep chain of negations and a cycle
    let deep: ExprNode = { type: 'Literal', value: 1, pos: 0 };
    for (let i = 0; i < 100_000; i++) deep = { type: 'Unary', operator: '-', argument: deep, pos: 0 };
    const cyclic = { type: 'Unary', operator: '-', argument: undefined as unknown, pos: 0 };
    cyclic.argument = cyclic;
    // when evaluated
    // then both are refused as too deep
    expect(codeOf(() => evaluateExpression(deep, {}))).toBe('expression.too_deep');
    expect(codeOf(() => evaluateExpression(cyclic as ExprNode, {}))).toBe('expression.too_deep');
  });

  it('refuses strings over the size limit', () => {
    // given a string of 600,000 characters
    const s = 'x'.repeat(600_000);
    // when doubled by concatenation, join or a template
    // then the result is refused
    expect(codeOf(() => evaluateExpression('s + s', { s }))).toBe('expression.too_large');
    expect(codeOf(() => evaluateExpression('[s, s].join()', { s }, { maxSteps: 100_000 }))).toBe(
      'expression.too_large',
    );
    expect(codeOf(() => evaluateJuel('${s}${s}', { s }))).toBe('expression.too_large');
    expect((evaluateExpression('s + 1', { s }) as string).length).toBe(600_001);
  });

  it('refuses arrays over the size limits', () => {
    // given a literal of 1,001 items and a split into 200,000 parts
    const literal = `[${Array.from({ length: EXPRESSION_LIMITS.maxLiteralItems + 1 }, () => '0').join(',')}]`;
    const s = 'a'.repeat(200_000);
    // when evaluated
    // then both are refused
    expect(codeOf(() => evaluateExpression(literal, {}))).toBe('expression.too_large');
    expect(codeOf(() => evaluateExpression("s.split('')", { s }, { maxSteps: 1_000_000 }))).toBe(
      'expression.too_large',
    );
  });

  it('turns a stack overflow during evaluation into expression.too_deep', () => {
    // given a tree 900 levels deep and callers with little stack left
    const tree = parseExpression(Array.from({ length: 900 }, () => '1').join('+'), 'formily');
    let limit = 0;
    const probe = (n: number): void => {
      limit = n;
      probe(n + 1);
    };
    try {
      probe(0);
    } catch {
      // found how deep plain frames go
    }
    const atDepth = (target: number, run: () => unknown): unknown => {
      const go = (n: number): unknown => (n >= target ? run() : go(n + 1));
      return go(0);
    };
    // when evaluated with various amounts of headroom
    const outcomes: unknown[] = [];
    for (const headroom of [50, 100, 200, 400, 800, 1_600, 3_200]) {
      try {
        atDepth(limit - headroom, () => {
          try {
            outcomes.push(evaluateExpression(tree, {}));
          } catch (error) {
            outcomes.push(error);
          }
        });
      } catch {
        // not even the evaluator's own frame fitted: nothing to judge at this headroom
      }
    }
    // then every outcome is the value or a clean too_deep, and at least one overflow was caught
    expect(outcomes.length).toBeGreaterThan(0);
    for (const outcome of outcomes) {
      if (outcome !== 900)
        expect(outcome).toMatchObject({ name: 'SafeFlowError', code: 'expression.too_deep' });
    }
    expect(outcomes.some((o) => o instanceof SafeFlowError)).toBe(true);
  });
});
