import { describe, expect, it } from 'vitest';
import { SafeFlowError } from '../errors';
import { evaluateExpression } from './evaluateExpression';
import { BUILTIN_HELPER_NAMES } from './helpers';

const scope = {
  rows: [1, '2', null, '', 4],
  obj: { a: 1, b: 2 },
  s: 'abc',
  n: null,
  d: new Date('2024-01-01T00:00:00Z'),
};

function run(src: string): unknown {
  return evaluateExpression(src, scope);
}

describe('built-in helpers', () => {
  it.each<[string, unknown]>([
    ['sum(rows)', 7],
    ['sum(1, 2, 3)', 6],
    ['sum([])', 0],
    ['sum()', 0],
    ['min(rows)', 1],
    ['max(3, 9, 2)', 9],
    ['min([])', null],
    ['max(1, "x")', NaN],
    ['abs(-3)', 3],
    ['round(2.5)', 3],
    ['round(-2.5)', -3],
    ['round(1.005, 2)', 1.01],
    ['round(1234, -2)', 1200],
    ['round(n)', 0],
    ['floor(2.7)', 2],
    ['ceil(2.1)', 3],
    ['count(rows)', 5],
    ['count(obj)', 2],
    ['count(n)', 0],
    ['len(s)', 3],
    ['len(rows)', 5],
    ['len(n)', 0],
    ['isEmpty(n)', true],
    ["isEmpty('')", true],
    ['isEmpty([])', true],
    ['isEmpty({})', true],
    ['isEmpty(0)', false],
    ['isEmpty(s)', false],
    ['contains(rows, 4)', true],
    ["contains(rows, '4')", false],
    ["contains(s, 'bc')", true],
    ["contains(obj, 'a')", true],
    ["contains(obj, 'toString')", false],
    ['contains(n, 1)', false],
    ['includesAny(rows, [9, 4])', true],
    ['includesAny(rows, [9])', false],
    ['includesAny(rows, 1)', true],
    ['includesAny(n, [1])', false],
    ["number('12.5')", 12.5],
    ["number(' ')", null],
    ['number(n)', null],
    ["number('x')", NaN],
    ['number(true)', 1],
    ['string(12)', '12'],
    ['string(n)', ''],
    ['string(d)', '2024-01-01T00:00:00.000Z'],
    ['string([1, [2, 3]])', '1,2,3'],
    ['coalesce(n, null, 0, 5)', 0],
    ['coalesce(n)', null],
  ])('%s => %o', (src, expected) => {
    // given a helper call
    // when evaluated
    // then it computes its documented result
    expect(run(src)).toEqual(expected);
  });

  it('now() returns the current time as ISO text', () => {
    // given the clock
    const before = Date.now();
    // when now() is evaluated
    const value = run('now()') as string;
    // then it is a fresh ISO timestamp
    expect(value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(value)).toBeGreaterThanOrEqual(before - 1);
  });

  it.each(['sum(obj)', 'count(s)', 'len(5)', 'contains(5, 1)', 'includesAny(obj, [1])', 'round(1, 99)'])(
    '%s is a type error',
    (src) => {
      // given a helper applied to the wrong kind of value
      // when evaluated
      let error: unknown;
      try {
        run(src);
      } catch (e) {
        error = e;
      }
      // then it fails with a type error
      expect(error).toBeInstanceOf(SafeFlowError);
      expect((error as SafeFlowError).code).toBe('expression.type_error');
    },
  );

  it('lists every helper', () => {
    // given the helper table
    // when listed
    // then it names exactly the documented helpers
    expect([...BUILTIN_HELPER_NAMES].sort()).toEqual(
      [
        'abs',
        'ceil',
        'coalesce',
        'contains',
        'count',
        'floor',
        'includesAny',
        'isEmpty',
        'len',
        'max',
        'min',
        'now',
        'number',
        'round',
        'string',
        'sum',
      ].sort(),
    );
  });
});
