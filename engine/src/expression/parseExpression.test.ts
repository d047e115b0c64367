import { describe, expect, it } from 'vitest';
import { SafeFlowError } from '../errors';
import { parseExpression } from './parseExpression';
import { showExpression } from './showExpression.fixture';
import type { ExpressionDialect } from './types';

function show(src: string, dialect: ExpressionDialect = 'formily'): string {
  return showExpression(parseExpression(src, dialect));
}

function failure(src: string, dialect: ExpressionDialect = 'formily'): SafeFlowError {
  try {
    parseExpression(src, dialect);
  } catch (error) {
    return error as SafeFlowError;
  }
  throw new Error(`expected ${src} to fail`);
}

const SHARED_GRAMMAR: [string, string][] = [
  ['1 + 2 * 3', '(1 + (2 * 3))'],
  ['1 * 2 + 3', '((1 * 2) + 3)'],
  ['1 - 2 - 3', '((1 - 2) - 3)'],
  ['8 / 4 / 2', '((8 / 4) / 2)'],
  ['7 % 3 * 2', '((7 % 3) * 2)'],
  ['(1 + 2) * 3', '((1 + 2) * 3)'],
  ['-a * b', '((-a) * b)'],
  ['- -a', '(-(-a))'],
  ['!a == b', '((!a) == b)'],
  ['!!a', '(!(!a))'],
  ['+a + +b', '((+a) + (+b))'],
  ['-a.b', '(-a.b)'],
  ['a < b == c > d', '((a < b) == (c > d))'],
  ['a + 1 < b * 2', '((a + 1) < (b * 2))'],
  ['a == b != c', '((a == b) != c)'],
  ['a || b && c', '(a || (b && c))'],
  ['a && b || c && d', '((a && b) || (c && d))'],
  ['a || b || c', '((a || b) || c)'],
  ['a ?? b || c', '(a ?? (b || c))'],
  ['a ? b : c', '(a ? b : c)'],
  ['a ? b : c ? d : e', '(a ? b : (c ? d : e))'],
  ['a ? b ? c : d : e', '(a ? (b ? c : d) : e)'],
  ['a || b ? c : d', '((a || b) ? c : d)'],
  ['a ? b || c : d && e', '(a ? (b || c) : (d && e))'],
  ['a.b.c', 'a.b.c'],
  ['a[b][0]', 'a[b][0]'],
  ["a['b']", 'a.b'],
  ['a.b[c.d]', 'a.b[c.d]'],
  ['a?.b.c', 'chain(a?.b.c)'],
  ['a?.[0]', 'chain(a?.[0])'],
  ['(a?.b).c', 'chain(a?.b).c'],
  ['a?.b.includes(x)', 'chain(a?.b.includes(x))'],
  ['sum(a, b + 1)', 'sum(a, (b + 1))'],
  ['s.trim().toUpperCase()', 's.trim().toUpperCase()'],
  ['[1, a, [2]]', '[1, a, [2]]'],
  ['[1, 2,]', '[1, 2]'],
  ["{ a: 1, 'b c': x, 3: y, d }", '{a: 1, b c: x, 3: y, d: d}'],
  ['a.new + a.in', '(a.new + a.in)'],
  ['true && null || undefined', '((true && null) || undefined)'],
];

describe('parseExpression grammar (both dialects)', () => {
  it.each(SHARED_GRAMMAR)('formily: %s => %s', (src, expected) => {
    // given an expression
    // when parsed in the Formily dialect
    // then precedence and associativity are as in JavaScript
    expect(show(src)).toBe(expected);
  });

  it.each(SHARED_GRAMMAR)('juel: %s => %s', (src, expected) => {
    // given the same expression
    // when parsed in the JUEL dialect
    // then it parses the same (EL has the same precedence table)
    expect(show(src, 'juel')).toBe(expected);
  });
});

