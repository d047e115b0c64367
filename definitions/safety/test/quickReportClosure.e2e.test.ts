import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContentServer, until, type ContentServer } from './contentServer';

describe('safety-quick-report → safety-hazard → 销号: a photo report runs through to the closure of its hazard (real engine, rules and records workers)', { timeout: 120_000 }, () => {
  let s: ContentServer;
  beforeAll(async () => {
    s = await startContentServer();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a worker reports, the inspector confirms, the safety officer fixes it on the spot, the principal accepts: closed with national state 9, the report ends', async () => {
    // given a worker's photo report, confirmed as a hazard by the street's inspector
    const pi = await s.startProcess('workerA', 'safety-quick-report', {});
    const photo = await s.photo('workerA', s.orgs.entA.id, 'extinguisher.png');
    await s.submit('workerA', await s.task(pi, 'report'), { description: '二号车间灭火器被货物遮挡', photos: [photo], place: '二号车间' });
    await s.submit('readerA', await s.task(pi, 'triage'), { triageResult: 'hazard', suggestedLevel: 'general' });
    const hazardPi = await until(async () => (await s.runtime.deps.db.query<{ id: string }>('SELECT id FROM hist_process_instance WHERE super_instance_id = ?', [pi]))[0]?.id);
    // when the safety officer confirms it as 一般, 即查即改, fixes it with a photo and the principal accepts
    await s.submit('safetyA', await s.task(hazardPi, 'confirm'), { isHazard: 'yes', grade: '0', treatment: '0' });
    const after = await s.photo('safetyA', s.orgs.entA.id, 'cleared.png');
    await s.submit('safetyA', await s.task(hazardPi, 'fix'), { afterPhotos: [after], rectifyNote: '已移开货物，灭火器取用通道畅通' });
    await s.submit('ownerA', await s.task(hazardPi, 'accept'), { acceptanceResult: 'pass', acceptanceComment: '现场复查合格' });
    // then the hazard is closed (state 9) with the report as its origin, and both instances have ended
    const hazard = await until(async () => {
      const rows = await s.runtime.deps.db.query<{ id: string; status: string; data: string }>("SELECT id, status, data FROM record WHERE collection_key = 'safety_hazard'");
      const found = rows.map((r) => ({ ...r, data: JSON.parse(r.data) })).find((r) => r.data.processInstanceId === hazardPi);
      return found?.status === 'closed' ? found : undefined;
    });
    expect(hazard.data).toMatchObject({ state: '9', source: '11', origin: 'quick-report', title: '二号车间灭火器被货物遮挡', grade: '0', treatment: '0', acceptanceResult: 'pass' });
    for (const id of [hazardPi, pi]) {
      await until(async () => (await s.runtime.deps.db.query<{ end_time: unknown }>('SELECT end_time FROM hist_process_instance WHERE id = ?', [id]))[0]?.end_time);
    }
    // the report, once its instance ended, names the hazard
    const report = await s.api('readerA', 'GET', `/records/safety_quick_report/${hazard.data.originId}`);
    expect(report.status, report.text).toBe(200);
    expect(report.body.data.hazardId).toBe(hazard.id);
    // the other tenant sees neither record
    expect((await s.api('otherAdmin', 'GET', `/records/safety_hazard/${hazard.id}`)).status).toBe(404);
  });
});
