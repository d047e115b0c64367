import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineOf } from '../../../runtime/src/engine/engine.module';
import { FakeClock } from '../../../runtime/src/testing/FakeClock';
import { startContentServer, until, type ContentServer } from './contentServer';

describe('W7 safety-emergency-plan: review loop, signature, filing deadline and periodic evaluation (FakeClock)', { timeout: 120_000 }, () => {
  const clock = new FakeClock('2026-11-28T08:00:00.000Z');
  let s: ContentServer;
  beforeAll(async () => {
    s = await startContentServer({ clock });
  });
  afterAll(async () => {
    await s?.close();
  });
  const rec = async (id: string) => (await s.api('safetyA', 'GET', `/records/safety_emergency_plan/${id}`)).body;

  it('flags a plan not filed within the deadline, records the filing, and opens the evaluation after three years', async () => {
    // given a comprehensive plan in 编制
    const created = await s.api('safetyA', 'POST', '/records/safety_emergency_plan', { orgId: s.orgs.entA.id, data: { title: '生产安全事故综合应急预案', planType: 'comprehensive', planVersion: 'V1.0' } });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    const pi = await s.startProcess('safetyA', 'safety-emergency-plan', { emergencyPlanId: id });

    // when the first review fails and the revised draft passes
    await s.submit('safetyA', await s.task(pi, 'draft'), { title: 'A区精密制造有限公司生产安全事故综合应急预案', planType: 'comprehensive', planVersion: 'V1.0', scopeDepartment: '全公司', author: '李明' });
    await s.submit('safetyA', await s.task(pi, 'review'), { reviewType: 'review', reviewResult: 'fail', reviewOpinion: '应急响应分级不明确' });
    await until(async () => (await rec(id)).status === 'drafting');
    await s.submit('safetyA', await s.task(pi, 'draft'), { title: 'A区精密制造有限公司生产安全事故综合应急预案', planType: 'comprehensive', planVersion: 'V1.1', scopeDepartment: '全公司', author: '李明' });
    await s.submit('safetyA', await s.task(pi, 'review'), { reviewType: 'review', reviewResult: 'pass', reviewOpinion: '同意发布' });
    // and the principal signs
    await s.submit('ownerA', await s.task(pi, 'sign'), { publishedAt: '2026-11-28T08:00:00.000Z', signOpinion: '签署发布' });
    const filing = await s.task(pi, 'filing');

    // then it is published with the rule's deadlines, not yet overdue
    expect(await rec(id)).toMatchObject({ status: 'published', data: { planVersion: 'V1.1', reviewResult: 'pass', publishedAt: '2026-11-28T08:00:00.000Z' } });
    const vars = (await s.rest('safetyA', 'GET', `/process-instance/${pi}/variables`)).body;
    expect([vars.filingDue.value, vars.evaluationDue.value, vars.filingRequired.value]).toEqual(['P28D', 'P3Y', true]);
    expect((await rec(id)).data.filingOverdue).toBeUndefined();

    // when 29 days pass without filing, the deadline timer flags it and filing stays open
    await until(async () => Number((await s.runtime.deps.db.query<{ n: number }>("SELECT COUNT(*) AS n FROM job WHERE process_instance_id = ? AND activity_id = 'filingDueTimer'", [pi]))[0]!.n) > 0);
    clock.advance(29 * 86_400_000);
    await engineOf(s.runtime.deps).jobs.runDueJobs();
    await until(async () => (await rec(id)).data.filingOverdue === true);
    const overdue = await s.api('safetyA', 'GET', '/ledgers/safety_emergency_plans?filter[filingOverdue][eq]=1');
    expect(overdue.body.items.map((i: { id: string }) => i.id)).toEqual([id]);

    // when it is filed
    await s.submit('safetyA', filing, { filingAuthority: '滨江区应急管理局', filedAt: '2026-12-27T02:00:00.000Z', filingReceipt: 'BJYJBA-2026-0412' });
    await until(async () => (await rec(id)).status === 'filed');
    expect((await rec(id)).data).toMatchObject({ filingReceipt: 'BJYJBA-2026-0412', filingAuthority: '滨江区应急管理局' });

    // then after three years (once the evaluation timer is waiting) the evaluation opens
    await until(async () => Number((await s.runtime.deps.db.query<{ n: number }>("SELECT COUNT(*) AS n FROM job WHERE process_instance_id = ? AND activity_id = 'waitEvaluation'", [pi]))[0]!.n) > 0);
    clock.advance(3 * 366 * 86_400_000);
    await engineOf(s.runtime.deps).jobs.runDueJobs();
    await s.submit('safetyA', await s.task(pi, 'evaluate'), { evaluationResult: 'abolish', evaluationOpinion: '公司搬迁，预案废止' });
    await s.ended(pi);
    expect((await rec(id)).status).toBe('abolished');
  });
});
