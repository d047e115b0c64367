import { describe, expect, it } from 'vitest';
import { SafeFlowError } from '../errors';
import type { ExprNode } from './ExprNode';
import { evaluateExpression } from './evaluateExpression';
import type { EvalOptions, ExpressionScope } from './types';

const scope = {
  $self: { value: 12, title: 'Fire', tags: ['a', 'b'] },
  $values: { count: '3', rows: [{ score: 2 }, { score: 5 }], empty: {} },
  $deps: [true, 'yes', null],
  $index: 1,
  n: null,
  u: undefined,
  s: 'hello',
  when: new Date('2024-01-02T03:04:05.000Z'),
  fn: () => 1,
  nested: { fn: () => 2, arr: [() => 3] },
  inst: new (class Thing {
    x = 1;
  })(),
  bare: Object.assign(Object.create(null) as Record<string, unknown>, { k: 'v' }),
};

function run(src: string, sc: ExpressionScope = scope, opts: EvalOptions = {}): unknown {
  return evaluateExpression(src, sc, opts);
}

function failure(
  src: string | ExprNode,
  sc: ExpressionScope = scope,
  opts: EvalOptions & { dialect?: 'formily' | 'juel' } = {},
): SafeFlowError {
  try {
    evaluateExpression(src, sc, opts);
  } catch (error) {
    return error as SafeFlowError;
  }
  throw new Error(`expected ${JSON.stringify(src)} to fail`);
}

describe('evaluateExpression (formily) values and operators', () => {
  it.each<[string, unknown]>([
    ['42', 42],
    ['1.5e2', 150],
    ["'it\\'s'", "it's"],
    ['true', true],
    ['null', null],
    ['undefined', undefined],
    ['[1, "a", [null]]', [1, 'a', [null]]],
    ["{ a: 1, 'b c': [2] }", { a: 1, 'b c': [2] }],
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['2 * 3 % 4', 2],
    ['7 / 2', 3.5],
    ['1 / 0', Infinity],
    ['-$self.value', -12],
    ['+"3" + 1', 4],
    ["'a' + 1", 'a1'],
    ["1 + 'a'", '1a'],
    ["'x' + null + undefined", 'xnullundefined'],
    ["'n' + [1, [2, 3], null]", 'n1,2,3,'],
    ["'o' + {}", 'o[object Object]'],
    ["'d' + when", 'd2024-01-02T03:04:05.000Z'],
    ['true + 1', 2],
    ['null + 1', 1],
    ["'3' * '4'", 12],
    ["'x' * 2", NaN],
    ['1 == 1', true],
    ["1 == '1'", true],
    ["0 == ''", true],
    ['null == undefined', true],
    ['null == 0', false],
    ['[1] == 1', false],
    ['true == 1', true],
    ["1 === '1'", false],
    ['1 === 1', true],
    ['null !== undefined', true],
    ["'1' != 1", false],
    ['1 < 2', true],
    ["'10' < '9'", true],
    ["'10' < 9", false],
    ['2 >= 2', true],
    ['null < 1', true],
    ['undefined < 1', false],
    ['{} < 1', false],
    ['$self.value > 10 && $self.title', 'Fire'],
    ['0 && x', 0],
    ["'' || 'default'", 'default'],
    ['s || x', 'hello'],
    ['n ?? 5', 5],
    ['0 ?? 5', 0],
    ['!0', true],
    ['!!s', true],
    ['!$values.empty', false],
    ['$index ? "odd" : "even"', 'odd'],
    ['0 ? x : 1 ? 2 : x', 2],
  ])('%s => %o', (src, expected) => {
    // given an expression over literals and the scope
    // when evaluated in the Formily dialect
    const value = run(src);
    // then it follows JavaScript semantics
    expect(value).toEqual(expected);
  });

  it('short-circuits: the unevaluated side may be unresolvable', () => {
    // given logical operators whose right side names nothing in scope
    // when evaluated
    // then the right side is never looked at
    expect(run('false && missing')).toBe(false);
    expect(run('true || missing')).toBe(true);
    expect(run('1 ?? missing')).toBe(1);
    expect(run('true ? 1 : missing')).toBe(1);
  });
});

