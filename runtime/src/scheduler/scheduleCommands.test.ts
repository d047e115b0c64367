import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineServer, type EngineKit } from '../engine/testing/engineTestKit';
import { FakeClock } from '../testing/FakeClock';
import { seedMatrix, type MatrixFixture } from '../testing/seedMatrix';

process.env.SCHEDULER_TICK_MS = '0'; // nothing here needs the scheduler to fire

describe('schedule writes (POST /schedules, POST /schedule-pauses): one unit of work with its audit entry', () => {
  const clock = new FakeClock('2026-11-30T12:00:00.000Z');
  let kit: EngineKit;
  let fx: MatrixFixture;
  let other: MatrixFixture;
  const api = (method: string, path: string, token: string, body?: unknown) => kit.server.request(method, `/api/v1${path}`, { token, body });
  const audit = (action: string) =>
    kit.deps.db.query<{ actor_id: string; actor_name: string; org_id: string; target_type: string; target_id: string }>(
      'SELECT actor_id, actor_name, org_id, target_type, target_id FROM audit_log WHERE action = ? ORDER BY seq', [action],
    );
  const content = () => ({
    cadence: { cron: '0 0 8 * * ?' }, window: { due: 'PT8H', miss: 'P1D' },
    targets: { orgIds: [fx.orgs.E1.id], roles: ['safetyOfficer'] }, action: { process: 'schedRound' },
  });

  beforeAll(async () => {
    kit = await startEngineServer({ clock });
    fx = await seedMatrix(kit.server, { prefix: 'scA' });
    other = await seedMatrix(kit.server, { prefix: 'scB' });
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('creates a schedule audited as its creator; the same key again is 409 schedule.exists and writes nothing', async () => {
    // given
    const district = fx.user('districtBureauAdmin', 1);
    // when
    const created = await api('POST', '/schedules', district.token, { key: 'uow-round', name: '巡查', orgId: fx.orgs.D1.id, content: content() });
    const again = await api('POST', '/schedules', district.token, { key: 'uow-round', name: '巡查 2', orgId: fx.orgs.D1.id, content: content() });
    // then
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ key: 'uow-round', orgId: fx.orgs.D1.id, source: 'api', revision: 1 });
    expect(await audit('schedule.create')).toEqual([
      { actor_id: district.id, actor_name: district.username, org_id: fx.orgs.D1.id, target_type: 'schedule', target_id: created.body.id },
    ]);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('schedule.exists');
    const rows = await kit.deps.db.query<{ name: string }>("SELECT name FROM schedule WHERE sched_key = 'uow-round'");
    expect(rows.map((r) => r.name)).toEqual(['巡查']);
  });

  it('pauses an org subtree audited as its creator; refuses an empty period and another enterprise’s org without writing', async () => {
    // given
    const district = fx.user('districtBureauAdmin', 1);
    const period = { kind: 'maintenance', from: '2026-12-02T12:00:00Z', to: '2026-12-03T12:00:00Z', reason: '年度检修' };
    // when
    const paused = await api('POST', '/schedule-pauses', district.token, { orgId: fx.orgs.E1.id, ...period });
    const empty = await api('POST', '/schedule-pauses', district.token, { orgId: fx.orgs.E1.id, ...period, to: period.from });
    const foreign = await api('POST', '/schedule-pauses', district.token, { orgId: other.orgs.E1.id, ...period });
    // then
    expect(paused.status, paused.text).toBe(201);
    expect(paused.body).toEqual({ id: expect.any(String), orgId: fx.orgs.E1.id, kind: 'maintenance', from: '2026-12-02T12:00:00.000Z', to: '2026-12-03T12:00:00.000Z' });
    expect(await audit('schedule.pause')).toEqual([
      { actor_id: district.id, actor_name: district.username, org_id: fx.orgs.E1.id, target_type: 'schedule_pause', target_id: paused.body.id },
    ]);
    expect([empty.status, empty.body.code]).toEqual([400, 'schedule.pause_invalid']);
    expect(foreign.status).toBe(404);
    const pauses = await kit.deps.db.query<{ id: string }>('SELECT id FROM schedule_pause');
    expect(pauses.map((p) => p.id)).toEqual([paused.body.id]);
  });
});
