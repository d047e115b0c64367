import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContentServer, type ContentServer } from './contentServer';

interface Group {
  groupKey: string;
  rank: number | null;
  measures: Record<string, number | string | null>;
  outputs: { requiredHours: number; shortfall: number; compliant: boolean; complianceLabel: string };
}

describe('W6 safety-training: hours rules flag a principal below 32 h (real engine, rules and records workers)', { timeout: 120_000 }, () => {
  let s: ContentServer;
  beforeAll(async () => {
    s = await startContentServer();
  });
  afterAll(async () => {
    await s?.close();
  });

  async function plan(name: string, hours: number) {
    const res = await s.api('safetyA', 'POST', '/records/safety_training_plan', {
      orgId: s.orgs.entA.id,
      data: { name, trainingType: 'principalAndManager', department: '安全环保部', headcount: 3, mode: 'offline', startAt: '2026-11-28T01:00:00.000Z', endAt: '2026-11-30T09:00:00.000Z', hours, trainer: '区应急管理局讲师团', location: '园区培训中心', passScore: 60 },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.status).toBe('unpublished');
    return res.body.id as string;
  }
  async function run(planId: string, sessionHours: number, attendees: unknown[]) {
    const pi = await s.startProcess('safetyA', 'safety-training', { trainingPlanId: planId, sessionHours, passScore: 60 });
    await s.submit('ownerA', await s.task(pi, 'approve'), { decision: 'approve', approvalOpinion: '同意' });
    await s.submit('safetyA', await s.task(pi, 'attendance'), { attendees });
    await s.submit('safetyA', await s.task(pi, 'close'), { summary: '培训完成', effectiveness: 'good' });
    await s.ended(pi);
  }
  const at = '2026-11-28T01:30:00.000Z';
  const principal = { person: 'wang.jianhua', personName: '王建华', role: 'principal', signInMethod: 'qr', signedInAt: at, initialTraining: true };
  const manager = { person: 'li.ming', personName: '李明', role: 'safetyManager', signInMethod: 'face', signedInAt: at, initialTraining: true };
  const newcomer = { person: 'zhao.qiang', personName: '赵强', role: 'newWorker', signInMethod: 'manual', signedInAt: at, inductionLevel: 'factory' };

  it('credits the hours of passed exams only and moves the plan 未发布 → 已发布 → 已结束', async () => {
    // given a 24-hour course for the principal, the safety manager and a new worker who fails the exam
    const id = await plan('2026年主要负责人及安全管理人员初次培训（第一期）', 24);
    // when
    await run(id, 24, [{ ...principal, examScore: 88 }, { ...manager, examScore: 92 }, { ...newcomer, examScore: 45 }]);
    // then
    expect((await s.api('safetyA', 'GET', `/records/safety_training_plan/${id}`)).body.status).toBe('ended');
    const records = (await s.api('safetyA', 'GET', `/ledgers/safety_training_records?filter[planId][eq]=${id}&pageSize=50`)).body.items as Array<{ status: string; data: Record<string, unknown> }>;
    const byPerson = Object.fromEntries(records.map((r) => [r.data.person, [r.status, r.data.hoursCredited, r.data.passed]]));
    expect(byPerson).toEqual({ 'wang.jianhua': ['credited', 24, true], 'li.ming': ['credited', 24, true], 'zhao.qiang': ['failed', 0, false] });
  });

  it('flags the principal with 24 of 32 h, not the safety manager who completed 32 h, and the new worker with none', async () => {
    // given a second 8-hour session only the safety manager attends
    await run(await plan('2026年主要负责人及安全管理人员初次培训（第二期）', 8), 8, [{ ...manager, examScore: 80, signedInAt: '2026-11-30T01:00:00.000Z' }]);
    // when
    const res = await s.api('safetyA', 'GET', '/ledgers/safety_training_compliance/aggregate?from=2026-01-01T00:00:00.000Z&to=2027-01-01T00:00:00.000Z');
    expect(res.status, res.text).toBe(200);
    const of = (p: string) => (res.body.groups as Group[]).find((g) => g.groupKey === p)!;
    // then
    expect(of('wang.jianhua')).toMatchObject({ measures: { hoursCredited: 24, role: 'principal' }, outputs: { requiredHours: 32, shortfall: 8, compliant: false, complianceLabel: '学时不足' } });
    expect(of('li.ming')).toMatchObject({ measures: { hoursCredited: 32 }, outputs: { requiredHours: 32, shortfall: 0, compliant: true } });
    expect(of('zhao.qiang')).toMatchObject({ measures: { hoursCredited: 0 }, outputs: { requiredHours: 24, shortfall: 24, compliant: false } });
    expect((res.body.groups as Group[]).map((g) => g.groupKey)).toEqual(['zhao.qiang', 'wang.jianhua', 'li.ming']);
    // a period outside the sessions credits nothing
    const before = await s.api('safetyA', 'GET', '/ledgers/safety_training_compliance/aggregate?to=2026-01-01T00:00:00.000Z');
    expect(before.body.groups).toEqual([]);
    // the new worker's three-level induction is not complete: the factory-level exam was failed
    const induction = await s.api('safetyA', 'GET', '/ledgers/safety_training_induction/aggregate');
    expect((induction.body.groups as Array<{ groupKey: string; outputs: Record<string, unknown> }>).find((g) => g.groupKey === 'zhao.qiang')!.outputs).toMatchObject({ inductionComplete: false, nextLevel: 'factory', levelsPassed: 0 });
  });
});