describe('evaluateExpression (formily) member access', () => {
  it.each<[string, unknown]>([
    ['$self.value', 12],
    ['$self.tags[1]', 'b'],
    ['$self.tags.length', 2],
    ["$self['title']", 'Fire'],
    ['$values.rows[$index].score', 5],
    ["$values.rows['0'].score", 2],
    ['s.length', 5],
    ['s[1]', 'e'],
    ['bare.k', 'v'],
    ['$self.missing', undefined],
    ['$self.tags[5]', undefined],
    ['$self.tags[-1]', undefined],
    ['$self.tags.foo', undefined],
    ['s.foo', undefined],
    ['$self.value.foo', undefined],
    ['n?.a', undefined],
    ['n?.a.b.c', undefined],
    ['u?.[0]', undefined],
    ['n?.trim()', undefined],
    ['$self?.value', 12],
    ['(n?.a) ?? "d"', 'd'],
    ['when', scope.when],
  ])('%s => %o', (src, expected) => {
    // given a member access
    // when evaluated
    // then own data is read and anything missing is undefined
    expect(run(src)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['n.a', 'expression.null_access'],
    ['$self.missing.x', 'expression.null_access'],
    ['when.getTime', 'expression.forbidden'],
    ['inst.x', 'expression.forbidden'],
    ['fn', 'expression.forbidden'],
    ['nested.fn', 'expression.forbidden'],
    ['nested.arr[0]', 'expression.forbidden'],
    ['$self[n]', 'expression.type_error'],
    ['$self[{}]', 'expression.type_error'],
  ])('%s fails with %s', (src, code) => {
    // given a read outside the allowed values
    // when evaluated
    // then it is refused
    expect(failure(src).code).toBe(code);
  });

  it('reads only own properties of plain objects', () => {
    // given an object whose prototype carries data
    const proto = { inherited: 'secret' };
    const child = Object.create(proto) as Record<string, unknown>;
    const plainWithInherited = { own: 1 };
    // when reading through the scope
    // then inherited names are missing and non-plain objects are refused
    expect(run('o.hasOwn', { o: plainWithInherited })).toBeUndefined();
    expect(failure('o.inherited', { o: child }).code).toBe('expression.forbidden');
    expect(failure('o.toString', { o: plainWithInherited }).code).toBe('expression.forbidden');
  });

  it('resolves roots as own properties of the scope only', () => {
    // given a scope object whose prototype has names
    const sc = Object.create({ hidden: 1 }) as Record<string, unknown>;
    sc.visible = 2;
    // when evaluated
    // then only own names resolve, with Camunda's message otherwise
    expect(run('visible', sc)).toBe(2);
    const error = failure('hidden', sc);
    expect(error.code).toBe('expression.unknown_identifier');
    expect(error.message).toBe("Cannot resolve identifier 'hidden'");
    expect(error.details).toEqual({ position: 0 });
  });

  it('resolves roots through a resolver function', () => {
    // given a resolver that knows one name
    const resolver = (name: string) =>
      name === 'x' ? { found: true as const, value: 41 } : { found: false as const };
    // when evaluated
    // then known names resolve and others are unknown
    expect(run('x + 1', resolver)).toBe(42);
    expect(failure('y', resolver).code).toBe('expression.unknown_identifier');
  });

  it('wraps resolver failures and malformed answers', () => {
    // given resolvers that throw or answer nonsense
    const throwing = () => {
      throw new Error('db down');
    };
    const wrong = (() => 42) as unknown as ExpressionScope;
    // when evaluated
    const thrown = failure('x', throwing);
    // then host errors come back as expression.host_error with the cause
    expect(thrown.code).toBe('expression.host_error');
    expect((thrown.cause as Error).message).toBe('db down');
    expect(failure('x', wrong).code).toBe('expression.host_error');
  });

  it('wraps a throwing getter on a scope object as an internal error', () => {
    // given a scope with a getter that throws
    const sc = {
      get boom(): unknown {
        throw new TypeError('getter exploded');
      },
    };
    // when evaluated
    const error = failure('boom', sc);
    // then no TypeError escapes
    expect(error).toBeInstanceOf(SafeFlowError);
    expect(error.code).toBe('expression.internal');
  });

  it('builds object literals with ordinary prototypes and own keys', () => {
    // given an object literal
    // when evaluated
    const value = run('{ a: 1, b: s }') as Record<string, unknown>;
    // then it is a plain object with those keys
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['a', 'b']);
  });
});

