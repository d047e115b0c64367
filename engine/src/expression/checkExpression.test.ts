import { describe, expect, it } from 'vitest';
import { checkExpression } from './checkExpression';
import { checkJuelTemplate } from './checkJuelTemplate';

const FORM_ROOTS = ['$self', '$deps', '$values', '$form', '$record', '$index'];

describe('checkExpression', () => {
  it.each([
    '$self.value > 10',
    "$deps[0] === 'yes' ? { state: { visible: true } } : { state: { visible: false } }",
    'sum($values.rows[$index].scores) >= 60',
    "$values.name?.trim().toUpperCase().startsWith('A')",
    'round($values.L * $values.E * $values.C, 1)',
    '$values[$record.key]',
  ])('finds nothing wrong with %s', (src) => {
    // given a safe Formily expression over the form's roots
    // when checked
    // then there are no issues
    expect(checkExpression(src, { dialect: 'formily', knownRoots: FORM_ROOTS })).toEqual([]);
  });

  it('reports a syntax error with its position', () => {
    // given a malformed expression
    // when checked
    // then one syntax issue points at the problem
    expect(checkExpression('$self.value >', { dialect: 'formily' })).toEqual([
      { code: 'expression.syntax', message: 'Unexpected end of expression', position: 13 },
    ]);
  });

  it('reports every unknown root, helper and method in source order', () => {
    // given an expression with several problems
    const src = 'foo(x) + $self.value.map(1) + y.trim()';
    // when checked with known roots
    const issues = checkExpression(src, { dialect: 'formily', knownRoots: FORM_ROOTS });
    // then each is reported once, in order
    expect(issues.map((i) => [i.code, i.position])).toEqual([
      ['expression.unknown_helper', 0],
      ['expression.unknown_identifier', 4],
      ['expression.forbidden_call', 20],
      ['expression.unknown_identifier', 30],
    ]);
  });

  it('does not check roots when none are declared', () => {
    // given an expression over arbitrary names
    // when checked without knownRoots
    // then names are not judged
    expect(checkExpression('anything.at.all > 1', { dialect: 'formily' })).toEqual([]);
  });

  it('accepts declared host helpers', () => {
    // given a host helper
    // when checked with and without declaring it
    // then only the undeclared use is reported
    expect(checkExpression('lookup(1)', { dialect: 'formily', knownHelpers: ['lookup'] })).toEqual([]);
    expect(checkExpression('lookup(1)', { dialect: 'formily' })[0].code).toBe('expression.unknown_helper');
  });

  it.each([
    ["a['__pro' + 'to__']", 'expression.forbidden'],
    ["a[['constructor'][0]]", 'expression.forbidden'],
    ["a['__proto__'.slice(0)]", 'expression.forbidden'],
    ["a['tr' + 'im']()", ''],
    ['a[b]()', 'expression.forbidden_call'],
    ["a[1 + 'x'.constructor]", 'expression.forbidden'],
  ])('folds constant keys: %s', (src, code) => {
    // given a computed key built from literals
    // when checked
    const issues = checkExpression(src, { dialect: 'formily' });
    // then the key is judged as if written out
    expect(issues.map((i) => i.code)).toEqual(code ? [code] : []);
  });

  it('checks JUEL with the JUEL grammar', () => {
    // given JUEL conditions
    // when checked
    // then keyword operators pass and === fails
    expect(
      checkExpression("score gt 70 and level eq 'major'", {
        dialect: 'juel',
        knownRoots: ['score', 'level'],
      }),
    ).toEqual([]);
    expect(checkExpression('a === 1', { dialect: 'juel' })[0].code).toBe('expression.syntax');
  });

  it('never throws, whatever it is given', () => {
    // given inputs that are not expressions
    // when checked
    // then issues come back instead of exceptions
    expect(checkExpression(undefined as unknown as string, { dialect: 'formily' })[0].code).toBe(
      'expression.syntax',
    );
    expect(checkExpression('1', { dialect: 'x' as 'juel' })[0].code).toBe('expression.invalid_options');
    expect(checkExpression('('.repeat(100_000), { dialect: 'formily' })[0].code).toBe('expression.too_long');
  });
});

describe('checkJuelTemplate', () => {
  it('checks each part and offsets positions into the template', () => {
    // given a template with a good and a bad part
    const template = 'Score ${score} of ${user.constructor}';
    // when checked
    const issues = checkJuelTemplate(template, { knownRoots: ['score', 'user'] });
    // then the bad part is reported at its place in the template
    expect(issues).toEqual([
      {
        code: 'expression.forbidden',
        message: "Property 'constructor' is forbidden (position 25)",
        position: 25,
      },
    ]);
    expect(template.slice(25, 25 + 11)).toBe('constructor');
  });

  it('reports unknown roots per part', () => {
    // given a template reading an undeclared variable
    // when checked with known roots
    const issues = checkJuelTemplate('${a > 1} and ${b}', { knownRoots: ['a'] });
    // then the position is that of the name in the template
    expect(issues).toEqual([
      { code: 'expression.unknown_identifier', message: "Cannot resolve identifier 'b'", position: 15 },
    ]);
  });

  it('reports an unclosed part and passes plain text', () => {
    // given templates with and without parts
    // when checked
    // then only the malformed one has an issue
    expect(checkJuelTemplate('no expressions here')).toEqual([]);
    expect(checkJuelTemplate('x ${a')).toEqual([
      { code: 'expression.syntax', message: "Unclosed '${' at position 2", position: 2 },
    ]);
  });
});
