import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContentServer, until, type ContentServer } from './contentServer';

describe('R6 grading suggestion: safety-hazard compares the hazard with the 10号令 criteria before the grader confirms (real engine, rules and records workers)', { timeout: 120_000 }, () => {
  let s: ContentServer;
  beforeAll(async () => {
    s = await startContentServer();
  });
  afterAll(async () => {
    await s?.close();
  });
  const start = async (variables: Record<string, unknown>) => {
    const res = await s.api('safetyA', 'POST', '/processes/safety-hazard/start', { orgIds: [s.orgs.entA.id], variables: { source: '1', origin: 'inspection', location: '3号有限空间', ...variables } });
    expect(res.status, res.text).toBe(201);
    return res.body.instances[0].processInstanceId as string;
  };
  const hazardOf = (pi: string) =>
    until(async () => {
      const rows = await s.runtime.deps.db.query<{ id: string; status: string; data: string }>("SELECT id, status, data FROM record WHERE collection_key = 'safety_hazard'");
      return rows.map((r) => ({ ...r, data: JSON.parse(r.data) })).find((r) => r.data.processInstanceId === pi && r.data.suggestedGrade !== undefined);
    });

  it('suggests 重大 for a failed item mapped to 第十三条第（二）项, and the grader confirms it into the major-hazard path', async () => {
    // given a hazard from a confined-space item mapped to GM10-13-2, registered as 一般
    const pi = await start({ title: '有限空间作业未先通风再检测', criterion: 'GM10-13-2', suggestedGrade: '0' });
    // when the rules task has compared it
    const confirm = await s.task(pi, 'confirm');
    // then the suggestion is 重大 with its legal basis, logged as a decision, and waits for the human
    const [vars] = await s.runtime.deps.db.query<{ state: string }>('SELECT state FROM process_instance WHERE id = ?', [pi]);
    const v = JSON.parse(vars!.state).variables;
    expect([v.suggestedGrade.value, v.gradeLabel.value, v.criterionRef.value]).toEqual(['1', '重大事故隐患', 'GM10-13-2']);
    expect(v.basis.value).toContain('第十三条第（二）项');
    expect((await hazardOf(pi)).data.suggestedGrade).toBe('1');
    const decisions = await s.runtime.deps.db.query<{ ruleset_key: string }>('SELECT ruleset_key FROM decision_log WHERE process_instance_id = ?', [pi]);
    expect(decisions.map((d) => d.ruleset_key)).toEqual(['safety.majorHazard.gongmao']);
    // when the grader confirms 重大
    await s.submit('safetyA', confirm, { isHazard: 'yes', grade: '1', hazardType: '1', mgmtClass: '2' });
    // then the hazard goes to major-hazard governance
    await until(async () => (await s.api('safetyA', 'GET', `/records/safety_hazard/${(await hazardOf(pi)).id}`)).body.status === 'major');
  });

  it('keeps 重大 for a critical item without a criterion, and suggests 一般 for a plain manual report', async () => {
    // given / when
    const critical = await start({ title: '安全出口上锁', criterion: '', suggestedGrade: '1' });
    const plain = await start({ title: '地面油污未清理', suggestedGrade: '0' });
    await s.task(critical, 'confirm');
    await s.task(plain, 'confirm');
    // then
    expect((await hazardOf(critical)).data.suggestedGrade).toBe('1');
    expect((await hazardOf(plain)).data.suggestedGrade).toBe('0');
  });
});