describe('evaluateExpression calls', () => {
  it.each<[string, unknown]>([
    ['sum($values.rows[0].score, 3)', 5],
    ["$self.title.toUpperCase() + '!'", 'FIRE!'],
    ["$self.tags.includes('b')", true],
    ["$self.tags.join('-')", 'a-b'],
    ['(1.005).toFixed(1)', '1.0'],
    ['$self.tags?.includes("z")', false],
  ])('%s => %o', (src, expected) => {
    // given helper and method calls
    // when evaluated
    // then they compute over values
    expect(run(src)).toEqual(expected);
  });

  it('lets host helpers shadow built-ins, e.g. a fixed now()', () => {
    // given a host helper named like a built-in
    const helpers = { now: () => '2024-05-01T00:00:00.000Z', double: (x: unknown) => (x as number) * 2 };
    // when evaluated with it
    // then the host helper is used
    expect(run('now()', scope, { helpers })).toBe('2024-05-01T00:00:00.000Z');
    expect(run('double($self.value)', scope, { helpers })).toBe(24);
    expect(typeof run('now()')).toBe('string');
  });

  it('refuses calls of scope functions, unknown helpers and inherited helper names', () => {
    // given names that are not helpers
    // when called
    // then they are refused
    expect(failure('fn()').code).toBe('expression.unknown_helper');
    expect(failure('nested.fn()').code).toBe('expression.forbidden_call');
    expect(failure('toString()').code).toBe('expression.forbidden');
    expect(failure('valueOf()', scope, { helpers: {} }).code).toBe('expression.forbidden');
    expect(
      failure('hasOwnProperty()', scope, {
        helpers: Object.create({ hasOwnProperty: () => 1 }) as Record<string, () => unknown>,
      }).code,
    ).toBe('expression.forbidden');
  });

  it('wraps host helper failures and refuses function results', () => {
    // given helpers that throw or return functions
    const helpers = {
      boom: () => {
        throw new Error('nope');
      },
      leak: () => () => 1,
    };
    // when called
    const boom = failure('boom()', scope, { helpers });
    // then they fail as expression errors
    expect(boom.code).toBe('expression.helper_failed');
    expect(boom.message).toContain("Helper 'boom' failed: nope");
    expect(failure('leak()', scope, { helpers }).code).toBe('expression.forbidden');
  });
});

describe('evaluateExpression options and trees', () => {
  it('accepts a hand-built tree and validates it', () => {
    // given trees built by code
    const good: ExprNode = {
      type: 'Binary',
      operator: '+',
      left: { type: 'Literal', value: 1, pos: 0 },
      right: { type: 'Identifier', name: 'x', pos: 4 },
      pos: 2,
    };
    const bad = {
      type: 'Call',
      callee: { type: 'Literal', value: 1, pos: 0 },
      args: [],
      optional: false,
      pos: 0,
    } as unknown as ExprNode;
    const evil = { type: 'Identifier', name: 'constructor', pos: 0 } as ExprNode;
    const weird = { type: 'Eval', pos: 0 } as unknown as ExprNode;
    // when evaluated
    // then valid trees run and invalid ones are refused
    expect(evaluateExpression(good, { x: 2 })).toBe(3);
    expect(failure(bad).code).toBe('expression.forbidden_call');
    expect(failure(evil).code).toBe('expression.forbidden');
    expect(failure(weird).code).toBe('expression.invalid_ast');
  });

  it.each<[EvalOptions & { dialect?: 'formily' | 'juel' }, unknown]>([
    [{ maxSteps: 0 }, scope],
    [{ maxSteps: 1.5 }, scope],
    [{ helpers: 5 as unknown as Record<string, () => unknown> }, scope],
    [{ dialect: 'js' as 'juel' }, scope],
    [{}, null],
    [{}, 'scope'],
  ])('refuses options %o with scope %o', (opts, sc) => {
    // given malformed options
    // when evaluating
    // then they are refused as invalid options
    expect(failure('1', sc as ExpressionScope, opts).code).toBe('expression.invalid_options');
  });
});
