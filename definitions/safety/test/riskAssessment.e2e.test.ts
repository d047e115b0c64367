import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContentServer, type ContentServer } from './contentServer';

const measure = { category: 'engineering', description: '冲压机加装双手操作按钮和光电保护装置', checkContent: '光电保护装置是否有效、双手按钮是否被短接', cycleN: 1, cycleUnit: 'day', responsibleRole: 'safetyOfficer' };

describe('W1 safety-risk-assessment: an LEC assessment grades and colours a risk point (real engine, rules and records workers)', { timeout: 120_000 }, () => {
  let s: ContentServer;
  beforeAll(async () => {
    s = await startContentServer();
  });
  afterAll(async () => {
    await s?.close();
  });

  async function riskPoint(code: string, name: string, zone: number[][]) {
    const res = await s.as('safetyA').post('/api/v1/records/safety_risk_point', {
      orgId: s.orgs.entA.id,
      data: { name, code, pointType: 'equipment', department: '冲压车间', zone, zoneCode: `Z-${code}` },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.status).toBe('draft');
    return res.body.id as string;
  }

  it('grades L=3 E=6 C=7 as D=126 一般/黄, derives tier and controlled level, and publishes after review', async () => {
    // given a risk point in 编制中 and a started assessment
    const id = await riskPoint('RP-001', '1号冲压机', [[120, 80], [180, 80], [180, 140], [120, 140]]);
    const pi = await s.startProcess('safetyA', 'safety-risk-assessment', { riskPointId: id });

    // when the safety officer identifies and assesses it with LEC, and the review approves
    const identify = await s.task(pi, 'identify');
    await s.submit('safetyA', identify, {
      hazardCategory: 'material', accidentType: 'machinery', method: 'LEC', L: 3, E: 6, C: 7,
      controlEffectiveness: 'effective', measures: [measure],
      hazardSources: [{ name: '冲压模具挤压', gb13861Code: '2.1.1', gb6441Type: '机械伤害' }],
      noticeHazards: '冲压挤压、飞出物', noticeMeasures: '双手按钮、光电保护', noticeEmergency: '立即停机、拨打 0571-86690119',
    });
    const review = await s.task(pi, 'review');
    const mid = await s.as('safetyA').get(`/api/v1/records/safety_risk_point/${id}`);
    expect(mid.body.status).toBe('reviewing');
    await s.submit('safetyA', review, { decision: 'approve', reviewOpinion: '同意发布' });
    await s.ended(pi);

    // then the record carries the graded level, colour and the derived control data, and is published
    const rec = await s.as('safetyA').get(`/api/v1/records/safety_risk_point/${id}`);
    expect(rec.body.status).toBe('published');
    expect(rec.body.data).toMatchObject({
      method: 'LEC', L: 3, E: 6, C: 7, riskValue: 126, riskLevel: 'general', riskColor: 'yellow', riskLevelLabel: '一般风险',
      directJudgement: false, controlTier: 'team', responsibleRole: 'safetyOfficer', inherentLevel: 'III', controlLevel: 'A',
      gradingRulesetVersion: 1, zone: [[120, 80], [180, 80], [180, 140], [120, 140]], measures: [measure],
    });
    const decisions = await s.runtime.deps.db.query<{ ruleset_key: string; ruleset_version: number }>('SELECT ruleset_key, ruleset_version FROM decision_log WHERE process_instance_id = ? ORDER BY at, ruleset_key', [pi]);
    expect(decisions.map((d) => d.ruleset_key).sort()).toEqual(['safety.lec', 'safety.risk.controlLevel', 'safety.risk.controlTier', 'safety.risk.directJudgement']);
  });

  it('turns a low LEC score into 重大/红 by direct judgement and sends it to the principal before publishing', async () => {
    // given L=1 E=6 C=7 → D=42 (低/蓝) at a place that involves a major hazard source
    const id = await riskPoint('RP-002', '液氨储罐区', [[300, 60], [380, 60], [380, 120], [300, 120]]);
    const pi = await s.startProcess('safetyA', 'safety-risk-assessment', { riskPointId: id });
    await s.submit('safetyA', await s.task(pi, 'identify'), {
      method: 'LEC', L: 1, E: 6, C: 7, involvesMajorHazardSource: true, controlEffectiveness: 'partial', measures: [{ ...measure, description: '液位、压力、温度在线监测', checkContent: '报警联锁是否投用' }],
    });

    // when the review approves, a 重大 risk waits for the principal
    await s.submit('safetyA', await s.task(pi, 'review'), { decision: 'approve' });
    const approve = await s.task(pi, 'approve');
    expect((await s.as('safetyA').get(`/api/v1/records/safety_risk_point/${id}`)).body.status).toBe('approving');
    const notPrincipal = await s.as('safetyA').post(`/api/v1/tasks/${approve}/submit`, { values: { decision: 'approve' } });
    expect(notPrincipal.status).toBeGreaterThanOrEqual(400);
    await s.submit('ownerA', approve, { decision: 'approve', approvalOpinion: '同意，公司级管控' });
    await s.ended(pi);

    // then
    const rec = await s.as('ownerA').get(`/api/v1/records/safety_risk_point/${id}`);
    expect(rec.body).toMatchObject({ status: 'published', data: { riskValue: 42, riskLevel: 'major', riskColor: 'red', directJudgement: true, controlTier: 'company', responsibleRole: 'enterpriseOwner', inherentLevel: 'I', controlLevel: 'C' } });
  });

  it('rejects an L outside the LEC table as an incident with the rule code, leaving the risk point in 编制中', async () => {
    const id = await riskPoint('RP-003', '喷涂房', [[10, 10], [40, 10], [40, 40]]);
    const pi = await s.startProcess('safetyA', 'safety-risk-assessment', { riskPointId: id });
    // L = 5 is a valid form option (LS) but not in the LEC value table
    await s.submit('safetyA', await s.task(pi, 'identify'), { method: 'LEC', L: 5, E: 6, C: 7, controlEffectiveness: 'none', measures: [measure] });
    const [incident] = await (async () => {
      for (let i = 0; i < 500; i++) {
        const rows = await s.runtime.deps.db.query<{ message: string }>('SELECT message FROM incident WHERE process_instance_id = ?', [pi]);
        if (rows.length) return rows;
        await new Promise((r) => setTimeout(r, 20));
      }
      return [];
    })();
    expect(incident?.message).toMatch(/^rules\.invalid_fact: /);
    expect((await s.as('safetyA').get(`/api/v1/records/safety_risk_point/${id}`)).body).toMatchObject({ status: 'draft', data: { code: 'RP-003' } });
  });

  it('serves the four-colour map, the notice cards and the risk levels per enterprise from the published points', async () => {
    const map = await s.as('readerA').get('/api/v1/ledgers/safety_risk_map?filter[status][eq]=published');
    expect(map.status, map.text).toBe(200);
    const byCode = Object.fromEntries(map.body.items.map((i: { data: { code: string } }) => [i.data.code, i.data]));
    expect(Object.keys(byCode).sort()).toEqual(['RP-001', 'RP-002']);
    expect(byCode['RP-001']).toMatchObject({ riskColor: 'yellow', zone: [[120, 80], [180, 80], [180, 140], [120, 140]] });
    expect(byCode['RP-002']).toMatchObject({ riskColor: 'red', zoneCode: 'Z-RP-002' });

    const cards = await s.as('workerA').get('/api/v1/ledgers/safety_risk_notice_cards?filter[status][eq]=published');
    expect(cards.status, cards.text).toBe(200);
    expect(cards.body.items.find((i: { data: { code: string } }) => i.data.code === 'RP-001').data).toMatchObject({ noticeHazards: '冲压挤压、飞出物', riskLevelLabel: '一般风险' });

    const stats = await s.as('districtAdmin').get('/api/v1/ledgers/safety_risk_level_stats/aggregate');
    expect(stats.status, stats.text).toBe(200);
    const e1 = stats.body.groups.find((g: { orgId: string }) => g.orgId === s.orgs.entA.id);
    const b = stats.body.groups.find((g: { orgId: string }) => g.orgId === s.orgs.entB.id);
    expect(e1.measures).toEqual({ major: 1, significant: 0, general: 1, low: 0 });
    expect(b.measures).toEqual({ major: 0, significant: 0, general: 0, low: 0 });
    expect(e1.rank).toBe(1);
  });
});
