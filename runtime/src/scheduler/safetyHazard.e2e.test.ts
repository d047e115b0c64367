/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../engine/testing/engineTestKit';
import { FakeClock } from '../testing/FakeClock';
import { startSafetyPackKit, type SafetyPackKit } from './testing/safetyPackKit';

const DAY = 86_400_000;

describe('W3 overdue escalation and the W4 major-hazard path (real pack, real records worker, FakeClock)', () => {
  const clock = new FakeClock('2026-12-01T02:00:00.000Z');
  let h: SafetyPackKit;
  const startHazard = async (title: string) => {
    const res = await h.api(h.creds('safetyOfficer'), 'POST', '/processes/safety-hazard/start', {
      orgIds: [h.fx.orgs.E1.id], variables: { title, source: '1', origin: 'manual', location: '三号仓库', suggestedGrade: '0' },
    });
    expect(res.status, res.text).toBe(201);
    return res.body.instances[0].processInstanceId as string;
  };
  beforeAll(async () => {
    h = await startSafetyPackKit(clock);
  });
  afterAll(async () => {
    await h?.kit.close();
  });

  it('escalates an overdue rectification to the principal, then to the street, and lets an extension move the deadline', async () => {
    const officer = h.creds('safetyOfficer');
    const owner = h.creds('enterpriseOwner');
    const street = h.creds('streetOfficer');
    // given a hazard under deadline rectification (deadline 12-03)
    const pi = await startHazard('配电柜门未关闭');
    await h.submit(officer, (await h.waitTask(officer, 'confirm', [pi])).id, { isHazard: 'yes', grade: '0', treatment: '1' });
    await h.submit(officer, (await h.waitTask(officer, 'notice', [pi])).id, { measures: '加锁', responsible: '李四', funds: 100, deadline: '2026-12-03' });
    const rectify = await h.waitTask(officer, 'rectify', [pi]);
    // an extension request approved by the principal moves the deadline to 12-05
    await h.submit(officer, rectify.id, { outcome: 'extension', rectifyNote: '锁具未到货', extensionDeadline: '2026-12-05', extensionReason: '采购周期' });
    await h.submit(owner, (await h.waitTask(owner, 'extension', [pi])).id, { extensionApproved: 'yes', deadline: '2026-12-05' });
    await h.waitTask(officer, 'rectify', [pi]);
    await until(async () => (await h.hazardOf(pi)).data.deadline === '2026-12-05');
    // when the old deadline passes nothing escalates
    await h.advance(2 * DAY); // 12-03 02:00
    expect(await h.tasks(owner, 'principal', [pi])).toEqual([]);
    // when the new deadline passes: overdue, the principal (主要负责人) is asked to supervise
    await h.advance(2 * DAY); // 12-05 02:00
    const principal = await h.waitTask(owner, 'principal', [pi]);
    expect(principal.name).toContain('主要负责人');
    await until(async () => (await h.hazardOf(pi)).data.overdue === true);
    expect((await h.hazardOf(pi)).data.escalation).toBe('principal');
    // the street does not see anything yet; 3 days later without the principal acting, the street is asked
    expect(await h.tasks(street, 'street', [pi])).toEqual([]);
    await h.advance(3 * DAY + 60_000);
    const streetTask = await h.waitTask(street, 'street', [pi]);
    expect(streetTask.orgId).toBe(h.fx.orgs.E1.id);
    await until(async () => (await h.hazardOf(pi)).data.escalation === 'street');
    expect(await h.tasks(owner, 'principal', [pi])).toEqual([]);
    // the rectification task is still the officer's (the escalation does not cancel it); another district sees nothing
    expect(await h.tasks(officer, 'rectify', [pi])).toHaveLength(1);
    expect(await h.tasks(h.creds('streetOfficer', 2), 'street')).toEqual([]);
  }, 120_000);

  it('runs a major hazard through report, interim measures, the six-part plan and its approval, 挂牌督办, assessment, the 10-day review timer and write-off', async () => {
    const officer = h.creds('safetyOfficer');
    const owner = h.creds('enterpriseOwner');
    const district = h.creds('districtBureauAdmin');
    const city = h.creds('cityBureauAdmin');
    const pic = await h.photo(officer);
    const pi = await startHazard('液氨制冷车间未设置泄漏报警');
    await h.submit(officer, (await h.waitTask(officer, 'confirm', [pi])).id, { isHazard: 'yes', grade: '1', hazardType: '1', mgmtClass: '2' });
    const major = await until(async () => (await h.children(pi))[0]);
    expect((await h.hazardOf(pi)).status).toBe('major');
    // report ∥ interim measures
    await h.submit(owner, (await h.waitTask(owner, 'report', [major])).id, {
      currentState: '未设置氨泄漏报警装置', harmDegree: '可能导致中毒窒息', planSummary: '加装报警并联锁', reportedTo: '滨江区应急管理局', reportedToCongress: 'yes',
    });
    await h.submit(officer, (await h.waitTask(officer, 'interim', [major])).id, { withdrawn: 'yes', cordoned: 'yes', stopped: 'partial', interimPhotos: [pic] });
    // the plan needs all six parts
    const plan = await h.waitTask(owner, 'plan', [major]);
    const partial = await h.api(owner, 'POST', `/tasks/${plan.id}/submit`, { values: { goalTasks: '消除隐患', methods: '加装报警' } });
    expect(partial.status).toBe(400);
    expect(partial.body.details.errors).toHaveLength(4);
    const six = { goalTasks: '消除隐患', methods: '加装报警', fundsMaterials: '5 万元', orgPeople: '设备部 王五', deadlineReqs: '30 日内', safetyContingency: '氨泄漏专项预案' };
    await h.submit(owner, plan.id, six);
    // the principal sends it back once, then approves
    await h.submit(owner, (await h.waitTask(owner, 'approve', [major])).id, { planApproved: 'no', approveComment: '补充联锁方案' });
    await h.submit(owner, (await h.waitTask(owner, 'plan', [major])).id, { ...six, methods: '加装报警并与风机联锁' });
    await h.submit(owner, (await h.waitTask(owner, 'approve', [major])).id, { planApproved: 'yes' });
    // the regulator lists it for supervision; the enterprise executes, assesses and applies to resume
    await h.submit(district, (await h.waitTask(district, 'supervise', [major])).id, { supervisingAuthority: '滨江区应急管理局', superviseDeadline: '2027-01-31' });
    await until(async () => (await h.hazardOf(pi)).data.escalation === 'regulator');
    await h.submit(officer, (await h.waitTask(officer, 'execute', [major])).id, { afterPhotos: [pic], rectifyNote: '报警与联锁已投用' });
    await h.submit(owner, (await h.waitTask(owner, 'assess', [major])).id, { assessor: 'agency', assessReport: '整改有效' });
    await h.submit(owner, (await h.waitTask(owner, 'resume', [major])).id, { resumeApplication: '申请恢复生产' });
    const review = await h.waitTask(district, 'review', [major]);
    // the regulator does not review within 10 days: a reminder goes to the city and district
    await h.advance(9 * DAY);
    expect(await h.tasks(city, 'reviewOverdue', [major])).toEqual([]);
    await h.advance(DAY + 60_000);
    await h.waitTask(city, 'reviewOverdue', [major]);
    // the review passes: written off (核销), the hazard is closed with national state 9
    await h.submit(district, review.id, { reviewResult: 'pass', reviewComment: '现场审查合格' });
    await until(() => h.ended(pi));
    const r = await h.hazardOf(pi);
    expect([r.status, r.data.state]).toEqual(['closed', '9']);
    expect(await h.ended(major)).toBe(true);
  }, 120_000);

  it('gives the quarterly and yearly statistics for the principal’s signature, with an xlsx export', async () => {
    // given the two hazards above: one overdue and open (一般), one major written off
    const district = h.creds('districtBureauAdmin');
    const q = await h.api(district, 'GET', '/hazard-statistics?period=2026-Q4');
    expect(q.status, q.text).toBe(200);
    expect(q.body.period).toMatchObject({ kind: 'quarter', label: '2026年第四季度', dueDate: '2027-01-15' });
    expect(q.body.signer).toBe('主要负责人');
    expect(q.body.totals).toMatchObject({ registered: 2, general: 1, major: 1, closed: 1, closedMajor: 1, open: 1, overdue: 1, rectificationRate: 50, funds: 100, bySource: { '1': 2 } });
    expect(q.body.orgs.map((o: any) => [o.orgId, o.registered])).toEqual([[h.fx.orgs.E1.id, 2]]);
    const year = await h.api(district, 'GET', '/hazard-statistics?period=2026');
    expect(year.body.period.dueDate).toBe('2027-01-31');
    expect(year.body.totals.registered).toBe(2);
    expect((await h.api(district, 'GET', '/hazard-statistics?period=2026-Q3')).body.totals.registered).toBe(0);
    expect((await h.api(district, 'GET', '/hazard-statistics?period=Q4')).status).toBe(400);
    // another district sees none of them; an org outside the caller's scope is 404
    expect((await h.api(h.creds('districtBureauAdmin', 2), 'GET', '/hazard-statistics?period=2026-Q4')).body.totals.registered).toBe(0);
    expect((await h.api(h.creds('districtBureauAdmin', 2), 'GET', `/hazard-statistics?period=2026-Q4&orgId=${h.fx.orgs.E1.id}`)).status).toBe(404);
    // the xlsx has the figures, the signature line and the due date
    const res = await fetch(`${h.kit.server.url}/api/v1/hazard-statistics/export?period=2026-Q4`, {
      headers: { authorization: `Basic ${Buffer.from(`${district.username}:${district.password}`).toString('base64')}` },
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const cells = wb.worksheets[0]!.getSheetValues().flat().filter((v) => v !== null && v !== undefined).map(String);
    expect(cells).toEqual(expect.arrayContaining(['隐患排查治理季度统计分析表（2026年第四季度）', '合计', '主要负责人签字：', '报送截止日期：2027-01-15']));
  });
});
