import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateRuleset, lintRuleset, rulesetDefinitionSchema, type RulesetDefinition } from '../../../engine/src/rules';

const dir = new URL('../rules/', import.meta.url);
const load = (key: string): RulesetDefinition => rulesetDefinitionSchema.parse(JSON.parse(readFileSync(new URL(`${key}.json`, dir), 'utf8')).content);
const run = async (key: string, facts: Record<string, unknown>) => (await evaluateRuleset(load(key), facts)).outputs;

describe('the content rulesets of the safety pack (risk, duty, training, emergency, drill)', () => {
  it('are envelopes whose content is a sound ruleset with the file name as key', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const f of files) {
      const env = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
      expect(env.key, f).toBe(f.replace(/\.json$/, ''));
      expect(env.name['zh-CN'], f).toBeTruthy();
      expect(env.name.en, f).toBeTruthy();
      const def = rulesetDefinitionSchema.parse(env.content);
      expect(def.key).toBe(env.key);
      expect(lintRuleset(def), f).toEqual([]);
    }
  });

  it('grades the LS matrix with variant A thresholds and variant B by params alone', async () => {
    expect(await run('safety.risk.ls', { L: 5, S: 4 })).toMatchObject({ riskValue: 20, riskLevel: 'major', riskColor: 'red' });
    expect(await run('safety.risk.ls', { L: 3, S: 5 })).toMatchObject({ riskValue: 15, riskLevel: 'significant' });
    expect(await run('safety.risk.ls', { L: 3, S: 4 })).toMatchObject({ riskValue: 12, riskLevel: 'general', riskColor: 'yellow' });
    expect(await run('safety.risk.ls', { L: 2, S: 4 })).toMatchObject({ riskValue: 8, riskLevel: 'low', riskColor: 'blue' });
    const b = load('safety.risk.ls');
    b.params = { ...b.params, variant: 'B', significantLowerBound: 9, generalLowerBound: 4 };
    expect((await evaluateRuleset(b, { L: 3, S: 4 })).outputs).toMatchObject({ riskLevel: 'significant' });
    expect((await evaluateRuleset(b, { L: 2, S: 2 })).outputs).toMatchObject({ riskLevel: 'general' });
    await expect(run('safety.risk.ls', { L: 6, S: 1 })).rejects.toMatchObject({ code: 'rules.invalid_fact' });
  });

  it('overrides any grade to 重大 by direct judgement, else passes the grade through', async () => {
    expect(await run('safety.risk.directJudgement', { riskLevel: 'low', riskColor: 'blue', involvesMajorHazardSource: true })).toMatchObject({ riskLevel: 'major', riskColor: 'red', directJudgement: true });
    expect(await run('safety.risk.directJudgement', { riskLevel: 'general', riskColor: 'yellow', toxicFirePlaceWorkers: 12 })).toMatchObject({ riskLevel: 'major', directJudgement: true });
    expect(await run('safety.risk.directJudgement', { riskLevel: 'general', riskColor: 'yellow', toxicFirePlaceWorkers: 9, breachMandatoryClause: false })).toMatchObject({ riskLevel: 'general', riskColor: 'yellow', directJudgement: false });
  });

  it('derives the control tier, responsible role and the controlled level A–D', async () => {
    expect(await run('safety.risk.controlTier', { riskLevel: 'major' })).toMatchObject({ controlTier: 'company', responsibleRole: 'enterpriseOwner', inherentLevel: 'I' });
    expect(await run('safety.risk.controlTier', { riskLevel: 'low' })).toMatchObject({ controlTier: 'post', responsibleRole: 'worker', inherentLevel: 'IV' });
    expect(await run('safety.risk.controlLevel', { riskLevel: 'major', controlEffectiveness: 'effective' })).toMatchObject({ controlLevel: 'B' });
    expect(await run('safety.risk.controlLevel', { riskLevel: 'major', controlEffectiveness: 'none' })).toMatchObject({ controlLevel: 'D' });
    expect(await run('safety.risk.controlLevel', { riskLevel: 'general', controlEffectiveness: 'effective' })).toMatchObject({ controlLevel: 'A' });
  });

  it('requires 32/12 h for managers, 48/16 h in high-risk industries, 24 h / 72 h + 20 h for workers', async () => {
    const h = (facts: Record<string, unknown>) => run('safety.training.hours', facts);
    expect(await h({ role: 'principal', initialTraining: 1, hoursCredited: 24 })).toMatchObject({ requiredHours: 32, shortfall: 8, compliant: false, action: 'remind' });
    expect(await h({ role: 'principal', initialTraining: 1, hoursCredited: 32 })).toMatchObject({ requiredHours: 32, compliant: true });
    expect(await h({ role: 'safetyManager', initialTraining: 0, hoursCredited: 12 })).toMatchObject({ requiredHours: 12, compliant: true });
    expect(await h({ role: 'principal', highRiskIndustry: 1, initialTraining: 1, hoursCredited: 40 })).toMatchObject({ requiredHours: 48, shortfall: 8, compliant: false });
    expect(await h({ role: 'safetyManager', highRiskIndustry: 1, hoursCredited: 16 })).toMatchObject({ requiredHours: 16, compliant: true });
    expect(await h({ role: 'newWorker', hoursCredited: 24 })).toMatchObject({ requiredHours: 24, compliant: true });
    expect(await h({ role: 'newWorker', highRiskIndustry: 1, hoursCredited: 24 })).toMatchObject({ requiredHours: 72, shortfall: 48, compliant: false });
    expect(await h({ role: 'worker', highRiskIndustry: 1, hoursCredited: 20 })).toMatchObject({ requiredHours: 20, compliant: true });
  });

  it('credits hours only when the exam is passed', async () => {
    expect(await run('safety.training.credit', { sessionHours: 8, examScore: 85, passScore: 80 })).toEqual({ passed: true, hoursCredited: 8 });
    expect(await run('safety.training.credit', { sessionHours: 8, examScore: 70, passScore: 80 })).toEqual({ passed: false, hoursCredited: 0 });
    expect(await run('safety.training.credit', { sessionHours: 4 })).toEqual({ passed: true, hoursCredited: 4 });
  });

  it('flags missing drills by the frequency rule, stricter for high-risk units', async () => {
    const f = (facts: Record<string, unknown>) => run('safety.drill.frequency', facts);
    expect(await f({ comprehensiveLastYear: 1, onSiteLastHalfYear: 1, drillsLastHalfYear: 1, industry: '通用设备制造业' })).toMatchObject({ compliant: true, missingCount: 0 });
    expect(await f({ comprehensiveLastYear: 1, onSiteLastHalfYear: 0, drillsLastHalfYear: 1, industry: '通用设备制造业' })).toMatchObject({ compliant: false, missingOnSite: true, missingCount: 1 });
    expect(await f({ comprehensiveLastYear: 1, onSiteLastHalfYear: 1, drillsLastHalfYear: 2, reportedLastHalfYear: 0, industry: '化学原料和化学制品制造业' })).toMatchObject({ compliant: false, isHighRisk: true, missingReport: true });
    expect(await f({})).toMatchObject({ compliant: false, missingComprehensive: true, missingOnSite: true, missingCount: 2 });
  });

  it('scores duty fulfilment from the indicators and bands it', async () => {
    const all = await run('safety.duty.score', { tasksTotal: 4, tasksDone: 4, tasksOnTime: 4, tasksOverdue: 0, hazardsTotal: 2, hazardsClosed: 2, hazardsOverdue: 0, trainingHours: 12, drillsDone: 1 });
    expect(all).toMatchObject({ score: 100, band: 'excellent', completionRate: 1 });
    const half = await run('safety.duty.score', { tasksTotal: 4, tasksDone: 2, tasksOnTime: 1, tasksOverdue: 2, hazardsTotal: 2, hazardsClosed: 0, hazardsOverdue: 1, trainingHours: 6, drillsDone: 0 });
    // 0.5×35 + 0.5×15 + 0×25 + (1 − 3/6)×10 + 0.5×10 + 0 = 35
    expect(half).toMatchObject({ score: 35, band: 'fail', completionRate: 0.5, overdueRate: 0.5 });
  });

  it('gives emergency-plan deadlines as ISO durations for the BPMN timers', async () => {
    expect(await run('safety.emergency.lifecycle', { planType: 'comprehensive', highRisk: true })).toEqual({ filingDue: 'P28D', evaluationDue: 'P3Y', filingRequired: true });
    expect(await run('safety.emergency.lifecycle', { planType: 'disposalCard' })).toMatchObject({ filingRequired: false });
    expect(await run('safety.emergency.supplyAlert', { expired: 1, expiringSoon: 3 })).toMatchObject({ alert: 'red' });
    expect(await run('safety.emergency.supplyAlert', { expired: 0, expiringSoon: 3 })).toMatchObject({ alert: 'yellow' });
    expect(await run('safety.emergency.supplyAlert', { expired: 0, expiringSoon: 0 })).toMatchObject({ alert: 'none' });
    expect(await run('safety.training.certificateReview', { yearsInTrade: 12, cleanRecord: true })).toMatchObject({ reviewInterval: 'P6Y', remindBefore: 'P60D' });
    expect(await run('safety.training.certificateReview', { yearsInTrade: 4 })).toMatchObject({ reviewInterval: 'P3Y' });
  });
});

describe('the content schedules of the safety pack', () => {
  it('are envelopes of valid ScheduleContent that start content processes', async () => {
    const { ScheduleContent } = await import('../../../runtime/src/scheduler/ScheduleContent');
    const sdir = new URL('../schedules/', import.meta.url);
    const files = readdirSync(sdir).filter((f) => f.startsWith('safety.drill.'));
    expect(files.length).toBe(2);
    for (const f of files) {
      const env = JSON.parse(readFileSync(new URL(f, sdir), 'utf8'));
      expect(env.key).toBe(f.replace(/\.json$/, ''));
      const c = ScheduleContent.parse(env.content);
      expect(c.action.process).toBe('safety-drill');
      expect(readdirSync(new URL('../processes/', import.meta.url))).toContain(`${c.action.process}.bpmn`);
    }
  });
});
