import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeTestClip } from '@safeflow/plugin-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/appendAudit';
import { startEngineServer, until, type Creds, type EngineKit } from '../engine/testing/engineTestKit';
import { setEntitlements } from '../entitlements/entitlements.route';
import { FakeClock } from '../testing/FakeClock';

const HOUR = 3_600_000;

describe('a patrol route’s timer start fires under a FakeClock and checks the route’s cameras in route order', () => {
  const clock = new FakeClock('2026-12-01T00:30:00.000Z');
  let kit: EngineKit;
  let officer: Creds;
  let tenant: string;
  let dir: string;
  const cams: Record<string, string> = {};
  const api = (method: string, p: string, body?: unknown) =>
    kit.server.request(method, `/api/v1${p}`, { body, headers: { authorization: `Basic ${Buffer.from(`${officer.username}:${officer.password}`).toString('base64')}` } });
  const instancesOf = async (key: string) => (await kit.rest('GET', `/history/process-instance?processDefinitionKey=${key}`)).body as { id: string; state: string }[];
  const checked = async (pi: string) =>
    (await kit.deps.db.query<{ camera_id: string; status: string }>('SELECT camera_id, status FROM camera_health WHERE process_instance_id = ?', [pi])).map((r) => [r.camera_id, r.status]);
  const advance = async (ms: number) => {
    clock.advance(ms);
    for (let i = 0; i < 3; i++) await kit.engine.jobs.runDueJobs();
  };

  beforeAll(async () => {
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    process.env.SCHEDULER_TICK_MS = '0';
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-patrol-timer-'));
    const [clean, black] = await Promise.all([
      makeTestClip(path.join(dir, 'clean.mp4'), { lavfi: 'testsrc2=size=320x240:rate=10' }),
      makeTestClip(path.join(dir, 'black.mp4'), { lavfi: 'color=c=black:size=320x240:rate=10' }),
    ]);
    kit = await startEngineServer({ clock });
    tenant = await kit.createTenant('定时巡检企业');
    officer = await kit.createUser('timer.officer', { tenantId: tenant, role: 'safetyOfficer' });
    await kit.deps.db.transaction((tx) => setEntitlements(tx, kit.deps, SYSTEM_ACTOR, { id: tenant, path: `/${tenant}/` }, ['videoDiagnostics']));
    for (const [name, file] of [['black', black], ['clean', clean]] as const) {
      const res = await api('POST', '/cameras', { orgId: tenant, name, source: { kind: 'file', path: file }, zone: { name: '罐区', risk: 'red' } });
      expect(res.status, res.text).toBe(201);
      cams[name] = res.body.id;
    }
  }, 120_000);
  afterAll(async () => {
    await kit?.close();
    delete process.env.SAFEFLOW_INPROCESS_WORKERS;
    delete process.env.SCHEDULER_TICK_MS;
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('starts nothing before the hour, then one patrol per cycle; the black camera (first) is checked and holds the patrol in its work order while the clean one (second) waits', async () => {
    // given an hourly route: black first, then clean
    const route = await api('POST', '/patrol-routes', { orgId: tenant, name: '罐区定时巡检', cameraIds: [cams.black, cams.clean], taskTopic: 'video-diagnose', taskConfig: { intervalMs: '200', frames: '2' }, schedule: 'R/PT1H' });
    expect(route.status, route.text).toBe(201);
    const key = route.body.processKey as string;
    expect(key).toMatch(/^patrol_[0-9a-f]{12}$/);
    // when 59 minutes pass nothing starts
    await advance(59 * 60_000);
    expect(await instancesOf(key)).toEqual([]);
    // when the hour is reached the timer start fires once
    await advance(60_000);
    const [first] = await until(async () => {
      const list = await instancesOf(key);
      return list.length ? list : null;
    }, 10_000);
    expect(await instancesOf(key)).toHaveLength(1);
    // then the first stop is the black camera: checked, faulty, its work order open — the clean camera is not checked yet (sequential, route order)
    const [order] = await until(async () => {
      const res = await kit.rest('GET', `/task?processInstanceId=${first!.id}&taskDefinitionKey=workOrder`);
      return res.body.length ? res.body : null;
    }, 30_000);
    expect((await kit.rest('GET', `/task/${order.id}/variables`)).body.cameraId.value).toBe(cams.black);
    expect(await checked(first!.id)).toEqual([[cams.black, 'fault']]);
    // when the work order is done, the second stop checks the clean camera and the patrol ends
    expect((await kit.rest('POST', `/task/${order.id}/complete`, { body: {} })).status).toBe(204);
    await until(async () => (await instancesOf(key)).find((i) => i.id === first!.id)?.state === 'COMPLETED', 30_000);
    // (both checks carry the same FakeClock time, so the order was shown above; here both are there)
    expect((await checked(first!.id)).sort((a, b) => (a[0] === cams.black ? -1 : b[0] === cams.black ? 1 : 0))).toEqual([[cams.black, 'fault'], [cams.clean, 'ok']]);
    // and the route's patrol record shows the scheduled run, what it found, and its progress as 立即巡检 polls it
    const runs = await api('GET', `/patrol-routes/${route.body.id}/runs`);
    expect(runs.status, runs.text).toBe(200);
    expect(runs.body).toMatchObject({ stopsTotal: 2, items: [{ processInstanceId: first!.id, trigger: 'schedule', state: 'completed', stopsDone: 2, workOrders: 1, alarms: 0 }] });
    expect(Date.parse(runs.body.items[0].endedAt)).toBeGreaterThanOrEqual(Date.parse(runs.body.items[0].startedAt));
    const status = await api('GET', `/patrol-routes/${route.body.id}/runs/${first!.id}`);
    expect(status.status, status.text).toBe(200);
    expect(status.body).toEqual({ processInstanceId: first!.id, ended: true, stopsDone: 2, stopsTotal: 2 });
    // and the next hour starts the next patrol (the cycle repeats), listed first; a patrol by hand is listed as manual
    await advance(HOUR);
    await until(async () => (await instancesOf(key)).length === 2, 10_000);
    clock.advance(60_000); // a minute later
    const now = await api('POST', `/patrol-routes/${route.body.id}/run`, {});
    expect(now.status, now.text).toBe(201);
    const after = (await api('GET', `/patrol-routes/${route.body.id}/runs?maxResults=2`)).body as { items: { processInstanceId: string; trigger: string; state: string }[] };
    expect(after.items.map((r) => [r.trigger, r.state])).toEqual([['manual', 'running'], ['schedule', 'running']]);
    expect(after.items[0]!.processInstanceId).toBe(now.body.processInstanceId);
    expect((await api('GET', `/patrol-routes/${route.body.id}/runs?maxResults=0`)).status).toBe(400);
  }, 120_000);
});
