import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateRuleset, lintRuleset, rulesetDefinitionSchema } from '../../../engine/src/rules';

const def = rulesetDefinitionSchema.parse(JSON.parse(readFileSync(new URL('../rules/safety.dispatch.grade.json', import.meta.url), 'utf8')).content);
const grade = async (facts: Record<string, unknown>) => (await evaluateRuleset(def, facts)).outputs.suggestedGrade;

describe('safety.dispatch.grade (《生产安全事故报告和调查处理条例》 art. 3 thresholds)', () => {
  it('is a sound ruleset', () => {
    expect(lintRuleset(def)).toEqual([]);
  });

  it('takes the most severe grade any of deaths, serious injuries or direct loss (万元) reaches, at each lower bound', async () => {
    // given / when / then
    expect(await grade({})).toBe('IV');
    expect(await grade({ deaths: 2, injuries: 9, loss: 999 })).toBe('IV');
    expect(await grade({ deaths: 3 })).toBe('III');
    expect(await grade({ injuries: 10 })).toBe('III');
    expect(await grade({ loss: 1000 })).toBe('III');
    expect(await grade({ deaths: 10 })).toBe('II');
    expect(await grade({ deaths: 0, injuries: 50 })).toBe('II');
    expect(await grade({ loss: 5000 })).toBe('II');
    expect(await grade({ deaths: 29, injuries: 99, loss: 9999 })).toBe('II');
    expect(await grade({ deaths: 30 })).toBe('I');
    expect(await grade({ injuries: 100 })).toBe('I');
    expect(await grade({ deaths: 1, loss: 10000 })).toBe('I');
  });
});
