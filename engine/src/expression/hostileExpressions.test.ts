import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SafeFlowError } from '../errors';
import { checkExpression } from './checkExpression';
import { checkJuelTemplate } from './checkJuelTemplate';
import { evaluateExpression } from './evaluateExpression';
import { evaluateJuel } from './juelTemplate';
import { hostileExpressions } from './hostileExpressions.fixture';

const canary = globalThis as { __sfPwned?: unknown };

/** Every function reachable from this scope trips the canary if it is ever called. */
function pwn(): never {
  canary.__sfPwned = true;
  throw new Error('a scope function was called');
}

const scope = {
  $self: { value: 'v', title: 't' },
  $deps: [1, 2],
  $form: { setValues: pwn, values: {} },
  a: { b: { c: { name: 'n' } }, x: 1 },
  x: { y: 1 },
  b: 1,
  k: '__proto__',
  Foo: pwn,
  f: pwn,
};

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('hostile expressions', () => {
  beforeAll(() => {
    delete canary.__sfPwned;
  });

  afterAll(() => {
    // then nothing ever reached the canary
    expect(canary.__sfPwned).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it.each(hostileExpressions.map((src) => [src]))('checkExpression rejects %s', (src) => {
    // given a hostile expression
    // when checked statically in either dialect
    const formily = checkExpression(src, { dialect: 'formily' });
    const juel = checkExpression(src, { dialect: 'juel' });
    // then it is not safe
    expect(formily.length).toBeGreaterThan(0);
    expect(juel.length).toBeGreaterThan(0);
    for (const issue of [...formily, ...juel]) expect(issue.code).toMatch(/^expression\./);
  });

  it.each(hostileExpressions.map((src) => [src]))('evaluateExpression refuses %s', (src) => {
    // given a hostile expression and a scope full of traps
    // when evaluated in both dialects and as a JUEL template
    const errors = [
      thrown(() => evaluateExpression(src, scope)),
      thrown(() => evaluateExpression(src, scope, { dialect: 'juel' })),
      thrown(() => evaluateJuel('${' + src + '}', scope)),
    ];
    // then each attempt fails with an expression error and the canary stays unset
    for (const error of errors) {
      expect(error).toBeInstanceOf(SafeFlowError);
      expect((error as SafeFlowError).code).toMatch(/^expression\./);
    }
    expect(canary.__sfPwned).toBeUndefined();
  });

  it('the JUEL template checker rejects them too', () => {
    // given every hostile expression wrapped as a template part
    // when checked
    const accepted = hostileExpressions.filter((src) => checkJuelTemplate('${' + src + '}').length === 0);
    // then none is accepted
    expect(accepted).toEqual([]);
  });

  it.each([
    ['a[k]', 'expression.forbidden'],
    ['a[k].polluted', 'expression.forbidden'],
    ["a[k + '']", 'expression.forbidden'],
    ["a['con' + $self.title.slice(1) + 'ructor']", 'expression.forbidden'],
    ['$form[$self.value]', 'expression.forbidden'],
    ['$form.setValues', 'expression.forbidden'],
    ["$form['setValues']", 'expression.forbidden'],
    ['f', 'expression.forbidden'],
    ['[f][0]', 'expression.forbidden'],
    ['f()', 'expression.unknown_helper'],
    ['$form.setValues()', 'expression.forbidden_call'],
  ])('refuses the dynamic attempt %s at run time', (src, code) => {
    // given a key or value that is only known at run time
    // when evaluated against a scope that supplies it
    const error = thrown(() =>
      evaluateExpression(src, {
        ...scope,
        $self: { value: 'setValues', title: 'xst' },
        f: pwn,
        k: '__proto__',
      }),
    );
    // then the evaluator refuses it dynamically
    expect(error).toBeInstanceOf(SafeFlowError);
    expect((error as SafeFlowError).code).toBe(code);
  });

  it('checkExpression passes a dynamic key that only the run time can judge', () => {
    // given a computed key from the scope
    // when checked statically
    // then it is allowed (the evaluator refuses forbidden values at run time)
    expect(checkExpression('a[k]', { dialect: 'formily' })).toEqual([]);
  });
});
