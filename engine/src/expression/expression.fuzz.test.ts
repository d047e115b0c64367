import { describe, expect, it } from 'vitest';
import { SafeFlowError } from '../errors';
import { checkExpression } from './checkExpression';
import { evaluateExpression } from './evaluateExpression';
import { evaluateJuel } from './juelTemplate';
import type { ExpressionDialect } from './types';

/** mulberry32: a tiny seeded PRNG, so every run explores the same inputs. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SOUP = [
  // operators and punctuation
  '+',
  '-',
  '*',
  '/',
  '%',
  '!',
  '==',
  '!=',
  '===',
  '!==',
  '<',
  '<=',
  '>',
  '>=',
  '&&',
  '||',
  '??',
  '?',
  ':',
  '.',
  '?.',
  ',',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '=',
  '=>',
  '++',
  ';',
  '`',
  '\\',
  '#',
  '$',
  '${',
  '/*',
  '*/',
  '//',
  '|',
  '&',
  '~',
  '^',
  '@',
  // JUEL words
  'and',
  'or',
  'not',
  'eq',
  'ne',
  'lt',
  'gt',
  'le',
  'ge',
  'div',
  'mod',
  'empty',
  'instanceof',
  // names, good and bad
  '$self',
  '$deps',
  '$values',
  '$form',
  'a',
  'b',
  's',
  'n',
  'arr',
  'obj',
  'fn',
  'value',
  'length',
  'rows',
  'x',
  'constructor',
  '__proto__',
  'prototype',
  'toString',
  'valueOf',
  'globalThis',
  'this',
  'process',
  'require',
  'eval',
  'Function',
  'new',
  'typeof',
  'import',
  'fulfill',
  'run',
  'call',
  'apply',
  'bind',
  '__sfPwned',
  // helpers and methods
  'sum',
  'min',
  'max',
  'round',
  'count',
  'len',
  'isEmpty',
  'contains',
  'number',
  'string',
  'now',
  'coalesce',
  'includesAny',
  'includes',
  'indexOf',
  'slice',
  'join',
  'split',
  'trim',
  'toFixed',
  'toUpperCase',
  'map',
  'repeat',
  // literals
  '0',
  '1',
  '2.5',
  '1e308',
  '-1',
  'NaN',
  '.5',
  '1e400',
  'true',
  'false',
  'null',
  'undefined',
  "'a'",
  '"b"',
  "''",
  "'__proto__'",
  "'constructor'",
  "'\\u0041'",
  "'unterminated",
  '"\\x',
  '999999999999',
];

const VALID = [
  '$self.value > 10 && $deps[0] === "yes"',
  'sum($values.rows) * 2 + round(a / 3, 2)',
  '$self.value ? { state: { visible: true } } : { state: { visible: false } }',
  "s.trim().toUpperCase().slice(0, 2) + arr.join('-')",
  'obj?.x?.y ?? coalesce(n, 1)',
  'contains(arr, 2) || includesAny(arr, [3, 4]) || isEmpty(obj.missing)',
  "a gt 1 and not empty s or b eq 'x'",
  '[a, b, [n]][0] + len(s) - count(arr) % 3',
  "$values['rows'][a] === undefined ? number('12') : string(b)",
];

const canary = globalThis as { __sfPwned?: unknown };

function trap(): never {
  canary.__sfPwned = true;
  throw new Error('a scope function was called');
}

const scope = {
  $self: { value: 12 },
  $deps: ['yes'],
  $values: { rows: [1, 2, 3] },
  $form: { submit: trap },
  a: 3,
  b: 'x',
  s: ' hello ',
  n: null,
  arr: [1, 2, 3],
  obj: { x: { y: 1 } },
  fn: trap,
  __sfPwned: 'scope-only',
};

function tokenSoup(rand: () => number): string {
  const length = 1 + Math.floor(rand() * 24);
  let out = '';
  for (let i = 0; i < length; i++) out += SOUP[Math.floor(rand() * SOUP.length)] + (rand() < 0.5 ? ' ' : '');
  return out;
}

function mutate(src: string, rand: () => number): string {
  let out = src;
  const edits = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * (out.length + 1));
    const r = rand();
    if (r < 0.3) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rand() * 3));
    else if (r < 0.7) out = out.slice(0, at) + SOUP[Math.floor(rand() * SOUP.length)] + out.slice(at);
    else if (r < 0.85) out = out.slice(0, at) + out[Math.floor(rand() * out.length)] + out.slice(at);
    else out = out.slice(at) + out.slice(0, at);
  }
  return out;
}

type Outcome = 'value' | 'error';

/** Runs `attempt`; returns 'value' or 'error', failing the test on anything but a SafeFlowError with an expression code or a function value. */
function judge(src: string, attempt: () => unknown): Outcome {
  try {
    const value = attempt();
    if (typeof value === 'function') throw new Error(`a function escaped from ${JSON.stringify(src)}`);
    return 'value';
  } catch (error) {
    if (!(error instanceof SafeFlowError) || !error.code.startsWith('expression.')) {
      throw new Error(`${JSON.stringify(src)} threw ${String(error)}`);
    }
    return 'error';
  }
}

describe('expression fuzzing', () => {
  it('20,000 random and mutated expressions end in a value or an expression error, and the canary never changes', () => {
    // given a seeded generator of token soup and mutations of valid expressions
    const rand = mulberry32(0x5afe_f10e);
    delete canary.__sfPwned;
    const counts = { value: 0, error: 0, checkedClean: 0 };
    // when each is checked and evaluated in both dialects and as a template
    for (let i = 0; i < 20_000; i++) {
      const src = i % 2 === 0 ? tokenSoup(rand) : mutate(VALID[Math.floor(rand() * VALID.length)], rand);
      for (const dialect of ['formily', 'juel'] as ExpressionDialect[]) {
        counts[judge(src, () => evaluateExpression(src, scope, { dialect, maxSteps: 2_000 }))]++;
        const issues = judge(src, () => {
          const found = checkExpression(src, { dialect, knownRoots: Object.keys(scope) });
          for (const issue of found) if (!issue.code.startsWith('expression.')) throw new Error(issue.code);
          if (found.length === 0) counts.checkedClean++;
          return found;
        });
        expect(issues).toBe('value');
      }
      judge(src, () => evaluateJuel(`x \${${src}} y`, scope));
      // then no scope function ran and no global was written
      expect(canary.__sfPwned).toBeUndefined();
    }
    // and the run explored both outcomes
    expect(counts.value).toBeGreaterThan(500);
    expect(counts.error).toBeGreaterThan(10_000);
    expect(counts.checkedClean).toBeGreaterThan(500);
    expect(Object.prototype).not.toHaveProperty('polluted');
  }, 120_000);

  it('the generator is deterministic', () => {
    // given two generators with the same seed
    const a = mulberry32(42);
    const b = mulberry32(42);
    // when drawn from
    // then they agree
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
