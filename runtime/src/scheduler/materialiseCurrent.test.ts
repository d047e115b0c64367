import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/FakeClock';
import { seedMatrix, type MatrixFixture } from '../testing/seedMatrix';
import { startTestServer } from '../testing/startTestServer';
import { materialiseCurrent } from './materialiseCurrent';

describe('materialiseCurrent (the demo seed’s open occurrence of a schedule)', () => {
  // Sunday 2026-12-06 12:00 +08:00: a weekday schedule has no open occurrence
  const clock = new FakeClock('2026-12-06T04:00:00.000Z');
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let fx: MatrixFixture;
  const schedule = async (key: string) => {
    const res = await server.request('POST', '/api/v1/schedules', {
      token: fx.user('districtBureauAdmin', 1).token,
      body: {
        key, name: key, orgId: fx.orgs.D1.id,
        content: { cadence: { cron: '0 0 9 ? * MON-FRI' }, window: { due: 'PT8H', miss: 'PT14H' }, targets: { orgTypes: ['enterprise'], roles: ['safetyOfficer'] }, action: { process: 'safety-inspection' } },
      },
    });
    expect(res.status, res.text).toBe(201);
    return res.body.id as string;
  };
  const occurrences = (id: string) =>
    server.runtime.deps.db.query<{ occurrence_at: number; target_org_id: string; state: string; reason: string; due_at: number }>(
      'SELECT occurrence_at, target_org_id, state, reason, due_at FROM schedule_occurrence WHERE schedule_id = ? ORDER BY target_org_id', [id],
    );
  beforeAll(async () => {
    process.env.SCHEDULER_TICK_MS = '0';
    server = await startTestServer({ clock });
    fx = await seedMatrix(server, { prefix: 'mc' });
  });
  afterAll(async () => {
    await server?.close();
    await server?.dropDatabase();
    delete process.env.SCHEDULER_TICK_MS;
  });

  it('on a weekend makes nothing unless asked, then one pending occurrence per target at the current minute with the window', async () => {
    // given a weekday schedule over D1's enterprises
    const id = await schedule('weekday-fire');
    // when / then: nothing is open, so without orNow nothing is made
    expect(await materialiseCurrent(server.runtime.deps, id, { orNow: false })).toBeUndefined();
    // with orNow: the current minute, every enterprise under D1
    const made = await materialiseCurrent(server.runtime.deps, id, { orNow: true });
    expect(made).toEqual({ occurrenceAt: '2026-12-06T04:00:00.000Z', targets: 1, kind: 'now' });
    const rows = await occurrences(id);
    expect(rows.map((r) => [Number(r.occurrence_at), r.target_org_id, r.state, r.reason, Number(r.due_at)])).toEqual([
      [Date.parse('2026-12-06T04:00:00.000Z'), fx.orgs.E1.id, 'pending', 'demo', Date.parse('2026-12-06T12:00:00.000Z')],
    ]);
  });

  it('adds nothing to a schedule that has occurrences, even later on a weekday', async () => {
    // given the schedule above, on Monday 10:00 +08:00
    const [id] = (await server.runtime.deps.db.query<{ id: string }>(`SELECT id FROM schedule WHERE sched_key = 'weekday-fire'`)).map((r) => r.id);
    const fresh = await schedule('weekday-fire-2'); // made now: the fixture's access tokens do not outlive the clock move
    clock.set('2026-12-07T02:00:00.000Z');
    // when / then
    expect(await materialiseCurrent(server.runtime.deps, id!, { orNow: true })).toBeUndefined();
    expect(await occurrences(id!)).toHaveLength(1);
    // while a new schedule gets Monday's own 09:00 occurrence
    expect(await materialiseCurrent(server.runtime.deps, fresh, { orNow: true })).toEqual({ occurrenceAt: '2026-12-07T01:00:00.000Z', targets: 1, kind: 'current' });
  });
});
