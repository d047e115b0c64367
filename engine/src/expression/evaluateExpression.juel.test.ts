import { describe, expect, it } from 'vitest';
import { SafeFlowError } from '../errors';
import { evaluateExpression } from './evaluateExpression';

const variables = {
  score: 75,
  level: 'major',
  approved: 'true',
  flag: false,
  count: '3',
  amount: 12.5,
  nothing: null,
  list: [1, 2],
  none: [],
  obj: { a: 1 },
  blank: {},
  text: '',
  when: new Date('2024-01-01T00:00:00Z'),
  later: new Date('2024-06-01T00:00:00Z'),
};

function juel(src: string): unknown {
  return evaluateExpression(src, variables, { dialect: 'juel' });
}

function failure(src: string): SafeFlowError {
  try {
    juel(src);
  } catch (error) {
    return error as SafeFlowError;
  }
  throw new Error(`expected ${src} to fail`);
}

describe('evaluateExpression (juel) equality and comparison', () => {
  it.each<[string, boolean]>([
    ["score > 70 && level == 'major'", true],
    ["score gt 70 and level eq 'major'", true],
    ["level ne 'minor'", true],
    ['count == 3', true],
    ["count == '3'", true],
    ['3 == count', true],
    ["'3.0' == 3", true],
    ["'' == 0", true],
    ["'abc' == 1", false],
    ['nothing == null', true],
    ['obj.missing == null', true],
    ['nothing == 0', false],
    ['approved == true', true],
    ["'TRUE' == true", true],
    ["'yes' == true", false],
    ['flag == false', true],
    ['1 == true', false],
    ['list == list', true],
    ['obj == obj', true],
    ['obj == 1', false],
    ['when == when', true],
    ['when lt later', true],
    ["'b' > 'a'", true],
    ['count < 10', true],
    ["'10' > 9", true],
    ["'abc' < 1", false],
    ['nothing < 1', false],
    ['nothing >= 0', false],
    ['amount le 12.5', true],
    ['amount ge 13', false],
  ])('%s => %s', (src, expected) => {
    // given a JUEL condition
    // when evaluated in the JUEL dialect
    // then EL coercions apply
    expect(juel(src)).toBe(expected);
  });
});

describe('evaluateExpression (juel) logic, empty, arithmetic', () => {
  it.each<[string, unknown]>([
    ['empty nothing', true],
    ['empty text', true],
    ['empty none', true],
    ['empty blank', true],
    ['empty list', false],
    ['empty obj', false],
    ['empty obj.missing', true],
    ['not empty level', true],
    ['!flag', true],
    ['not approved', false],
    ['approved and score > 50', true],
    ["'false' or flag", false],
    ['level && score', false], // EL: 'major' coerces to false (only 'true' is true)
    ['nothing || flag', false],
    ["approved ? 'y' : 'n'", 'y'],
    ["'false' ? 'y' : 'n'", 'n'],
    ['nothing ?? 7', 7],
    ['score + 5', 80],
    ['count + 1', 4],
    ["'2' + '3'", 5],
    ['nothing + 1', 1],
    ['10 div 4', 2.5],
    ['10 mod 4', 2],
    ['-count', -3],
    ['amount * 2', 25],
    ['obj.a', 1],
    ['obj.missing', null],
    ['nothing.x.y', null],
    ['list[5]', null],
    ['nothing?.x', null],
  ])('%s => %o', (src, expected) => {
    // given a JUEL expression
    // when evaluated
    // then logic yields booleans and missing values are null
    expect(juel(src)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['level + 1', 'expression.type_error'],
    ['flag + 1', 'expression.type_error'],
    ['obj * 2', 'expression.type_error'],
    ['-level', 'expression.type_error'],
    ['missing', 'expression.unknown_identifier'],
    ['execution.getVariable("x")', 'expression.unknown_identifier'],
  ])('%s fails with %s', (src, code) => {
    // given arithmetic EL cannot coerce, or an unknown name
    // when evaluated
    const error = failure(src);
    // then a typed expression error says so
    expect(error).toBeInstanceOf(SafeFlowError);
    expect(error.code).toBe(code);
  });

  it('names an unresolvable identifier the way Camunda does', () => {
    // given a variable the process does not have
    // when a condition reads it
    const error = failure('unknownVar > 1');
    // then the message matches Camunda's
    expect(error.message).toBe("Cannot resolve identifier 'unknownVar'");
  });
});
