import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildColourPatchModel, cellBox, syntheticPng } from '@safeflow/plugin-ai-detect';
import { makeStillClip } from '@safeflow/plugin-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/appendAudit';
import { startEngineServer, until, type Creds, type EngineKit } from '../engine/testing/engineTestKit';
import { setEntitlements } from '../entitlements/entitlements.route';
import { MODULE_KEYS } from '../entitlements/moduleKeys';
import { installDispatchPack } from './testing/installDispatchPack';

const W = 1280;
const H = 720;
const person = cellBox(W, H, 640, 32, 6, 8);

describe('patrol route with ai-detect: each alarm opens its own review without holding the route; the review confirms, dispatches or dismisses', () => {
  let kit: EngineKit;
  let officer: Creds;
  let stranger: Creds;
  let tenant: string;
  let dir: string;
  const cams: string[] = [];
  const api = (method: string, p: string, body?: unknown, as: Creds = officer) =>
    kit.server.request(method, `/api/v1${p}`, { body, headers: { authorization: `Basic ${Buffer.from(`${as.username}:${as.password}`).toString('base64')}` } });

  beforeAll(async () => {
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-patrol-alarm-'));
    const png = path.join(dir, 'scene.png');
    fs.writeFileSync(png, await syntheticPng(W, H, [{ colour: 'red', box: person }]));
    const clip = await makeStillClip(png, path.join(dir, 'gate.mp4'));
    kit = await startEngineServer();
    tenant = await kit.createTenant('巡检告警企业');
    officer = await kit.createUser('alarm.officer', { tenantId: tenant, role: 'safetyOfficer' });
    const strangers = await kit.createTenant('别的企业');
    await kit.entitle(strangers); // entitled, so what refuses it below is the alarm's scope
    stranger = await kit.createUser('alarm.stranger', { tenantId: strangers, role: 'safetyOfficer' });
    await kit.deps.db.transaction((tx) => setEntitlements(tx, kit.deps, SYSTEM_ACTOR, { id: tenant, path: `/${tenant}/` }, [...MODULE_KEYS]));
    for (const [name, x, y] of [['1号门', 300, 200], ['2号门', 640, 410]] as const) {
      const cam = await api('POST', '/cameras', { orgId: tenant, name, source: { kind: 'file', path: clip }, location: { x, y } });
      expect(cam.status, cam.text).toBe(201);
      cams.push(cam.body.id);
    }
    const form = new FormData();
    for (const [k, v] of Object.entries({ orgId: tenant, key: 'ppe', labels: 'person,safehat', licence: 'test-only' })) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(buildColourPatchModel({ classes: [{ label: 'person', colour: 'red', stride: 32 }, { label: 'safehat', colour: 'green', stride: 16 }] }))]), 'ppe.onnx');
    const model = await kit.server.request('POST', '/api/v1/ai/models', { headers: { authorization: `Basic ${Buffer.from(`${officer.username}:${officer.password}`).toString('base64')}` }, rawBody: form });
    expect(model.status, model.text).toBe(201);
    await installDispatchPack(kit.deps, tenant);
  }, 180_000);
  afterAll(async () => {
    await kit?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    delete process.env.SAFEFLOW_INPROCESS_WORKERS;
  }, 120_000);

  it('runs both cameras, opens a review per alarm, dispatches the first (placed at its camera), dismisses the second', async () => {
    // given a route over two cameras that both see a person without a helmet
    const route = await api('POST', '/patrol-routes', { orgId: tenant, name: '大门 AI 巡检', cameraIds: cams, taskTopic: 'ai-detect', taskConfig: { model: 'ppe', rule: 'no-helmet', source: 'camera' } });
    expect(route.status, route.text).toBe(201);
    // when it runs
    const run = await api('POST', `/patrol-routes/${route.body.id}/run`, {});
    expect(run.status, run.text).toBe(201);
    const patrol = run.body.processInstanceId as string;
    // then the patrol checks both cameras and ends while the two alarms wait for review
    await until(async () => (await kit.rest('GET', `/history/process-instance?processInstanceId=${patrol}`)).body[0]?.state === 'COMPLETED', 60_000);
    const alarms = await until(async () => {
      const items = (await api('GET', '/ai/alarms')).body.items as { id: string; cameraId: string; processInstanceId: string; revision: number; status: string }[];
      return items.length === 2 && items.every((a) => a.processInstanceId !== patrol) ? items : undefined;
    }, 30_000);
    const [first, second] = cams.map((c) => alarms.find((a) => a.cameraId === c)!);
    // the route's patrol record counts both alarms sent to review (the review instances are not patrols of the route)
    const record = await api('GET', `/patrol-routes/${route.body.id}/runs`);
    expect(record.body).toEqual({ stopsTotal: 2, items: [expect.objectContaining({ processInstanceId: patrol, trigger: 'manual', state: 'completed', stopsDone: 2, alarms: 2, workOrders: 0 })] });
    for (const a of [first!, second!]) {
      const task = await until(async () => ((await kit.rest('GET', `/task?processInstanceId=${a.processInstanceId}`, { as: officer })).body as { taskDefinitionKey: string }[])[0], 20_000);
      expect(task.taskDefinitionKey).toBe('review');
    }
    // another enterprise can neither see nor review the alarm; a non-boolean dispatch is refused
    expect((await api('POST', `/ai/alarms/${first!.id}/review`, { confirmed: true, dispatch: true, revision: first!.revision }, stranger)).status).toBe(404);
    expect((await api('POST', `/ai/alarms/${first!.id}/review`, { confirmed: true, dispatch: 'yes', revision: first!.revision })).status).toBe(400);

    // when the first is confirmed with dispatch
    const fresh = (await api('GET', `/ai/alarms/${first!.id}`)).body;
    const dispatched = await api('POST', `/ai/alarms/${first!.id}/review`, { confirmed: true, dispatch: true, revision: fresh.revision });
    expect(dispatched.status, dispatched.text).toBe(200);
    // then safety-dispatch runs as its child with the alarm as its source, at the first camera's plan position
    const [child] = await until(async () => {
      const rows = await kit.deps.db.query<{ id: string }>("SELECT id FROM process_instance WHERE super_instance_id = ? AND definition_key = 'safety-dispatch'", [first!.processInstanceId]);
      return rows.length ? rows : undefined;
    }, 30_000);
    expect(child).toBeDefined();
    const event = await until(async () => (await kit.deps.db.query<{ data: string }>("SELECT data FROM record WHERE collection_key = 'safety_emergency_event' AND tenant_id = ?", [tenant]))[0], 30_000);
    expect(JSON.parse(event.data)).toMatchObject({ source: 'alarm', sourceRef: first!.id, eventType: 'other', locationX: 300, locationY: 200, place: '1号门', title: '作业人员未佩戴安全帽' });
    expect((await api('GET', `/ai/alarms/${first!.id}`)).body.status).toBe('confirmed');

    // when the second is dismissed
    const other = (await api('GET', `/ai/alarms/${second!.id}`)).body;
    const dismissed = await api('POST', `/ai/alarms/${second!.id}/review`, { confirmed: false, revision: other.revision });
    expect(dismissed.status, dismissed.text).toBe(200);
    // then its review ends with the alarm false and no hazard or event of it
    await until(async () => (await kit.rest('GET', `/history/process-instance?processInstanceId=${second!.processInstanceId}`)).body[0]?.state === 'COMPLETED', 30_000);
    expect((await api('GET', `/ai/alarms/${second!.id}`)).body.status).toBe('false');
    expect(await kit.deps.db.query("SELECT id FROM process_instance WHERE super_instance_id = ?", [second!.processInstanceId])).toEqual([]);
    expect(await kit.deps.db.query("SELECT id FROM record WHERE collection_key = 'safety_hazard' AND tenant_id = ?", [tenant])).toEqual([]);
  }, 240_000);

  it('gives the alarm review to the route’s reviewGroup (default safetyOfficer) and redeploys it when the group changes', async () => {
    const created = await api('POST', '/patrol-routes', { orgId: tenant, name: '罐区 AI 巡检', cameraIds: [cams[0]], taskTopic: 'ai-detect', taskConfig: { model: 'ppe', rule: 'no-helmet', source: 'camera' } });
    expect(created.status, created.text).toBe(201);
    expect(created.body.reviewGroup).toBe('safetyOfficer');
    const reviewXml = async () => (await kit.rest('GET', `/process-definition/key/${created.body.processKey}-alarm-review/tenant-id/${tenant}/xml`)).body.bpmn20Xml as string;
    expect(await reviewXml()).toMatch(/<userTask id="review"[^>]*camunda:candidateGroups="safetyOfficer"/);
    const { id, orgId: _o, processKey: _k, definitionId: _d, ...rest } = created.body;
    const bad = await api('PUT', `/patrol-routes/${id}`, { ...rest, reviewGroup: 'no spaces<allowed>' });
    expect([bad.status, bad.body.code]).toEqual([400, 'request.invalid']);
    const updated = await api('PUT', `/patrol-routes/${id}`, { ...rest, reviewGroup: 'streetOfficer' });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body).toMatchObject({ reviewGroup: 'streetOfficer', workOrderGroup: 'safetyOfficer', taskConfig: { model: 'ppe', rule: 'no-helmet', source: 'camera' } });
    expect(await reviewXml()).toMatch(/<userTask id="review"[^>]*camunda:candidateGroups="streetOfficer"/);
  }, 120_000);
});
