import { describe, expect, it } from 'vitest';
import { SafeFlowError } from '../errors';
import { tokenize } from './tokenize';

function values(src: string): (string | number)[] {
  return tokenize(src)
    .filter((t) => t.type !== 'eof')
    .map((t) => t.value);
}

function syntaxErrorOf(src: string): SafeFlowError {
  try {
    tokenize(src);
  } catch (error) {
    return error as SafeFlowError;
  }
  throw new Error(`expected ${src} to fail`);
}

describe('tokenize', () => {
  it.each([
    ['42', 42],
    ['3.25', 3.25],
    ['.5', 0.5],
    ['1.', 1],
    ['1e3', 1000],
    ['2.5E-2', 0.025],
    ['1e+2', 100],
  ])('reads the number %s', (src, expected) => {
    // given a number literal
    // when tokenized
    const [token] = tokenize(src);
    // then its value is decoded
    expect(token).toMatchObject({ type: 'number', value: expected, pos: 0 });
  });

  it.each([
    ["'a\\'b'", "a'b"],
    ['"a\\"b"', 'a"b'],
    ["'\\n\\t\\\\'", '\n\t\\'],
    ["'\\x41\\u0042\\u{43}'", 'ABC'],
    ['"it\'s"', "it's"],
    ["'\\q'", 'q'],
  ])('decodes the string %s', (src, expected) => {
    // given a string literal with escapes
    // when tokenized
    const [token] = tokenize(src);
    // then the escapes are decoded
    expect(token).toMatchObject({ type: 'string', value: expected });
  });

  it('splits punctuators by longest match and keeps positions', () => {
    // given operators written without spaces
    const src = 'a!==b&&c?.d??e<=f';
    // when tokenized
    const tokens = tokenize(src);
    // then the longest punctuators win and each token knows its offset
    expect(tokens.map((t) => t.value)).toEqual([
      'a',
      '!==',
      'b',
      '&&',
      'c',
      '?.',
      'd',
      '??',
      'e',
      '<=',
      'f',
      '',
    ]);
    expect(tokens.map((t) => t.pos)).toEqual([0, 1, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17]);
  });

  it('reads `?.` before a digit as a ternary question mark', () => {
    // given a ternary whose consequent is a decimal
    // when tokenized
    // then `?` and `.5` are separate
    expect(values('a?.5:1')).toEqual(['a', '?', 0.5, ':', 1]);
  });

  it('accepts unicode and $ identifiers', () => {
    // given identifiers a form may use
    // when tokenized
    // then they are names
    expect(values('$self 字段 _x1')).toEqual(['$self', '字段', '_x1']);
  });

  it.each([
    ['a = 1', 'assignment'],
    ['a => 1', 'arrow'],
    ['a++', 'increment'],
    ['a--', 'increment'],
    ['2 ** 3', 'exponent'],
    ['`x`', 'template'],
    ['a; b', 'statements'],
    ['a | b', 'Unexpected character'],
    ['\\u0061', 'Unexpected character'],
    ['a # b', 'Unexpected character'],
    ["'abc", 'Unterminated'],
    ["'a\nb'", 'Unterminated'],
    ['1a', 'after a number'],
    ["'\\u12'", 'Invalid escape'],
  ])('refuses %j', (src, message) => {
    // given text outside the language
    // when tokenized
    const error = syntaxErrorOf(src);
    // then it is a syntax error with a position
    expect(error).toBeInstanceOf(SafeFlowError);
    expect(error.code).toBe('expression.syntax');
    expect(error.message).toContain(message);
    expect(typeof (error.details as { position: number }).position).toBe('number');
  });
});
