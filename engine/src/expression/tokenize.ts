import { expressionError } from './expressionError';

/** Kinds of token. `name` covers identifiers and keywords alike; the parser decides per dialect. */
export type TokenType = 'number' | 'string' | 'name' | 'punct' | 'eof';

/** One token: `value` is the decoded number or string, the name, or the punctuator; `pos`/`end` are source offsets. */
export interface Token {
  readonly type: TokenType;
  readonly value: string | number;
  readonly pos: number;
  readonly end: number;
}

/**
 * Punctuators and refused sequences by first character, longest first. A
 * refused entry carries the reason it is outside the language.
 */
const OPERATORS: ReadonlyMap<string, readonly (readonly [string, string?])[]> = (() => {
  const entries: [string, string?][] = [
    ['==='],
    ['!=='],
    ['=>', 'arrow functions are not supported'],
    ['=='],
    ['!='],
    ['<='],
    ['>='],
    ['&&'],
    ['||'],
    ['??'],
    ['?.'],
    ['++', 'increment/decrement is not supported'],
    ['--', 'increment/decrement is not supported'],
    ['**', 'the exponent operator is not supported'],
    ['`', 'template literals are not supported'],
    ['=', 'assignment is not supported'],
    [';', 'statements are not supported'],
    ['('],
    [')'],
    ['['],
    [']'],
    ['{'],
    ['}'],
    [','],
    [':'],
    ['?'],
    ['.'],
    ['!'],
    ['+'],
    ['-'],
    ['*'],
    ['/'],
    ['%'],
    ['<'],
    ['>'],
  ];
  const map = new Map<string, [string, string?][]>();
  for (const entry of entries) {
    const list = map.get(entry[0][0]) ?? [];
    list.push(entry);
    map.set(entry[0][0], list);
  }
  return map;
})();

const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[\p{ID_Start}$_][\p{ID_Continue}$]*/uy;
const NAME_CHAR = /[\p{ID_Continue}$]/u;
const SPACE = /\s/;

/** ASCII fast paths (the regular expressions above handle the rest of Unicode). */
function isAsciiNameStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 36 || code === 95;
}

function isAsciiNamePart(code: number): boolean {
  return isAsciiNameStart(code) || (code >= 48 && code <= 57);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** End offset of the name starting at `i`, or -1 when none starts there. */
function nameEnd(src: string, i: number): number {
  const code = src.charCodeAt(i);
  let end: number;
  if (isAsciiNameStart(code)) {
    end = i + 1;
  } else if (code > 127) {
    NAME.lastIndex = i;
    const m = NAME.exec(src);
    if (!m) return -1;
    end = i + m[0].length;
  } else {
    return -1;
  }
  for (;;) {
    const c = src.charCodeAt(end);
    if (isAsciiNamePart(c)) end++;
    else if (c > 127 && NAME_CHAR.test(src[end])) end++;
    else return end;
  }
}

/**
 * Splits `src` into tokens ending with one `eof` token. Knows no dialect.
 * Throws SafeFlowError `expression.syntax` (with `details.position`) on a
 * character or sequence outside the language: backticks, `=`, `;`, `=>`,
 * `++`/`--`, `**`, bitwise operators, backslashes outside strings, unclosed
 * strings, a name glued to a number.
 */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = src.length;
  outer: while (i < n) {
    const code = src.charCodeAt(i);
    const c = src[i];
    if (code === 32 || code === 9 || code === 10 || code === 13 || (code > 127 && SPACE.test(c))) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const [value, end] = readString(src, i);
      tokens.push({ type: 'string', value, pos: i, end });
      i = end;
      continue;
    }
    if (isDigit(code) || (c === '.' && isDigit(src.charCodeAt(i + 1)))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(src);
      if (!m) throw expressionError('expression.syntax', `Malformed number at position ${i}`, i);
      const end = i + m[0].length;
      if (end < n && (isAsciiNamePart(src.charCodeAt(end)) || NAME_CHAR.test(src[end]))) {
        throw expressionError(
          'expression.syntax',
          `Unexpected character '${src[end]}' after a number at position ${end}`,
          end,
        );
      }
      tokens.push({ type: 'number', value: Number(m[0]), pos: i, end });
      i = end;
      continue;
    }
    const end = nameEnd(src, i);
    if (end > 0) {
      tokens.push({ type: 'name', value: src.slice(i, end), pos: i, end });
      i = end;
      continue;
    }
    for (const [p, refused] of OPERATORS.get(c) ?? []) {
      if (!src.startsWith(p, i)) continue;
      // `a?.5:1` is a ternary, not optional chaining
      if (p === '?.' && isDigit(src.charCodeAt(i + 2))) continue;
      if (refused !== undefined)
        throw expressionError('expression.syntax', `Unexpected '${p}' at position ${i}: ${refused}`, i);
      tokens.push({ type: 'punct', value: p, pos: i, end: i + p.length });
      i += p.length;
      continue outer;
    }
    const point = c.codePointAt(0)!;
    const shown = point < 0x20 || point > 0x7e ? `U+${point.toString(16).toUpperCase().padStart(4, '0')}` : c;
    throw expressionError('expression.syntax', `Unexpected character '${shown}' at position ${i}`, i);
  }
  tokens.push({ type: 'eof', value: '', pos: n, end: n });
  return tokens;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, {
    n: '\n',
    t: '\t',
    r: '\r',
    b: '\b',
    f: '\f',
    v: '\v',
    '0': '\0',
  }),
);

/** Reads the string literal starting at `start` (a quote); returns its value and the offset after the closing quote. */
function readString(src: string, start: number): [string, number] {
  const quote = src[start];
  let out = '';
  let i = start + 1;
  while (i < src.length) {
    const c = src[i];
    if (c === quote) return [out, i + 1];
    if (c === '\n' || c === '\r') break;
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = src[i + 1];
    if (e === undefined) break;
    if (e === 'u' || e === 'x') {
      const [ch, len] = readCodeEscape(src, i);
      out += ch;
      i += len;
      continue;
    }
    if (e === '\r' || e === '\n') {
      // line continuation
      i += e === '\r' && src[i + 2] === '\n' ? 3 : 2;
      continue;
    }
    out += SIMPLE_ESCAPES[e] ?? e;
    i += 2;
  }
  throw expressionError('expression.syntax', `Unterminated string starting at position ${start}`, start);
}

/** Decodes `\xHH`, `\uHHHH` or `\u{H...}` at `at`; returns the character and the escape's length. */
function readCodeEscape(src: string, at: number): [string, number] {
  let hex: string;
  let len: number;
  if (src[at + 1] === 'x') {
    hex = src.slice(at + 2, at + 4);
    len = 4;
  } else if (src[at + 2] === '{') {
    const close = src.indexOf('}', at + 3);
    hex = close < 0 ? '' : src.slice(at + 3, close);
    len = close - at + 1;
  } else {
    hex = src.slice(at + 2, at + 6);
    len = 6;
  }
  const wellFormed = /^[0-9a-fA-F]+$/.test(hex) && (src[at + 2] === '{' || hex.length === len - 2);
  const code = wellFormed ? parseInt(hex, 16) : NaN;
  if (!(code >= 0 && code <= 0x10ffff)) {
    throw expressionError('expression.syntax', `Invalid escape sequence at position ${at}`, at);
  }
  return [String.fromCodePoint(code), len];
}
