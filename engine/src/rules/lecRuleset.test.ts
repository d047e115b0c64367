import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateRuleset } from './evaluateRuleset';
import { lintRuleset } from './lintRuleset';
import { rulesetDefinitionSchema, type RulesetDefinition } from './RulesetDefinition';

function load(url: URL, envelope: boolean): RulesetDefinition {
  const json = JSON.parse(readFileSync(fileURLToPath(url), 'utf8'));
  return rulesetDefinitionSchema.parse(envelope ? json.content : json);
}

const L = [10, 6, 3, 1, 0.5, 0.2, 0.1];
const E = [10, 6, 3, 2, 1, 0.5];
const C = [100, 40, 15, 7, 3, 1];

/** Independent grading per DOMAIN.md §1.4 over D rounded to 2 decimals. */
function expectedLevel(d: number, seventyYellow: boolean): string {
  if (d > 320) return 'major';
  if (d > 160) return 'significant';
  if (d > 70 || (seventyYellow && d === 70)) return 'general';
  return 'low';
}
const colour: Record<string, string> = {
  major: 'red',
  significant: 'orange',
  general: 'yellow',
  low: 'blue',
};

describe('safety.lec ruleset', () => {
  const standard = load(new URL('../../../definitions/safety/rules/safety.lec.json', import.meta.url), true);
  const seventyYellow = load(new URL('./safety.lec.seventy-yellow.fixture.json', import.meta.url), false);

  it('lints clean, both versions', () => {
    expect(lintRuleset(standard)).toEqual([]);
    expect(lintRuleset(seventyYellow)).toEqual([]);
  });

  it('has exactly 103 distinct reachable D values and grades every one per the thresholds', async () => {
    // given
    const byD = new Map<number, { l: number; e: number; c: number }>();
    for (const l of L)
      for (const e of E)
        for (const c of C) {
          const d = Math.round(l * e * c * 100) / 100;
          if (!byD.has(d)) byD.set(d, { l, e, c });
        }
    expect(byD.size).toBe(103);
    // when / then
    for (const [d, facts] of byD) {
      const r = await evaluateRuleset(standard, { L: facts.l, E: facts.e, C: facts.c });
      const level = expectedLevel(d, false);
      expect(r.outputs, `D=${d}`).toEqual({
        riskValue: d,
        riskLevel: level,
        riskColor: colour[level],
        riskLevelLabel: expect.any(String),
      });
      expect(r.warnings).toEqual([]);
    }
  });

  it('grades all 252 combinations, floating-point products included (0.1 × 10 × 7 = 7)', async () => {
    let count = 0;
    for (const l of L)
      for (const e of E)
        for (const c of C) {
          const r = await evaluateRuleset(standard, { L: l, E: e, C: c });
          const d = Math.round(l * e * c * 100) / 100;
          expect(r.outputs.riskValue).toBe(d);
          expect(r.outputs.riskLevel).toBe(expectedLevel(d, false));
          count++;
        }
    expect(count).toBe(252);
    expect((await evaluateRuleset(standard, { L: 0.1, E: 10, C: 7 })).outputs.riskValue).toBe(7);
  });

  it('puts D = 70 in blue by default and in yellow in the tenant version with the switch', async () => {
    // when
    const a = await evaluateRuleset(standard, { L: 10, E: 1, C: 7 });
    const b = await evaluateRuleset(seventyYellow, { L: 1, E: 10, C: 7 });
    const justAbove = await evaluateRuleset(standard, { L: 3, E: 3, C: 15 }); // 135
    const justBelow = await evaluateRuleset(seventyYellow, { L: 10, E: 6, C: 1 }); // 60
    // then
    expect(a.outputs).toMatchObject({ riskValue: 70, riskLevel: 'low', riskColor: 'blue' });
    expect(a.firedRules).toEqual(['low']);
    expect(b.outputs).toMatchObject({ riskValue: 70, riskLevel: 'general', riskColor: 'yellow' });
    expect(b.firedRules).toEqual(['general']);
    expect(justAbove.outputs.riskLevel).toBe('general');
    expect(justBelow.outputs.riskLevel).toBe('low');
  });

  it('the seventy-yellow version grades every other D like the standard one', async () => {
    for (const l of L)
      for (const e of E)
        for (const c of C) {
          const d = Math.round(l * e * c * 100) / 100;
          const r = await evaluateRuleset(seventyYellow, { L: l, E: e, C: c });
          expect(r.outputs.riskLevel).toBe(expectedLevel(d, true));
        }
  });

  it('rejects L = 4 with rules.invalid_fact listing the allowed values', async () => {
    // when
    const run = evaluateRuleset(standard, { L: 4, E: 6, C: 15 });
    // then
    await expect(run).rejects.toMatchObject({
      code: 'rules.invalid_fact',
      details: { issues: [{ fact: 'L', allowed: [10, 6, 3, 1, 0.5, 0.2, 0.1] }] },
    });
    await expect(run).rejects.toThrow(/L' = 4 is not one of \[10,6,3,1,0.5,0.2,0.1\]/);
  });

  it('rejects missing, mistyped and unknown facts', async () => {
    await expect(evaluateRuleset(standard, { L: 3, E: 6 })).rejects.toMatchObject({
      code: 'rules.invalid_fact',
      details: { issues: [{ fact: 'C' }] },
    });
    await expect(evaluateRuleset(standard, { L: '3', E: 6, C: 15 })).rejects.toMatchObject({
      code: 'rules.invalid_fact',
      details: { issues: [{ fact: 'L' }] },
    });
    await expect(evaluateRuleset(standard, { L: 3, E: 6, C: 15, D: 1 })).rejects.toMatchObject({
      code: 'rules.invalid_fact',
      details: { issues: [{ fact: 'D' }] },
    });
  });
});
