/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/appendAudit';
import { bpmn } from '../engine/testing/bpmn';
import { startEngineServer, type EngineKit } from '../engine/testing/engineTestKit';
import { insertOrg } from '../orgs/orgCommands';
import type { OrgRow } from '../orgs/orgRow';
import { FakeClock } from '../testing/FakeClock';
import { seedMatrix, type MatrixFixture } from '../testing/seedMatrix';
import { schedulerOf } from './scheduler.module';

process.env.SCHEDULER_TICK_MS = '0'; // this file ticks by hand after moving the clock

const roundTask = bpmn(
  'schedRound',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
   <userTask id="check" name="Round" camunda:candidateGroups="\${candidateGroups}"/>
   <sequenceFlow id="f2" sourceRef="check" targetRef="end"/>
   <endEvent id="end"/>`,
);

describe('the scheduler (FakeClock, one node, restarts)', () => {
  const clock = new FakeClock('2026-11-30T12:00:00.000Z');
  let kit: EngineKit;
  let fx: MatrixFixture;
  let e1b: OrgRow;
  let scheduleId: string;
  let allId: string;
  const api = (method: string, path: string, token: string, body?: unknown) => kit.server.request(method, `/api/v1${path}`, { token, body });
  const login = async (username: string) => (await kit.server.request('POST', '/api/v1/auth/login', { body: { username, password: fx.password } })).body.accessToken as string;
  const tick = () => schedulerOf(kit.deps).tick();
  const occurrences = async (id: string) => (await occ0(id)).sort((a, b) => Number(a.occurrence_at) - Number(b.occurrence_at) || (a.target_org_id === fx.orgs.E1.id ? -1 : 1) - (b.target_org_id === fx.orgs.E1.id ? -1 : 1));
  const occ0 = async (id: string) =>
    kit.deps.db.query<{ occurrence_at: number | string; target_org_id: string; state: string; reason: string | null; process_instance_id: string | null }>(
      'SELECT occurrence_at, target_org_id, state, reason, process_instance_id, error FROM schedule_occurrence WHERE schedule_id = ? ORDER BY occurrence_at, target_org_path',
      [id],
    );
  const day = (v: number | string) => new Date(Number(v)).toISOString().slice(0, 10);

  beforeAll(async () => {
    kit = await startEngineServer({ clock });
    fx = await seedMatrix(kit.server, { prefix: 'sc' });
    const [s1] = await kit.deps.db.query<OrgRow>('SELECT * FROM org WHERE id = ?', [fx.orgs.S1.id]);
    e1b = await kit.deps.db.transaction((tx) => insertOrg(tx, kit.deps, SYSTEM_ACTOR, { parent: s1, type: 'enterprise', name: 'sc Enterprise 1b' }));
    const dep = await kit.deploy({ 'round.bpmn': roundTask }, { 'tenant-id': fx.orgs.C.id });
    expect(dep.status, dep.text).toBe(200);
    const district = fx.user('districtBureauAdmin', 1);
    const content = {
      cadence: { every: { n: 1, unit: 'days' }, anchor: '2026-12-01T00:00:00Z' },
      window: { due: 'PT8H', miss: 'P1D' },
      targets: { orgTypes: ['enterprise'], roles: ['safetyOfficer'] },
      action: { process: 'schedRound', variables: { checklistKey: 'fire' } },
      catchUp: 'latest',
    };
    const c = await api('POST', '/schedules', district.token, { key: 'daily-round', name: '每日巡查', orgId: fx.orgs.D1.id, content });
    expect(c.status, c.text).toBe(201);
    scheduleId = c.body.id;
    expect(c.body.nextAt).toBe('2026-12-01T00:00:00.000Z');
    const all = await api('POST', '/schedules', district.token, { key: 'daily-all', name: 'all', orgId: fx.orgs.D1.id, content: { ...content, targets: { orgIds: [fx.orgs.E1.id], roles: ['safetyOfficer'] }, catchUp: 'all' } });
    expect(all.status, all.text).toBe(201);
    allId = all.body.id;
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('refuses malformed content and targets outside the owner with the field named', async () => {
    const district = fx.user('districtBureauAdmin', 1);
    const bad = await api('POST', '/schedules', district.token, {
      key: 'bad', name: 'bad', orgId: fx.orgs.D1.id,
      content: { cadence: { cron: 'every day' }, targets: { orgTypes: ['enterprise'] }, action: { process: 'schedRound' }, catchUp: 'some' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('schedule.invalid');
    expect(bad.body.details.issues.map((i: any) => i.path)).toEqual(expect.arrayContaining(['content.cadence.cron', 'content.catchUp']));
    const outside = await api('POST', '/schedules', district.token, {
      key: 'outside', name: 'o', orgId: fx.orgs.D1.id,
      content: { cadence: { cron: '0 0 8 * * ?' }, targets: { orgIds: [fx.orgs.E2.id] }, action: { process: 'schedRound' } },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.code).toBe('schedule.target_outside_owner');
    // a safety officer has no engine.operate: no schedules
    expect((await api('POST', '/schedules', fx.user('safetyOfficer', 1).token, { key: 'x', name: 'x', content: {} })).status).toBe(403);
  });

  it('fires once per occurrence and target, each instance owned by its enterprise, and records done and missed', async () => {
    // when the first occurrence comes, the scheduler ticks twice
    clock.set('2026-12-01T00:00:05.000Z');
    await tick();
    await tick();
    // then one open occurrence per enterprise under D1 (E1, E1b), each with its own instance at that enterprise
    const occ = await occurrences(scheduleId);
    expect(occ.map((o) => [day(o.occurrence_at), o.target_org_id, o.state])).toEqual([
      ['2026-12-01', fx.orgs.E1.id, 'open'],
      ['2026-12-01', e1b.id, 'open'],
    ]);
    const paths = await kit.deps.db.query<{ id: string; org_path: string; business_key: string }>(
      `SELECT id, org_path, business_key FROM process_instance WHERE definition_key = 'schedRound' ORDER BY org_path`,
    );
    expect(paths.filter((p) => occ.some((o) => o.process_instance_id === p.id)).map((p) => p.org_path).sort()).toEqual([fx.orgs.E1.path, e1b.path].sort());
    // the enterprise's safety officer sees exactly their own round (candidate group from targets.roles)
    const officer = { username: fx.user('safetyOfficer', 1).username, password: fx.password };
    const tasks = await kit.rest('GET', '/task?processDefinitionKey=schedRound&candidateGroup=safetyOfficer', { as: officer });
    expect(tasks.status, tasks.text).toBe(200);
    const mine = occ.filter((o) => o.target_org_id === fx.orgs.E1.id).map((o) => o.process_instance_id);
    const alsoMine = (await occurrences(allId)).map((o) => o.process_instance_id); // the 'all' schedule targets E1 only
    expect(tasks.body.map((t: any) => t.processInstanceId).sort()).toEqual([...mine, ...alsoMine].sort());
    // the instance has the window variables
    const vars = await kit.rest('GET', `/process-instance/${mine[0]}/variables`);
    expect(vars.body.dueAt.value).toBe('2026-12-01T08:00:00.000Z');
    expect(vars.body.missAt.value).toBe('2026-12-02T00:00:00.000Z');
    expect(vars.body.targetOrgId.value).toBe(fx.orgs.E1.id);
    expect(vars.body.checklistKey.value).toBe('fire');

    // when E1 does its round in time (E1b does not), and the next day comes
    clock.set('2026-12-01T02:00:00.000Z');
    const e1Task = tasks.body.find((t: any) => t.processInstanceId === occ[0]!.process_instance_id);
    expect((await kit.rest('POST', `/task/${e1Task.id}/complete`, { as: officer, body: {} })).status).toBe(204);
    await tick();
    clock.set('2026-12-02T00:00:01.000Z');
    await tick();
    // then E1 done, E1b missed (漏检), and the second day's occurrences open
    const after = await occurrences(scheduleId);
    expect(after.map((o) => [day(o.occurrence_at), o.target_org_id, o.state])).toEqual([
      ['2026-12-01', fx.orgs.E1.id, 'done'],
      ['2026-12-01', e1b.id, 'missed'],
      ['2026-12-02', fx.orgs.E1.id, 'open'],
      ['2026-12-02', e1b.id, 'open'],
    ]);
    const token = await login(fx.user('safetyOfficer', 1).username);
    const missed = await api('GET', `/schedules/occurrences?state=missed&scheduleId=${scheduleId}`, token);
    expect(missed.status, missed.text).toBe(200);
    expect(missed.body.total).toBe(0); // E1's officer does not see E1b's miss
    const districtMissed = await api('GET', `/schedules/occurrences?state=missed&scheduleId=${scheduleId}`, await login(fx.user('districtBureauAdmin', 1).username));
    expect(districtMissed.body.items.map((o: any) => o.targetOrgId)).toEqual([e1b.id]);
  });

  it('skips and records occurrences of a paused (检修) target', async () => {
    const token = await login(fx.user('districtBureauAdmin', 1).username);
    const p = await api('POST', '/schedule-pauses', token, { orgId: e1b.id, kind: 'maintenance', from: '2026-12-02T12:00:00Z', to: '2026-12-03T12:00:00Z', reason: '年度检修' });
    expect(p.status, p.text).toBe(201);
    clock.set('2026-12-03T00:00:01.000Z');
    await tick();
    const third = (await occurrences(scheduleId)).filter((o) => day(o.occurrence_at) === '2026-12-03');
    expect(third.map((o) => [o.target_org_id, o.state, o.reason])).toEqual([
      [fx.orgs.E1.id, 'open', null],
      [e1b.id, 'skipped', 'paused:maintenance'],
    ]);
  });

  it('survives a 3-day downtime: catch-up latest fires only the current day, all fires every day, none twice', async () => {
    // given the node stops after the 12-03 tick and comes back 3 days later
    const reuse = { dataDir: kit.server.dataDir, databaseUrl: kit.server.databaseUrl };
    const before = (await occurrences(allId)).length;
    await kit.server.close();
    clock.set('2026-12-06T00:30:00.000Z');
    kit = await startEngineServer({ clock, reuse });
    // when it ticks (twice, and concurrently)
    await Promise.all([tick(), tick()]);
    await tick();
    // then 'latest': 12-04 and 12-05 recorded as skipped by catch-up, 12-06 open
    const latest = (await occurrences(scheduleId)).filter((o) => day(o.occurrence_at) >= '2026-12-04');
    expect(latest.map((o) => [day(o.occurrence_at), o.target_org_id === e1b.id ? 'E1b' : 'E1', o.state, o.reason])).toEqual([
      ['2026-12-04', 'E1', 'skipped', 'catch_up:latest'],
      ['2026-12-04', 'E1b', 'skipped', 'catch_up:latest'],
      ['2026-12-05', 'E1', 'skipped', 'catch_up:latest'],
      ['2026-12-05', 'E1b', 'skipped', 'catch_up:latest'],
      ['2026-12-06', 'E1', 'open', null],
      ['2026-12-06', 'E1b', 'open', null],
    ]);
    // 'all': one instance per missed day (their windows are over: missed right away, except today's)
    const all = (await occurrences(allId)).slice(before);
    expect(all.map((o) => [day(o.occurrence_at), o.state])).toEqual([
      ['2026-12-04', 'missed'],
      ['2026-12-05', 'missed'],
      ['2026-12-06', 'open'],
    ]);
    expect(all.every((o) => o.process_instance_id)).toBe(true);
    // and no occurrence or instance twice
    const dup = await kit.deps.db.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM (SELECT schedule_id, occurrence_at, target_org_id FROM schedule_occurrence GROUP BY schedule_id, occurrence_at, target_org_id HAVING COUNT(*) > 1) x`,
    );
    expect(Number(dup[0]!.n)).toBe(0);
    const started = await kit.deps.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM hist_process_instance WHERE definition_key = 'schedRound'`);
    const withInstance = await kit.deps.db.query<{ n: number | string }>(`SELECT COUNT(DISTINCT process_instance_id) AS n FROM schedule_occurrence WHERE process_instance_id IS NOT NULL`);
    expect(Number(started[0]!.n)).toBe(Number(withInstance[0]!.n));
  });
});
