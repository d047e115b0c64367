import { describe, expect, it } from 'vitest';
import { SafeFlowError } from '../errors';
import { parseExpression } from './parseExpression';
import { assertValidAst, isTrusted } from './validateAst';

function codeOf(tree: unknown): string {
  try {
    assertValidAst(tree);
  } catch (error) {
    expect(error).toBeInstanceOf(SafeFlowError);
    return (error as SafeFlowError).code;
  }
  return 'valid';
}

const lit = { type: 'Literal', value: 1, pos: 0 };

describe('assertValidAst', () => {
  it.each<[string, unknown, string]>([
    ['a literal', lit, 'valid'],
    [
      'a parsed tree copied by JSON',
      JSON.parse(JSON.stringify(parseExpression('a?.b[c] + f(1, [2], {k: 3}) ? !x : y ?? z', 'formily'))),
      'valid',
    ],
    ['null', null, 'expression.invalid_ast'],
    ['an unknown node type', { type: 'With', pos: 0 }, 'expression.invalid_ast'],
    ['an object literal value', { type: 'Literal', value: {}, pos: 0 }, 'expression.invalid_ast'],
    ['a function literal value', { type: 'Literal', value: () => 1, pos: 0 }, 'expression.invalid_ast'],
    ['a non-string name', { type: 'Identifier', name: 1, pos: 0 }, 'expression.invalid_ast'],
    ['a forbidden root', { type: 'Identifier', name: 'globalThis', pos: 0 }, 'expression.forbidden'],
    [
      'a forbidden property',
      { type: 'Member', object: lit, property: '__proto__', optional: false, pos: 0 },
      'expression.forbidden',
    ],
    [
      'a forbidden object key',
      { type: 'Object', properties: [{ key: 'constructor', value: lit }], pos: 0 },
      'expression.forbidden',
    ],
    [
      'an unknown operator',
      { type: 'Binary', operator: '**', left: lit, right: lit, pos: 0 },
      'expression.invalid_ast',
    ],
    [
      'an assignment operator',
      { type: 'Logical', operator: '||=', left: lit, right: lit, pos: 0 },
      'expression.invalid_ast',
    ],
    [
      'a literal callee',
      { type: 'Call', callee: lit, args: [], optional: false, pos: 0 },
      'expression.forbidden_call',
    ],
    [
      'non-array arguments',
      {
        type: 'Call',
        callee: { type: 'Identifier', name: 'sum', pos: 0 },
        args: {},
        optional: false,
        pos: 0,
      },
      'expression.invalid_ast',
    ],
    [
      'too many elements',
      { type: 'Array', elements: new Array(1_001).fill(lit), pos: 0 },
      'expression.too_large',
    ],
  ])('%s => %s', (_what, tree, expected) => {
    // given a tree built by code
    // when validated
    // then it is accepted or refused with the right code
    expect(codeOf(tree)).toBe(expected);
  });

  it('refuses a shared DAG that would expand beyond the node limit', () => {
    // given a DAG of 20 levels where each level references the previous twice (2^20 paths)
    let node: unknown = lit;
    for (let i = 0; i < 20; i++) node = { type: 'Binary', operator: '+', left: node, right: node, pos: 0 };
    // when validated
    // then it is refused as too large
    expect(codeOf(node)).toBe('expression.too_large');
  });

  it('trusts only trees the parser produced', () => {
    // given a parsed tree and a structurally equal copy
    const parsed = parseExpression('a + 1', 'formily');
    const copy = JSON.parse(JSON.stringify(parsed)) as unknown;
    // when asked
    // then only the parser's object is trusted
    expect(isTrusted(parsed)).toBe(true);
    expect(isTrusted(copy)).toBe(false);
  });
});
