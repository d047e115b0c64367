/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../engine/testing/engineTestKit';
import { FakeClock } from '../testing/FakeClock';
import { schedulerOf } from './scheduler.module';
import { startSafetyPackKit, type SafetyPackKit } from './testing/safetyPackKit';

const HOUR = 3_600_000;

describe('W2 → W3: a scheduled inspection finds two failing items, two hazards are governed to closure (real pack, real records worker)', () => {
  const clock = new FakeClock('2026-12-01T00:30:00.000Z');
  let h: SafetyPackKit;
  beforeAll(async () => {
    h = await startSafetyPackKit(clock);
  });
  afterAll(async () => {
    await h?.kit.close();
  });

  it('inspection → 2 hazards → one fixed on the spot, one rectified by deadline, refused, rectified again, accepted; all closed (national state 9)', async () => {
    const { fx, api, creds } = h;
    const officer = creds('safetyOfficer');
    const owner = creds('enterpriseOwner');
    // given the district schedules a daily fire inspection of enterprise E1 (check-in required at its gate)
    const sched = await api(creds('districtBureauAdmin'), 'POST', '/schedules', {
      key: 'fire-daily', name: '每日消防检查', orgId: fx.orgs.D1.id,
      content: {
        cadence: { cron: '0 0 9 * * ?' }, window: { due: 'PT8H', miss: 'PT23H' },
        targets: { orgIds: [fx.orgs.E1.id], roles: ['safetyOfficer'] },
        action: { process: 'safety-inspection', variables: { checkInRequired: true, checklistKey: 'safety.inspection.fire', checkInLocation: { lat: 30.21, lng: 120.21, radiusM: 200 } } },
      },
    });
    expect(sched.status, sched.text).toBe(201);
    // when 09:00 Beijing time comes
    clock.set('2026-12-01T01:00:01.000Z');
    await schedulerOf(h.kit.deps).tick();
    const [occ] = await h.kit.deps.db.query<{ process_instance_id: string; state: string }>('SELECT process_instance_id, state FROM schedule_occurrence');
    expect(occ!.state).toBe('open');
    const inspection = occ!.process_instance_id;

    // the safety officer checks in on site (too far away is refused), then fills the checklist
    const checkin = await h.waitTask(officer, 'checkin', [inspection]);
    const far = await api(officer, 'POST', `/tasks/${checkin.id}/submit`, { values: { checkin: { method: 'gps', lat: 30.3, lng: 120.3, at: clock.now().toISOString() } } });
    expect(far.status).toBe(400);
    expect(far.body.details.errors[0].code).toBe('checkin.too_far');
    await h.submit(officer, checkin.id, { checkin: { method: 'gps', lat: 30.2101, lng: 120.2101, at: clock.now().toISOString() } });
    const fill = await h.waitTask(officer, 'fill', [inspection]);
    const pic = await h.photo(officer);
    const result = await h.submit(officer, fill.id, {
      extinguishers: { result: 'fail', note: '2 具灭火器压力不足', photos: [pic], hazard: { location: '一号仓库' } },
      exits: { result: 'pass' },
      hydrants: { result: 'fail', note: '消火栓水带缺失', photos: [pic], hazard: { location: '二号车间' } },
      alarm: { result: 'pass' },
      electrical: { result: 'pass' },
      signs: { result: 'na' },
    });
    // then the checklist is scored and two hazards start, each belonging to E1
    expect(result.checklist).toMatchObject({ score: 30, maxScore: 50, percent: 60, passed: false, hazardCount: 2 });
    const children = await until(async () => {
      const c = await h.children(inspection);
      return c.length === 2 ? c : undefined;
    });
    const orgs = await h.kit.deps.db.query<{ org_path: string }>(`SELECT org_path FROM process_instance WHERE id IN (?, ?)`, children);
    expect(orgs.map((o) => o.org_path)).toEqual([fx.orgs.E1.path, fx.orgs.E1.path]);
    const records = await Promise.all(children.map((c) => h.hazardOf(c)));
    const byLocation = (loc: string) => children[records.findIndex((r) => r.data.location === loc)]!;
    const spot = byLocation('一号仓库');
    const deadline = byLocation('二号车间');
    for (const r of records) {
      expect(r.status).toBe('registered');
      expect(r.data).toMatchObject({ state: '0', source: '1', origin: 'inspection', suggestedGrade: '0' });
      expect(r.data.photos[0].mime).toBe('image/png');
    }

    // hazard 1: confirmed as 一般, fixed on the spot, re-checked, closed
    await h.submit(officer, (await h.waitTask(officer, 'confirm', [spot])).id, { isHazard: 'yes', grade: '0', treatment: '0', hazardType: '5', mgmtClass: '2' });
    await h.submit(officer, (await h.waitTask(officer, 'fix', [spot])).id, { afterPhotos: [pic], rectifyNote: '已更换灭火器' });
    const spotAccept = await h.waitTask(owner, 'accept', [spot]);
    expect((await h.hazardOf(spot)).data.state).toBe('1');
    await h.submit(owner, spotAccept.id, { acceptanceResult: 'pass', acceptanceComment: '复查合格' });
    await until(() => h.ended(spot));

    // hazard 2: deadline rectification with the five items, refused at acceptance, rectified again, accepted
    await h.submit(officer, (await h.waitTask(officer, 'confirm', [deadline])).id, { isHazard: 'yes', grade: '0', treatment: '1', hazardType: '5', mgmtClass: '2' });
    const notice = await h.waitTask(officer, 'notice', [deadline]);
    const missing = await api(officer, 'POST', `/tasks/${notice.id}/submit`, { values: { measures: '补齐水带' } });
    expect(missing.status).toBe(400); // 五到位: responsible, funds and deadline are required
    expect(missing.body.details.errors.map((e: any) => e.path).sort()).toEqual(['deadline', 'funds', 'responsible']);
    await h.submit(officer, notice.id, { measures: '补齐水带水枪', responsible: '张三', funds: 800, deadline: '2026-12-08', contingencyPlan: '临时配置移动灭火器' });
    const rectify1 = await h.waitTask(officer, 'rectify', [deadline]);
    const r2 = await h.hazardOf(deadline);
    expect(r2.status).toBe('rectifying');
    expect(r2.data).toMatchObject({ measures: '补齐水带水枪', responsible: '张三', funds: 800, deadline: '2026-12-08', state: '0' });
    // done without after-photos is refused (photos are required when the outcome is 'done')
    const noPhotos = await api(officer, 'POST', `/tasks/${rectify1.id}/submit`, { values: { outcome: 'done', rectifyNote: '已补齐' } });
    expect(noPhotos.status).toBe(400);
    clock.advance(2 * HOUR);
    await h.submit(officer, rectify1.id, { outcome: 'done', afterPhotos: [pic], rectifyNote: '已补齐' });
    const accept1 = await h.waitTask(owner, 'accept', [deadline]);
    expect((await h.hazardOf(deadline)).status).toBe('accepting');
    await h.submit(owner, accept1.id, { acceptanceResult: 'fail', acceptanceComment: '水枪型号不符' });
    const rectify2 = await h.waitTask(officer, 'rectify', [deadline]);
    const back = await h.hazardOf(deadline);
    expect([back.status, back.data.state]).toEqual(['rectifying', '0']);
    await h.submit(officer, rectify2.id, { outcome: 'done', afterPhotos: [pic], rectifyNote: '已更换为 QZ19 水枪' });
    await h.submit(owner, (await h.waitTask(owner, 'accept', [deadline])).id, { acceptanceResult: 'pass', acceptanceComment: '合格' });
    await until(() => h.ended(deadline));

    // then both hazards are closed with national state 9, the inspection ends, and its occurrence is done
    for (const c of children) {
      const r = await h.hazardOf(c);
      expect([r.status, r.data.state]).toEqual(['closed', '9']);
      // 销号 time from the engine's (fake) clock: 12-01, not the machine's wall clock
      expect(r.data.acceptedAt.slice(0, 10)).toBe(clock.now().toISOString().slice(0, 10));
      expect(Date.parse(r.data.acceptedAt)).toBeLessThanOrEqual(clock.now().getTime());
    }
    await until(() => h.ended(inspection));
    await schedulerOf(h.kit.deps).tick();
    const [after] = await h.kit.deps.db.query<{ state: string }>('SELECT state FROM schedule_occurrence');
    expect(after!.state).toBe('done');
    // the hazard ledger shows them to the district, not to another branch
    const ledger = await api(creds('districtBureauAdmin'), 'GET', '/ledgers/safety_hazard_ledger?filter[state][in]=9');
    expect(ledger.status, ledger.text).toBe(200);
    expect(ledger.body.total ?? ledger.body.items.length).toBe(2);
    const other = await api(creds('districtBureauAdmin', 2), 'GET', '/ledgers/safety_hazard_ledger');
    expect((other.body.items ?? []).length).toBe(0);
  }, 120_000);

  it('reminds at the due time and records an inspection not done by its miss time as missed (漏检)', async () => {
    const officer = h.creds('safetyOfficer');
    // given the next day's round starts and nobody checks in
    clock.set('2026-12-02T01:00:01.000Z');
    await schedulerOf(h.kit.deps).tick();
    const [occ] = await h.kit.deps.db.query<{ id: string; process_instance_id: string }>(
      `SELECT id, process_instance_id FROM schedule_occurrence WHERE occurrence_at = ?`, [Date.parse('2026-12-02T01:00:00.000Z')],
    );
    await h.waitTask(officer, 'checkin', [occ!.process_instance_id]);
    // when the due time passes: a reminder; when the miss time passes: the round ends as missed
    await h.advance(8 * HOUR);
    await h.waitTask(officer, 'remind', [occ!.process_instance_id]);
    await h.advance(15 * HOUR);
    await until(() => h.ended(occ!.process_instance_id));
    await schedulerOf(h.kit.deps).tick();
    // then the occurrence is missed, and the duty scoring query counts it
    const missed = await h.api(h.creds('districtBureauAdmin'), 'GET', '/schedules/occurrences?state=missed');
    expect(missed.body.items.map((o: any) => o.id)).toEqual([occ!.id]);
    expect(await h.tasks(officer, 'checkin', [occ!.process_instance_id])).toEqual([]);
  }, 120_000);
});
