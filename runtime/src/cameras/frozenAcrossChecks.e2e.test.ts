import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeTestClip, serveRtspCamera, type RtspTestCamera } from '@safeflow/plugin-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/appendAudit';
import { bpmn } from '../engine/testing/bpmn';
import { startEngineServer, until, type Creds, type EngineKit } from '../engine/testing/engineTestKit';
import { setEntitlements } from '../entitlements/entitlements.route';
import { FakeClock } from '../testing/FakeClock';

const MIN = 60_000;

/** One frame per check: the within-check frozen test (frame differences) cannot fire, only the one across checks. */
const check = bpmn(
  'oneFrameCheck',
  `<startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="diagnose"/>
   <serviceTask id="diagnose" camunda:type="external" camunda:topic="video-diagnose">
     <extensionElements><camunda:properties><camunda:property name="frames" value="1"/></camunda:properties></extensionElements>
   </serviceTask>
   <sequenceFlow id="f2" sourceRef="diagnose" targetRef="end"/><endEvent id="end"/>`,
);

describe('frozen picture across checks: live RTSP cameras, the previous picture kept in the database, FakeClock', () => {
  const clock = new FakeClock('2026-12-01T01:00:00.000Z');
  let kit: EngineKit;
  let officer: Creds;
  let tenant: string;
  let dir: string;
  const rtsp: RtspTestCamera[] = [];
  const cams: Record<string, string> = {};
  const api = (method: string, p: string, body?: unknown) =>
    kit.server.request(method, `/api/v1${p}`, { body, headers: { authorization: `Basic ${Buffer.from(`${officer.username}:${officer.password}`).toString('base64')}` } });
  /** Runs one check of `camera` to its end; returns its faults and how long the picture has not changed. */
  const runCheck = async (camera: string) => {
    const pi = await kit.start('oneFrameCheck', { variables: { cameraId: { value: camera, type: 'String' } } });
    await until(async () => (await kit.rest('GET', `/history/process-instance?processInstanceId=${pi.id}`)).body[0]?.state === 'COMPLETED', 30_000);
    const [row] = await kit.deps.db.query<{ faults: string; metrics: string }>('SELECT faults, metrics FROM camera_health WHERE process_instance_id = ?', [pi.id]);
    return { faults: JSON.parse(row!.faults) as string[], frozenForMs: (JSON.parse(row!.metrics) as { frozenForMs: number }).frozenForMs };
  };

  beforeAll(async () => {
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-frozen-'));
    const [still, live] = await Promise.all([
      makeTestClip(path.join(dir, 'still.mp4'), { lavfi: 'smptebars=size=320x240:rate=10' }),
      // a moving pattern, looped every 17 s: two grabs seconds apart do not land on the same frame of the loop
      makeTestClip(path.join(dir, 'live.mp4'), { lavfi: 'testsrc2=size=320x240:rate=10', seconds: 17 }),
    ]);
    rtsp.push(await serveRtspCamera(still, 'still'), await serveRtspCamera(live, 'live'));
    kit = await startEngineServer({ clock });
    tenant = await kit.createTenant('冻结检测企业');
    officer = await kit.createUser('frozen.officer', { tenantId: tenant, role: 'safetyOfficer' });
    await kit.deps.db.transaction((tx) => setEntitlements(tx, kit.deps, SYSTEM_ACTOR, { id: tenant, path: `/${tenant}/` }, ['videoDiagnostics']));
    for (const [name, cam] of [['still', rtsp[0]!], ['live', rtsp[1]!]] as const) {
      const res = await api('POST', '/cameras', { orgId: tenant, name, source: { kind: 'rtsp', url: cam.url } });
      expect(res.status, res.text).toBe(201);
      cams[name] = res.body.id;
    }
    const dep = await kit.deploy({ 'check.bpmn': check }, { 'tenant-id': tenant });
    expect(dep.status, dep.text).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await kit?.close();
    for (const r of rtsp) await r.close();
    delete process.env.SAFEFLOW_INPROCESS_WORKERS;
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('flags the still stream frozen once checks have seen the same picture for 10 minutes; the live stream never; a changed picture starts over', async () => {
    // given checks at 0, 6 and 12 minutes (default frozenAfterMs: 10 minutes)
    const still: Awaited<ReturnType<typeof runCheck>>[] = [];
    const live: Awaited<ReturnType<typeof runCheck>>[] = [];
    for (const step of [0, 6, 6]) {
      clock.advance(step * MIN);
      still.push(await runCheck(cams.still!));
      live.push(await runCheck(cams.live!));
    }
    // then the still camera is frozen at the third check only, 12 minutes after the first sight
    expect(still.map((c) => c.faults.includes('frozen'))).toEqual([false, false, true]);
    expect(still.map((c) => c.frozenForMs)).toEqual([0, 6 * MIN, 12 * MIN]);
    expect(live.map((c) => c.faults)).toEqual([[], [], []]);
    expect(live.map((c) => c.frozenForMs)).toEqual([0, 0, 0]);
    // and the state lives in the database (every node reads the same)
    const [row] = await kit.deps.db.query<{ since: number | string; seen_at: number | string }>('SELECT since, seen_at FROM camera_picture WHERE camera_id = ?', [cams.still]);
    expect(Number(row!.seen_at) - Number(row!.since)).toBe(12 * MIN);
    // when the stored picture differs from what the camera shows now, the run starts over
    await kit.deps.db.transaction((tx) => tx.execute("UPDATE camera_picture SET signature = '80:AAAA' WHERE camera_id = ?", [cams.still]));
    clock.advance(MIN);
    const after = await runCheck(cams.still!);
    expect(after).toEqual({ faults: [], frozenForMs: 0 });
  }, 180_000);
});
