import { describe, expect, it } from 'vitest';
import { evaluateRuleset } from './evaluateRuleset';
import { lintRuleset } from './lintRuleset';
import type { RulesetDefinition } from './RulesetDefinition';
import { isKnownRuleOperator, registerRuleOperator } from './ruleOperators';

const override: RulesetDefinition = {
  key: 'safety.direct-judgement',
  version: 1,
  facts: {
    breachMandatoryClause: { type: 'boolean' },
    involvesMajorHazard: { type: 'boolean' },
    workersInToxicFirePlace: { type: 'number', required: false },
    industry: { type: 'string', enum: ['chemical', 'trade'], required: false },
  },
  params: { crowdThreshold: 10 },
  computed: { crowded: 'workersInToxicFirePlace >= params.crowdThreshold' },
  rules: [
    {
      name: 'direct-major',
      priority: 10,
      conditions: {
        any: [
          { fact: 'breachMandatoryClause', operator: 'equal', value: true },
          { fact: 'involvesMajorHazard', operator: 'equal', value: true },
          { fact: 'crowded', operator: 'equal', value: true },
        ],
      },
      event: { type: 'override', params: { forceLevel: 'major', reason: 'direct judgement' } },
    },
    {
      name: 'chemical-note',
      conditions: { all: [{ fact: 'industry', operator: 'in', value: ['chemical'] }] },
      event: { type: 'note', params: { reason: 'chemical industry', tier: 'company' } },
    },
  ],
  outputs: {
    forceLevel: { type: 'string', enum: ['major'] },
    reason: { type: 'string' },
    tier: { type: 'string' },
  },
  decision: 'all',
};

describe('evaluateRuleset', () => {
  it('fires any-conditions with computed facts and params, merging outputs by priority (decision all)', async () => {
    // when
    const r = await evaluateRuleset(override, {
      breachMandatoryClause: false,
      involvesMajorHazard: false,
      workersInToxicFirePlace: 12,
      industry: 'chemical',
    });
    // then
    expect(r.firedRules).toEqual(['direct-major', 'chemical-note']);
    expect(r.outputs).toEqual({ forceLevel: 'major', reason: 'direct judgement', tier: 'company' });
    expect(r.warnings).toEqual([
      { code: 'rules.output_conflict', message: expect.stringContaining("'reason'") },
    ]);
  });

  it('treats missing optional facts as null and warns about outputs nobody produced', async () => {
    // when
    const r = await evaluateRuleset(override, { breachMandatoryClause: false, involvesMajorHazard: false });
    // then
    expect(r.firedRules).toEqual([]);
    expect(r.outputs).toEqual({});
    expect(r.warnings.map((w) => w.code)).toEqual([
      'rules.output_missing',
      'rules.output_missing',
      'rules.output_missing',
    ]);
  });

  it('keys cached engines by content: the same key and version with other content is another engine', async () => {
    // given: another tenant's version 1 of the same key, with a different reason
    const copy = structuredClone(override);
    copy.rules[0]!.event.params!.reason = 'tenant B wording';
    // when
    const a = await evaluateRuleset(override, { breachMandatoryClause: true, involvesMajorHazard: false });
    const b = await evaluateRuleset(copy, { breachMandatoryClause: true, involvesMajorHazard: false });
    const again = await evaluateRuleset(structuredClone(override), {
      breachMandatoryClause: true,
      involvesMajorHazard: false,
    });
    // then
    expect(a.outputs.reason).toBe('direct judgement');
    expect(b.outputs.reason).toBe('tenant B wording');
    expect(again.outputs.reason).toBe('direct judgement');
  });

  it('refuses an unsound definition with rules.invalid_definition', async () => {
    // given
    const bad = {
      ...structuredClone(override),
      version: undefined,
      computed: { crowded: 'constructor.constructor("x")()' },
    };
    // when / then
    await expect(
      evaluateRuleset(bad as RulesetDefinition, { breachMandatoryClause: true, involvesMajorHazard: true }),
    ).rejects.toMatchObject({
      code: 'rules.invalid_definition',
    });
  });
});

describe('registerRuleOperator', () => {
  it('adds a custom operator usable by rulesets and rejects duplicates', async () => {
    // given
    registerRuleOperator(
      'divisibleBy',
      (a, b) => typeof a === 'number' && typeof b === 'number' && a % b === 0,
    );
    const def: RulesetDefinition = {
      key: 'test.divisible',
      facts: { n: { type: 'number' } },
      rules: [
        {
          name: 'even',
          conditions: { all: [{ fact: 'n', operator: 'divisibleBy', value: 2 }] },
          event: { type: 'x', params: { even: true } },
        },
      ],
      outputs: { even: { type: 'boolean' } },
    };
    // when
    const r = await evaluateRuleset(def, { n: 4 });
    // then
    expect(r.outputs).toEqual({ even: true });
    expect(isKnownRuleOperator('not:divisibleBy')).toBe(true);
    expect(isKnownRuleOperator('resembles')).toBe(false);
    expect(() => registerRuleOperator('divisibleBy', () => true)).toThrow(
      expect.objectContaining({ code: 'registry.duplicate' }),
    );
    expect(() => registerRuleOperator('equal', () => true)).toThrow(
      expect.objectContaining({ code: 'registry.duplicate' }),
    );
  });
});

describe('lintRuleset', () => {
  it('reports unknown facts, operators, undeclared and mistyped outputs and unsafe computed expressions with their paths', () => {
    // given
    const def = {
      key: 'test.lint',
      facts: { a: { type: 'number' } },
      computed: { b: 'a * 2', c: 'process.exit(1)', d: 'zzz + 1' },
      rules: [
        {
          name: 'r',
          conditions: {
            all: [
              { fact: 'ghost', operator: 'equal', value: 1 },
              { fact: 'a', operator: 'resembles', value: 1 },
              { fact: 'b', operator: 'equal', value: { fact: 'nope' } },
            ],
          },
          event: { type: 'x', params: { level: 3, extra: 'y' } },
        },
        {
          name: 'r',
          conditions: { any: [{ fact: 'a', operator: 'not:in', value: [1, 2] }] },
          event: { type: 'x' },
        },
      ],
      outputs: { level: { type: 'string' } },
    };
    // when
    const issues = lintRuleset(def);
    // then
    expect(issues.map((i) => `${i.path} ${i.code}`)).toEqual([
      `computed.c ${issues.find((i) => i.path === 'computed.c')!.code}`,
      'computed.d expression.unknown_identifier',
      'rules[0].conditions.all[0].fact rules.unknown_fact',
      'rules[0].conditions.all[1].operator rules.unknown_operator',
      'rules[0].conditions.all[2].value.fact rules.unknown_fact',
      'rules[0].event.params.level rules.output_type',
      'rules[0].event.params.extra rules.undeclared_output',
      'rules[1].name rules.duplicate_rule',
    ]);
    expect(issues.find((i) => i.path === 'computed.c')!.code).toMatch(/^expression\./);
  });

  it('rejects JSONPath fact paths in conditions (shape)', () => {
    // when
    const issues = lintRuleset({
      key: 'x',
      facts: { a: { type: 'number' } },
      rules: [
        {
          name: 'r',
          conditions: { all: [{ fact: 'a', path: '$..*', operator: 'equal', value: 1 }] },
          event: { type: 'x' },
        },
      ],
      outputs: {},
    });
    // then
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.code === 'rules.invalid_definition')).toBe(true);
  });
});