describe('parseExpression JUEL keyword operators', () => {
  it.each([
    ['a and b or c', '((a && b) || c)'],
    ['a or b and c', '(a || (b && c))'],
    ['not a and b', '((!a) && b)'],
    ['a eq 1', '(a == 1)'],
    ['a ne 1', '(a != 1)'],
    ['a lt b eq c gt d', '((a < b) == (c > d))'],
    ['a le 1 and b ge 2', '((a <= 1) && (b >= 2))'],
    ['a div 2 mod 3', '((a / 2) % 3)'],
    ['a + b div c', '(a + (b / c))'],
    ['empty a', '(empty a)'],
    ['not empty a.b', '(!(empty a.b))'],
    ['empty a or b', '((empty a) || b)'],
    ["x == 'y' ? 1 : 2", "((x == 'y') ? 1 : 2)"],
  ])('%s => %s', (src, expected) => {
    // given a JUEL expression with keyword operators
    // when parsed in the JUEL dialect
    // then the keywords become their symbolic operators
    expect(show(src, 'juel')).toBe(expected);
  });

  it('treats JUEL keywords as plain names in Formily', () => {
    // given names that are JUEL keywords
    // when parsed in the Formily dialect
    // then they are identifiers
    expect(show('empty + and', 'formily')).toBe('(empty + and)');
  });

  it.each(['a === b', 'a !== b'])('refuses %s in JUEL', (src) => {
    // given a strict comparison
    // when parsed as JUEL
    const error = failure(src, 'juel');
    // then it is a syntax error that points to ==
    expect(error.code).toBe('expression.syntax');
    expect(error.message).toContain('is not JUEL');
  });

  it.each(['and', 'a and', 'a eq', 'not', 'x.y eq or'])('refuses the incomplete JUEL %j', (src) => {
    // given a keyword in operand position
    // when parsed as JUEL
    // then it is a syntax error
    expect(failure(src, 'juel').code).toBe('expression.syntax');
  });
});

describe('parseExpression trees', () => {
  it('returns deeply frozen trees with source positions', () => {
    // given an expression
    // when parsed
    const node = parseExpression('a + b.c', 'formily');
    // then the tree is frozen and positions point into the source
    expect(Object.isFrozen(node)).toBe(true);
    expect(node).toMatchObject({
      type: 'Binary',
      operator: '+',
      pos: 2,
      left: { type: 'Identifier', name: 'a', pos: 0 },
    });
    if (node.type !== 'Binary') throw new Error('expected Binary');
    expect(Object.isFrozen(node.right)).toBe(true);
    expect(() => {
      (node as { operator: string }).operator = '-';
    }).toThrow(TypeError);
  });

  it('keeps computed keys that are not string literals as nodes', () => {
    // given computed member access
    // when parsed
    const node = parseExpression('a[0][k]', 'formily');
    // then the keys are nodes
    expect(node).toMatchObject({
      type: 'Member',
      property: { type: 'Identifier', name: 'k' },
      object: { property: { type: 'Literal', value: 0 } },
    });
  });
});

describe('parseExpression errors', () => {
  it.each([
    ['', 'Empty expression', 0],
    ['1 +', 'Unexpected end of expression', 3],
    ['a b', "Unexpected 'b' at position 2", 2],
    ['a, b', "Unexpected ',' at position 1", 1],
    ['(a', "expected ')'", 2],
    ['[1,,2]', "Unexpected ','", 3],
    ['a ? b', "expected ':'", 5],
    ['()', 'arrow functions', 0],
    ['this', "'this' is not supported", 0],
    ['new Foo()', "'new' is not supported", 0],
    ['typeof a', "'typeof' is not supported", 0],
    ['{ a: 1 b: 2 }', "Unexpected 'b'", 7],
    ['{ [a]: 1 }', "Unexpected '['", 2],
    ['a.1', 'Unexpected', 1],
  ])('%j is a syntax error (%s)', (src, message, position) => {
    // given malformed input
    // when parsed
    const error = failure(src);
    // then a syntax error names the problem and where it is
    expect(error).toBeInstanceOf(SafeFlowError);
    expect(error.code).toBe('expression.syntax');
    expect(error.message).toContain(message);
    expect(error.details).toEqual({ position });
  });

  it.each([
    ['a.constructor', 'expression.forbidden'],
    ["a['__proto__']", 'expression.forbidden'],
    ['a.__anything__', 'expression.forbidden'],
    ['{ __proto__: 1 }', 'expression.forbidden'],
    ['globalThis', 'expression.forbidden'],
    ['fulfill.run', 'expression.forbidden'],
    ['a()()', 'expression.forbidden_call'],
    ['(1)(2)', 'expression.forbidden_call'],
    ["'x'.length()()", 'expression.forbidden_call'],
  ])('%s is refused with %s', (src, code) => {
    // given a forbidden name or callee
    // when parsed
    // then the parser refuses it
    expect(failure(src).code).toBe(code);
  });

  it('refuses an unknown dialect', () => {
    // given a dialect that does not exist
    // when parsing
    // then the options are refused
    expect(failure('1', 'js' as ExpressionDialect).code).toBe('expression.invalid_options');
  });
});
