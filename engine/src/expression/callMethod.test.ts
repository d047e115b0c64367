import { describe, expect, it } from 'vitest';
import { SafeFlowError } from '../errors';
import { evaluateExpression } from './evaluateExpression';

const own = Object.assign([1, 2, 3], { includes: () => 'hijacked', join: () => 'hijacked' });
const scope = {
  s: '  Hello World  ',
  t: 'a,b,,c',
  arr: [1, 2, NaN, 'x'],
  own,
  n: 3.14159,
  obj: { includes: 1 },
};

function run(src: string): unknown {
  return evaluateExpression(src, scope);
}

function failure(src: string): SafeFlowError {
  try {
    run(src);
  } catch (error) {
    return error as SafeFlowError;
  }
  throw new Error(`expected ${src} to fail`);
}

describe('whitelisted methods', () => {
  it.each<[string, unknown]>([
    ["s.includes('World')", true],
    ["s.indexOf('o')", 6],
    ["s.trim().startsWith('Hello')", true],
    ["s.trim().endsWith('World')", true],
    ["s.trim().endsWith('Hello', 5)", true],
    ["s['trim']()", 'Hello World'],
    ['s.trim().toUpperCase()', 'HELLO WORLD'],
    ['s.trim().toLowerCase()', 'hello world'],
    ['s.trim().slice(-5)', 'World'],
    ['s.trim().slice(0, 5)', 'Hello'],
    ["t.split(',')", ['a', 'b', '', 'c']],
    ["t.split(',', 2)", ['a', 'b']],
    ['t.split()', ['a,b,,c']],
    ["'12'.includes(1)", true],
    ['arr.includes(2)', true],
    ['arr.includes(NaN_free)', false],
    ["arr.indexOf('x')", 3],
    ['arr.slice(1, 3)', [2, NaN]],
    ['arr.slice(-1)', ['x']],
    ["arr.join(' | ')", '1 | 2 | NaN | x'],
    ['arr.join()', '1,2,NaN,x'],
    ['own.includes(2)', true],
    ["own.join('-')", '1-2-3'],
    ['n.toFixed(2)', '3.14'],
    ['n.toFixed()', '3'],
  ])('%s => %o', (src, expected) => {
    // given a whitelisted method call
    // when evaluated
    // then the language's own implementation answers (own properties of the receiver are ignored)
    expect(evaluateExpression(src, { ...scope, NaN_free: 99 })).toEqual(expected);
  });

  it.each<[string, string]>([
    ['s.replace("a", "b")', 'expression.forbidden_call'],
    ['arr.map(1)', 'expression.forbidden_call'],
    ['arr.toFixed(1)', 'expression.forbidden_call'],
    ['n.includes(1)', 'expression.forbidden_call'],
    ['obj.includes(1)', 'expression.forbidden_call'],
    ['s[t]()', 'expression.forbidden_call'],
    ['n.toFixed(101)', 'expression.type_error'],
    ['s.toString()', 'expression.forbidden'],
  ])('%s fails with %s', (src, code) => {
    // given a method outside the whitelist or a bad argument
    // when evaluated
    // then it is refused
    expect(failure(src).code).toBe(code);
  });
});
