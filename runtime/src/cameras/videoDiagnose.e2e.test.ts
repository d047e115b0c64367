import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestClip } from '@safeflow/plugin-kit/testing';
import { SYSTEM_ACTOR } from '../audit/appendAudit';
import { bpmn } from '../engine/testing/bpmn';
import { setEntitlements } from '../entitlements/entitlements.route';
import { startEngineServer, until, type Creds, type EngineKit } from '../engine/testing/engineTestKit';

/** start → video-diagnose (camera from `cameraId`) → work order when the camera fails → end. */
const diagnoseProcess = bpmn(
  'cameraCheck',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="diagnose"/>
   <serviceTask id="diagnose" name="视频诊断" camunda:type="external" camunda:topic="video-diagnose">
     <extensionElements><camunda:properties><camunda:property name="frames" value="2"/><camunda:property name="intervalMs" value="500"/></camunda:properties></extensionElements>
   </serviceTask>
   <sequenceFlow id="f2" sourceRef="diagnose" targetRef="gw"/>
   <exclusiveGateway id="gw" default="f4"/>
   <sequenceFlow id="f3" sourceRef="gw" targetRef="workOrder"><conditionExpression>\${workOrder == true}</conditionExpression></sequenceFlow>
   <sequenceFlow id="f4" sourceRef="gw" targetRef="end"/>
   <userTask id="workOrder" name="摄像头维修工单" camunda:candidateGroups="safetyOfficer"/>
   <sequenceFlow id="f5" sourceRef="workOrder" targetRef="end"/>
   <endEvent id="end"/>`,
);

describe('video-diagnose through the engine (in-process plugin worker, real client, ffmpeg)', () => {
  let kit: EngineKit;
  let officer: Creds;
  let tenant: string;
  let dir: string;
  const cams: Record<string, string> = {};
  const api = (method: string, p: string, body?: unknown) =>
    kit.server.request(method, `/api/v1${p}`, { body, headers: { authorization: `Basic ${Buffer.from(`${officer.username}:${officer.password}`).toString('base64')}` } });
  const vars = async (pi: string) => (await kit.rest('GET', `/process-instance/${pi}/variables`)).body;
  const ended = (pi: string) => until(async () => (await kit.rest('GET', `/history/process-instance?processInstanceId=${pi}`)).body[0]?.state === 'COMPLETED', 20_000);

  beforeAll(async () => {
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-vd-'));
    const [clean, black] = await Promise.all([
      makeTestClip(path.join(dir, 'clean.mp4'), { lavfi: 'testsrc2=size=320x240:rate=10' }),
      makeTestClip(path.join(dir, 'black.mp4'), { lavfi: 'color=c=black:size=320x240:rate=10' }),
    ]);
    kit = await startEngineServer();
    tenant = await kit.createTenant('企业A');
    officer = await kit.createUser('officer', { tenantId: tenant, role: 'safetyOfficer' });
    await kit.deps.db.transaction((tx) => setEntitlements(tx, kit.deps, SYSTEM_ACTOR, { id: tenant, path: `/${tenant}/` }, ['videoDiagnostics']));
    for (const [name, file] of [['clean', clean], ['black', black]]) {
      const res = await api('POST', '/cameras', { orgId: tenant, name, source: { kind: 'file', path: file }, zone: { name: '罐区', risk: 'red' } });
      expect(res.status, res.text).toBe(201);
      cams[name] = res.body.id;
    }
    const dep = await kit.deploy({ 'camera-check.bpmn': diagnoseProcess }, { 'tenant-id': tenant });
    expect(dep.status, dep.text).toBe(200);
  });
  afterAll(async () => {
    delete process.env.SAFEFLOW_INPROCESS_WORKERS;
    await kit?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a black camera: no_signal, frozen, and a work-order task appears for the safety officers', async () => {
    // when
    const pi = await kit.start('cameraCheck', { variables: { cameraId: { value: cams.black, type: 'String' } } });
    // then
    const [order] = await until(async () => {
      const res = await kit.rest('GET', `/task?processInstanceId=${pi.id}&taskDefinitionKey=workOrder`);
      return res.body.length ? res.body : null;
    }, 20_000);
    expect(order.name).toBe('摄像头维修工单');
    const v = await vars(pi.id);
    expect(v.healthy.value).toBe(false);
    expect(v.faults.type).toBe('Json');
    expect(JSON.parse(v.faults.value)).toEqual(['no_signal', 'frozen']);
    expect(v.cameraName.value).toBe('black');
    const log = await kit.deps.db.query<{ status: string; faults: string; process_instance_id: string }>('SELECT status, faults, process_instance_id FROM camera_health WHERE camera_id = ?', [cams.black]);
    expect(log).toEqual([{ status: 'fault', faults: '["no_signal","frozen"]', process_instance_id: pi.id }]);
  });

  it('a clean camera: healthy, no work order, the instance ends', async () => {
    const pi = await kit.start('cameraCheck', { variables: { cameraId: { value: cams.clean, type: 'String' } } });
    await ended(pi.id);
    const hist = await kit.rest('GET', `/history/variable-instance?processInstanceId=${pi.id}&variableName=healthy`);
    expect(hist.body[0].value).toBe(true);
    expect((await kit.rest('GET', `/history/task?processInstanceId=${pi.id}`)).body).toEqual([]);
  });

  it('a patrol route over both cameras runs video-diagnose at each stop and opens one work order, for the black camera', async () => {
    // given
    const route = await api('POST', '/patrol-routes', {
      orgId: tenant, name: '罐区巡检', cameraIds: [cams.clean, cams.black], taskTopic: 'video-diagnose', taskConfig: { intervalMs: '500' }, schedule: 'R/PT4H',
    });
    expect(route.status, route.text).toBe(201);
    expect(route.body).toMatchObject({ cameraIds: [cams.clean, cams.black], taskTopic: 'video-diagnose', schedule: 'R/PT4H', definitionId: expect.any(String) });
    const xml = (await kit.rest('GET', `/process-definition/${route.body.definitionId}/xml`)).body.bpmn20Xml as string;
    expect(xml).toContain('<timeCycle>R/PT4H</timeCycle>');
    expect(xml).toContain('camunda:collection="${cameraIds}"');
    // when
    const run = await api('POST', `/patrol-routes/${route.body.id}/run`, {});
    expect(run.status, run.text).toBe(201);
    const pi = run.body.processInstanceId as string;
    // then
    const [order] = await until(async () => {
      const res = await kit.rest('GET', `/task?processInstanceId=${pi}&taskDefinitionKey=workOrder`);
      return res.body.length ? res.body : null;
    }, 30_000);
    const local = (await kit.rest('GET', `/task/${order.id}/variables`)).body;
    expect(local.cameraId.value).toBe(cams.black);
    const checks = await kit.deps.db.query<{ camera_id: string; status: string }>('SELECT camera_id, status FROM camera_health WHERE process_instance_id = ? ORDER BY at, camera_id', [pi]);
    expect(checks.map((c) => [c.camera_id, c.status])).toEqual([[cams.clean, 'ok'], [cams.black, 'fault']]);
    // when the work order is done, the patrol ends
    expect((await kit.rest('POST', `/task/${order.id}/complete`, { body: {} })).status).toBe(204);
    await ended(pi);
  });

  it('the daily health report lists both cameras with their status and faults', async () => {
    const date = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const res = await api('GET', `/cameras/health-report?date=${date}`);
    expect(res.status, res.text).toBe(200);
    const byName = Object.fromEntries(res.body.items.map((i: { name: string }) => [i.name, i]));
    expect(byName.black).toMatchObject({ status: 'fault', faults: ['frozen', 'no_signal'], zone: { risk: 'red' } });
    expect(byName.black.checks).toBeGreaterThanOrEqual(2);
    expect(byName.clean).toMatchObject({ status: 'ok', faults: [] });
    expect(res.body.summary).toMatchObject({ cameras: 2, checked: 2, ok: 1, fault: 1, offline: 0 });
  });

  it('refuses a patrol route whose task type nobody serves, or with a camera of another tenant', async () => {
    const bad = await api('POST', '/patrol-routes', { orgId: tenant, name: 'x', cameraIds: [cams.clean], taskTopic: 'nobody-serves-this' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('patrol_route.unknown_task_type');
    const ghost = await api('POST', '/patrol-routes', { orgId: tenant, name: 'x', cameraIds: ['00000000-0000-0000-0000-000000000000'], taskTopic: 'video-diagnose' });
    expect(ghost.body.code).toBe('patrol_route.unknown_camera');
  });
});
