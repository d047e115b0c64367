import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContentServer, until, type ContentServer } from './contentServer';

/** The hazard process is the scheduler engineer's; the accepted path runs once it is in the pack. */
const hazardProcessInPack = existsSync(new URL('../processes/safety-hazard.bpmn', import.meta.url));

describe('safety-quick-report (隐患随手拍): photo report by any user → triage inbox → hazard or rejected', { timeout: 120_000 }, () => {
  let s: ContentServer;
  beforeAll(async () => {
    s = await startContentServer();
  });
  afterAll(async () => {
    await s?.close();
  });

  async function report(description: string) {
    const pi = await s.startProcess('workerA', 'safety-quick-report', {});
    const task = await s.task(pi, 'report');
    const photos = [await s.photo('workerA', s.orgs.entA.id, 'blocked-exit.png')];
    // a report without its photo is refused by the form
    const noPhoto = await s.api('workerA', 'POST', `/tasks/${task}/submit`, { values: { description } });
    expect(noPhoto.status).toBe(400);
    expect(noPhoto.body.code).toBe('submission.invalid');
    await s.submit('workerA', task, { description, photos, place: '3号车间东侧安全出口', location: { lat: 30.2084, lng: 120.2103, capturedAt: '2026-11-28T08:00:00.000Z' } });
    await s.task(pi, 'triage');
    return pi;
  }

  it('puts a worker’s report into the triage inbox of the street’s inspector, who rejects it with a reason', async () => {
    // given
    const pi = await report('安全出口被纸箱堵塞');
    // when the inspector of street S1 opens the inbox
    const inbox = await s.api('readerA', 'GET', '/ledgers/safety_quick_report_inbox?filter[status][eq]=triaging');
    expect(inbox.status, inbox.text).toBe(200);
    const item = inbox.body.items.find((i: { data: { description: string } }) => i.data.description === '安全出口被纸箱堵塞');
    expect(item.data).toMatchObject({ reporter: s.username('workerA'), place: '3号车间东侧安全出口', suggestedLevel: 'general' });
    expect(item.data.photos[0]).toMatchObject({ mime: 'image/png' });
    // another tenant never sees it
    expect((await s.api('otherAdmin', 'GET', `/records/safety_quick_report/${item.id}`)).status).toBe(404);
    // and rejects it
    await s.submit('readerA', await s.task(pi, 'triage'), { triageResult: 'rejected', rejectReason: '现场核实为临时卸货，已当场清理' });
    await s.ended(pi);
    // then
    const rec = await s.api('readerA', 'GET', `/records/safety_quick_report/${item.id}`);
    expect(rec.body).toMatchObject({ status: 'rejected', data: { triageResult: 'rejected', rejectReason: '现场核实为临时卸货，已当场清理' } });
  });

  it.runIf(hazardProcessInPack)('turns a confirmed report into a safety-hazard instance with its photos (source 11, origin quick-report)', async () => {
    const pi = await report('配电箱门未关闭，内部线路裸露');
    await s.submit('readerA', await s.task(pi, 'triage'), { triageResult: 'hazard', suggestedLevel: 'major' });
    // the report is 已转隐患 at once
    const rec = await until(async () => {
      const inbox = await s.api('readerA', 'GET', '/ledgers/safety_quick_report_inbox?filter[status][eq]=accepted');
      return inbox.body.items.find((i: { data: { description: string } }) => i.data.description === '配电箱门未关闭，内部线路裸露');
    });
    // and the hazard process registered the hazard in the reporter's enterprise, with the report as its origin
    const hazard = await until(async () => (await s.runtime.deps.db.query<{ id: string; org_id: string; data: string }>("SELECT id, org_id, data FROM record WHERE collection_key = 'safety_hazard'")).map((r) => ({ ...r, data: JSON.parse(r.data) })).find((r) => r.data.originId === rec.id));
    expect(hazard.org_id).toBe(s.orgs.entA.id);
    expect(hazard.data).toMatchObject({ title: '配电箱门未关闭，内部线路裸露', source: '11', origin: 'quick-report', suggestedGrade: '1', reporter: s.username('workerA'), location: '3号车间东侧安全出口' });
    expect(hazard.data.photos[0]).toMatchObject({ mime: 'image/png' });
    // the report instance follows the hazard (waits in the call activity until the hazard ends)
    const [waiting] = await s.runtime.deps.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM process_instance WHERE id = ?', [pi]);
    expect(Number(waiting!.n)).toBe(1);
  });
});
