/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are read loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineOf } from '../../../runtime/src/engine/engine.module';
import { schedulerOf } from '../../../runtime/src/scheduler/scheduler.module';
import { FakeClock } from '../../../runtime/src/testing/FakeClock';
import { startContentServer, until, type ContentServer } from './contentServer';

const HOUR = 3_600_000;

describe('W2 → W9: a missed inspection (漏检) lowers the duty score (real engine, records worker, scheduler, rules)', { timeout: 180_000 }, () => {
  const clock = new FakeClock('2026-12-01T00:30:00.000Z');
  let s: ContentServer;
  beforeAll(async () => {
    process.env.SCHEDULER_TICK_MS = '0';
    s = await startContentServer({ clock });
  });
  afterAll(async () => {
    await s?.close();
    delete process.env.SCHEDULER_TICK_MS;
  });
  const ranking = async () => {
    const res = await s.api('districtBureauAdmin.1', 'GET', '/ledgers/safety_duty_ranking_enterprise/aggregate');
    expect(res.status, res.text).toBe(200);
    return Object.fromEntries((res.body.groups as any[]).map((g) => [g.orgId, g]));
  };
  // ended by a terminate end event (排查完成 / 漏检): any end state
  const ended = (id: string) => until(async () => (await s.runtime.deps.db.query<{ end_time: unknown }>('SELECT end_time FROM hist_process_instance WHERE id = ?', [id]))[0]?.end_time);
  const rounds = async (status: string) => {
    const res = await s.api('districtBureauAdmin.1', 'GET', `/ledgers/safety_inspection_round_ledger?filter[status][eq]=${status}`);
    return res;
  };

  it('records each round, and a round not done by its miss time costs its enterprise 5 points', async () => {
    // given a daily inspection of enterprises A and B (one round each at 09:00 +08:00, missed at 17:00)
    const res = await s.api('districtBureauAdmin.1', 'POST', '/schedules', {
      key: 'daily-fire', name: '每日消防检查', orgId: s.fx.orgs.D1.id,
      content: {
        cadence: { cron: '0 0 9 * * ?' }, window: { due: 'PT4H', miss: 'PT8H' },
        targets: { orgIds: [s.orgs.entA.id, s.orgs.entB.id], roles: ['safetyOfficer'] },
        action: { process: 'safety-inspection', variables: { checkInRequired: false, checklistKey: 'safety.inspection.fire' } },
      },
    });
    expect(res.status, res.text).toBe(201);
    const before = await ranking();
    expect(before[s.orgs.entA.id].outputs.score).toBe(before[s.orgs.entB.id].outputs.score);
    clock.set('2026-12-01T01:00:01.000Z');
    await schedulerOf(s.runtime.deps).tick();
    const occ = await s.runtime.deps.db.query<{ process_instance_id: string; target_org_id: string }>('SELECT process_instance_id, target_org_id FROM schedule_occurrence');
    const instanceOf = (orgId: string) => occ.find((o) => o.target_org_id === orgId)!.process_instance_id;
    // B's officer does the round (all items pass); A's does nothing
    const fill = await s.task(instanceOf(s.orgs.entB.id), 'fill');
    await s.submit('safetyB', fill, { extinguishers: { result: 'pass' }, exits: { result: 'pass' }, hydrants: { result: 'pass' }, alarm: { result: 'pass' }, electrical: { result: 'pass' }, signs: { result: 'pass' } });
    await ended(instanceOf(s.orgs.entB.id));
    // when the miss time passes
    clock.advance(8 * HOUR);
    await engineOf(s.runtime.deps).jobs.runDueJobs();
    await ended(instanceOf(s.orgs.entA.id));
    await schedulerOf(s.runtime.deps).tick();
    // then A's round is 漏检, B's done; the occurrences say the same
    const states = await s.runtime.deps.db.query<{ target_org_id: string; state: string }>('SELECT target_org_id, state FROM schedule_occurrence');
    expect(Object.fromEntries(states.map((o) => [o.target_org_id, o.state]))).toEqual({ [s.orgs.entA.id]: 'missed', [s.orgs.entB.id]: 'done' });
    const missed = await rounds('missed');
    expect(missed.status, missed.text).toBe(200);
    expect(missed.body.items.map((i: any) => [i.orgId, i.data.scheduleKey, i.data.checklistKey])).toEqual([[s.orgs.entA.id, 'daily-fire', 'safety.inspection.fire']]);
    expect((await rounds('done')).body.items.map((i: any) => [i.orgId, i.data.checklistPassed, i.data.hazardCount])).toEqual([[s.orgs.entB.id, true, 0]]);
    // and A's duty score is 5 points (params.missedPenalty) below B's
    const after = await ranking();
    expect(after[s.orgs.entA.id].measures.inspectionsMissed).toBe(1);
    expect(after[s.orgs.entB.id].measures.inspectionsMissed).toBe(0);
    expect(after[s.orgs.entA.id].outputs.missedDeduction).toBe(5);
    expect(after[s.orgs.entA.id].outputs.score).toBe(after[s.orgs.entB.id].outputs.score - 5);
    expect(after[s.orgs.entA.id].rank).toBeGreaterThan(after[s.orgs.entB.id].rank);
    // B's officer does not see A's rounds
    const own = await s.api('safetyB', 'GET', '/ledgers/safety_inspection_round_ledger');
    expect(own.body.items.map((i: any) => i.orgId)).toEqual([s.orgs.entB.id]);
  });
});
