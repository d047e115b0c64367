import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateRuleset, lintRuleset, rulesetDefinitionSchema } from '@safeflow/engine/rules';
import { checkLec, gradeOf, labelParam, lecToRuleset, rulesetToLec } from './lecModel';

const lec = JSON.parse(readFileSync(new URL('../../../../../definitions/safety/rulesets/safety.lec.json', import.meta.url), 'utf8'));

describe('LEC editor model ⇄ safety.lec ruleset', () => {
  it('reads the shipped safety.lec and writes back the same ruleset (plus the value labels)', () => {
    // given
    const model = rulesetToLec(lec);
    // when
    const out = lecToRuleset(model);
    // then
    expect(model.factors.L.rows.map((r) => r.value)).toEqual([10, 6, 3, 1, 0.5, 0.2, 0.1]);
    expect(model.bands.map((b) => [b.level, b.colour, b.lowerBound])).toEqual([['major', 'red', 320], ['significant', 'orange', 160], ['general', 'yellow', 70], ['low', 'blue', 0]]);
    expect(model.seventyInclusive).toBe(false);
    const { version: _v, ...original } = lec;
    expect(out).toEqual(original);
  });

  it('writes labels, thresholds, colours and the 70 switch as a ruleset the engine lints clean and grades by', async () => {
    // given: labels for L, the 70 boundary inclusive, significant in purple
    const model = rulesetToLec(lec);
    model.factors.L.rows[0]!.label = '完全可以预料';
    model.factors.L.rows[6]!.label = '实际不可能';
    model.seventyInclusive = true;
    model.bands[1]!.colour = 'purple';
    // when
    const ruleset = rulesetDefinitionSchema.parse(lecToRuleset(model));
    // then
    expect(lintRuleset(ruleset)).toEqual([]);
    expect(ruleset.params?.[labelParam('L', 0.1)]).toBe('实际不可能');
    expect(rulesToLabels(rulesetToLec(ruleset))).toEqual({ 10: '完全可以预料', 0.1: '实际不可能' });
    const seventy = await evaluateRuleset(ruleset, { L: 1, E: 10, C: 7 });
    expect(seventy.outputs).toMatchObject({ riskValue: 70, riskLevel: 'general', riskColor: 'yellow' });
    const significant = await evaluateRuleset(ruleset, { L: 6, E: 2, C: 15 });
    expect(significant.outputs).toMatchObject({ riskValue: 180, riskLevel: 'significant', riskColor: 'purple' });
    expect(gradeOf(model, 70).level).toBe('general');
    model.seventyInclusive = false;
    expect(gradeOf(model, 70).level).toBe('low');
    const exclusive = await evaluateRuleset(rulesetDefinitionSchema.parse(lecToRuleset(model)), { L: 1, E: 10, C: 7 });
    expect(exclusive.outputs).toMatchObject({ riskLevel: 'low', riskColor: 'blue' });
  });

  it('refuses thresholds that do not fall and duplicate scores', () => {
    // given
    const model = rulesetToLec(lec);
    model.bands[2]!.lowerBound = 200;
    model.factors.E.rows.push({ value: 6, label: '' });
    // then
    expect(checkLec(model)).toEqual(['E: a score is listed twice', 'Thresholds must fall: major > significant > general > 0']);
    expect(() => lecToRuleset(model)).toThrow(/Thresholds must fall/);
  });
});

function rulesToLabels(m: ReturnType<typeof rulesetToLec>): Record<number, string> {
  return Object.fromEntries(m.factors.L.rows.filter((r) => r.label).map((r) => [r.value, r.label]));
}
