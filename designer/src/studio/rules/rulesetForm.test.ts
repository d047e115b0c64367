import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintRuleset, rulesetDefinitionSchema } from '@safeflow/engine/rules';
import { fromForm, toForm } from './rulesetForm';

const lec = JSON.parse(readFileSync(new URL('../../../../definitions/safety/rulesets/safety.lec.json', import.meta.url), 'utf8'));

describe('ruleset editor form', () => {
  it('round-trips safety.lec: flat rules as rows, the nested general rule kept whole', () => {
    // given
    const form = toForm(lec);
    // when
    const out = fromForm(form);
    // then
    expect(form.rules.map((r) => [r.name, r.match, r.comparisons.length, r.nested ? 'nested' : 'flat'])).toEqual([
      ['major', 'all', 1, 'flat'],
      ['significant', 'all', 1, 'flat'],
      ['general', 'any', 0, 'nested'],
      ['low', 'all', 1, 'flat'],
    ]);
    expect(form.rules[0]!.comparisons[0]).toEqual({ fact: 'riskValue', operator: 'greaterThan', value: 'fact:params.majorLowerBound' });
    const { version: _v, ...original } = lec;
    expect(out).toEqual(original);
  });

  it('builds a new rule from rows with typed values that the engine accepts', () => {
    // given
    const form = toForm(lec);
    form.rules.unshift({
      name: 'extreme', priority: 5, match: 'all', nested: null, eventType: 'lec.graded',
      comparisons: [{ fact: 'riskValue', operator: 'greaterThanInclusive', value: '1000' }, { fact: 'L', operator: 'in', value: '[10, 6]' }],
      params: [{ key: 'riskLevel', value: 'major' }, { key: 'riskColor', value: 'red' }, { key: 'riskLevelLabel', value: '极其危险' }],
    });
    // when
    const out = rulesetDefinitionSchema.parse(fromForm(form));
    // then
    expect(out.rules[0]!.conditions).toEqual({ all: [{ fact: 'riskValue', operator: 'greaterThanInclusive', value: 1000 }, { fact: 'L', operator: 'in', value: [10, 6] }] });
    expect(lintRuleset(out)).toEqual([]);
  });
});
