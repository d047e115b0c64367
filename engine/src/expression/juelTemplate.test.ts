import { describe, expect, it } from 'vitest';
import { SafeFlowError } from '../errors';
import { compileJuelTemplate, evaluateJuel } from './juelTemplate';
import { isJuelTemplate } from './splitJuelTemplate';

const vars = { a: 2, name: 'Li', nothing: null, ok: true, obj: { k: '}' }, list: [1, 2] };

function failure(template: string, opts = {}): SafeFlowError {
  try {
    evaluateJuel(template, vars, opts);
  } catch (error) {
    return error as SafeFlowError;
  }
  throw new Error(`expected ${template} to fail`);
}

describe('evaluateJuel', () => {
  it.each<[string, unknown]>([
    ['${a > 1}', true],
    ['#{a > 1}', true],
    ['${a}', 2],
    ['${nothing}', null],
    ['${list}', [1, 2]],
    ['${obj.k}', '}'],
    ["${'}'}", '}'],
    ['${ {"x": a}.x }', 2],
    ['plain text', 'plain text'],
    ['', ''],
    ['Hello ${name}!', 'Hello Li!'],
    ['${a}${a}', '22'],
    ['${a} + ${a} = ${a + a}', '2 + 2 = 4'],
    ['x=${nothing}.', 'x=.'],
    ['ok: #{ok}', 'ok: true'],
    [' ${a}', ' 2'],
    ['list ${list}', 'list 1,2'],
    ['\\${a} is ${a}', '${a} is 2'],
    ['cost $5 {x}', 'cost $5 {x}'],
    ['$', '$'],
  ])('%s => %o', (template, expected) => {
    // given a JUEL template
    // when evaluated
    // then a lone expression keeps its type and mixed text concatenates
    expect(evaluateJuel(template, vars)).toEqual(expected);
  });

  it('shares one step budget across the parts', () => {
    // given a template with several parts and a small budget
    const template = '${a + a} ${a + a} ${a + a}';
    // when evaluated under a budget that one part fits in
    // then the total is stopped
    expect(evaluateJuel(template, vars, { maxSteps: 9 })).toBe('4 4 4');
    expect(failure(template, { maxSteps: 8 }).code).toBe('expression.step_limit');
  });

  it.each<[string, string, number]>([
    ['${a', 'expression.syntax', 0],
    ["x ${'a}", 'expression.syntax', 2],
    ['${}', 'expression.syntax', 2],
    ['ab ${a +}', 'expression.syntax', 8],
    ['ok ${a === 1}', 'expression.syntax', 7],
    ['${a.constructor}', 'expression.forbidden', 4],
  ])('%s fails with %s at %i', (template, code, position) => {
    // given a malformed template
    // when evaluated
    const error = failure(template);
    // then the error points into the template
    expect(error.code).toBe(code);
    expect(error.details).toEqual({ position });
  });

  it('raises unknown identifiers like Camunda', () => {
    // given a condition over a missing variable
    // when evaluated
    const error = failure('${missing > 1}');
    // then the message names it
    expect(error.code).toBe('expression.unknown_identifier');
    expect(error.message).toBe("Cannot resolve identifier 'missing'");
  });

  it('caches compiled templates', () => {
    // given the same template twice
    // when compiled
    // then the same object comes back
    expect(compileJuelTemplate('a ${b} c')).toBe(compileJuelTemplate('a ${b} c'));
  });
});

describe('isJuelTemplate', () => {
  it.each<[string, boolean]>([
    ['${a}', true],
    ['#{a}', true],
    ['text ${a} text', true],
    ['${unclosed', true],
    ['plain', false],
    ['$ {a}', false],
    ['{a}', false],
    ['\\${a}', false],
    ['price: $5', false],
    ['', false],
  ])('%j => %s', (template, expected) => {
    // given text
    // when asked
    // then expression openers are detected
    expect(isJuelTemplate(template)).toBe(expected);
  });
});
