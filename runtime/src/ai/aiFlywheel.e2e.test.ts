import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildColourPatchModel, parseCoco, parseDataYamlNames, parseLabelStudioRegions, parseYoloLabels } from '@safeflow/plugin-ai-detect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectReviewBpmn, PPE_CLASSES } from './testing/detectReviewBpmn';
import { camPerson, GATE_H as H, GATE_W as W, makeGateClip, photoPerson, sitePhoto } from './testing/gateScene';
import { startEngineServer, until, type Creds, type EngineKit } from '../engine/testing/engineTestKit';


describe('AI flywheel end to end: camera frames → alarms → reviewed samples → dataset → export → retrained model → evaluation → pilot → promotion', () => {
  let kit: EngineKit;
  let officer: Creds;
  let tenant: string;
  let dir: string;
  let cameraId: string;
  const basic = (c: Creds) => `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
  const api = (method: string, p: string, body?: unknown) => kit.server.request(method, `/api/v1${p}`, { body, headers: { authorization: basic(officer) } });
  const upload = async (p: string, bytes: Uint8Array, name: string, fields: Record<string, string>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    return kit.server.request('POST', `/api/v1${p}`, { headers: { authorization: basic(officer) }, rawBody: form });
  };
  /** Starts `key`, waits for the review task (or the end), returns the instance and its variables. */
  const runPatrol = async (key: string, variables: Record<string, unknown>) => {
    const pi = await kit.start(key, { variables }, officer);
    await until(async () => (await kit.rest('GET', `/task?processInstanceId=${pi.id}`, { as: officer })).body.length > 0 || (await kit.rest('GET', `/history/process-instance?processInstanceId=${pi.id}`)).body[0]?.state === 'COMPLETED', 30_000);
    const hist = (await kit.rest('GET', `/history/variable-instance?processInstanceId=${pi.id}`)).body as { name: string; type: string; value: unknown }[];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- read loosely by the assertions
    const vars: Record<string, any> = Object.fromEntries(hist.map((h) => [h.name, h.type === 'Json' && typeof h.value === 'string' ? JSON.parse(h.value) : h.value]));
    return { pi, vars };
  };
  const review = async (pi: string, confirmed: boolean) => {
    const [task] = (await kit.rest('GET', `/task?processInstanceId=${pi}`, { as: officer })).body;
    const res = await kit.rest('POST', `/task/${task.id}/complete`, { as: officer, body: { variables: { confirmed: { value: confirmed, type: 'Boolean' } } } });
    expect(res.status, res.text).toBe(204);
    await until(async () => (await kit.rest('GET', `/history/process-instance?processInstanceId=${pi}`)).body[0]?.state === 'COMPLETED', 20_000);
  };

  beforeAll(async () => {
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-ai-flywheel-'));
    const clip = await makeGateClip(dir);
    kit = await startEngineServer();
    tenant = await kit.createTenant('飞轮企业');
    await kit.entitle(tenant);
    officer = await kit.createUser('fly.officer', { tenantId: tenant, role: 'safetyOfficer' });
    const cam = await api('POST', '/cameras', { orgId: tenant, name: '1号门', source: { kind: 'file', path: clip }, zone: { name: '装卸区', risk: 'red' } });
    expect(cam.status, cam.text).toBe(201);
    cameraId = cam.body.id;
    const v1 = await upload('/ai/models', buildColourPatchModel({ classes: PPE_CLASSES }), 'ppe-v1.onnx', { orgId: tenant, key: 'ppe', labels: 'person,safehat', licence: 'test-only' });
    expect(v1.status, v1.text).toBe(201);
    const dep = await kit.deploy({ 'cam.bpmn': detectReviewBpmn('camPatrol', 'camera'), 'photo.bpmn': detectReviewBpmn('photoPatrol', 'photo') }, { 'tenant-id': tenant });
    expect(dep.status, dep.text).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await kit?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    delete process.env.SAFEFLOW_INPROCESS_WORKERS;
  }, 120_000);

  it('runs the whole loop', async () => {
    // 1. a camera frame (ffmpeg grab of the camera's H.264 file) raises an alarm at the camera; the review confirms it
    const camRun = await runPatrol('camPatrol', { cameraId: { value: cameraId, type: 'String' } });
    expect(camRun.vars).toMatchObject({ alarm: true, location: '1号门 · 装卸区' });
    const alarm = (await api('GET', `/ai/alarms/${camRun.vars.alarmId}`)).body;
    expect(alarm).toMatchObject({ cameraId, label: 'person', box: camPerson });
    await review(camRun.pi.id, true);
    // 2. an uploaded photo with a person elsewhere: another alarm, confirmed too
    const photo = await upload('/files', await sitePhoto(), 'p.png', { orgId: tenant });
    const photoRun = await runPatrol('photoPatrol', { photo: { value: photo.body.id, type: 'String' } });
    expect(photoRun.vars.alarm).toBe(true);
    await review(photoRun.pi.id, true);

    // 3. two reviewed samples, pre-annotated by the model; a person fixes the photo's box by one pixel
    const samples = (await api('GET', '/ai/samples')).body.items as { id: string; revision: number; fileId: string; annotations: { label: string; box: typeof camPerson }[]; predictions: unknown[] }[];
    expect(samples).toHaveLength(2);
    expect(samples.every((s) => s.predictions.length === 1 && s.annotations.length === 1)).toBe(true);
    const photoSample = samples.find((s) => Math.abs(s.annotations[0]!.box.x1 - photoPerson.x1) < 1)!;
    const fixed = { ...photoPerson, x2: photoPerson.x2 + 1 };
    expect((await api('PUT', `/ai/samples/${photoSample.id}/annotations`, { annotations: [{ label: 'person', box: fixed }], revision: photoSample.revision })).status).toBe(200);

    // 4. a dataset version, exported in the three formats and parsed back
    const ds = await api('POST', '/ai/datasets', { tenantId: tenant, key: 'ppe-set', labels: ['person', 'safehat'] });
    expect(ds.status, ds.text).toBe(201);
    expect(ds.body).toMatchObject({ version: 1, items: 2 });
    const yolo = (await api('GET', `/ai/datasets/${ds.body.id}/export?format=yolo`)).body as { files: Record<string, string>; imagePaths: Record<string, string> };
    expect(parseDataYamlNames(yolo.files['data.yaml']!)).toEqual(['person', 'safehat']);
    const labelFiles = Object.entries(yolo.files).filter(([k]) => k.startsWith('labels/'));
    expect(labelFiles.map(([k]) => k.split('/')[1]).sort()).toEqual(['train', 'val']);
    const boxes = labelFiles.flatMap(([, text]) => parseYoloLabels(text, W, H));
    expect(boxes.map((b) => Math.round(b.box.x1)).sort((a, b) => a - b)).toEqual([photoPerson.x1, camPerson.x1].sort((a, b) => a - b));
    const coco = parseCoco((await api('GET', `/ai/datasets/${ds.body.id}/export?format=coco`)).body);
    expect(coco.flatMap((i) => i.annotations.map((a) => a.box.x2)).sort((a, b) => a - b)).toEqual([camPerson.x2, fixed.x2].sort((a, b) => a - b));
    const ls = (await api('GET', `/ai/datasets/${ds.body.id}/export?format=labelstudio`)).body.tasks;
    expect(ls).toHaveLength(2);
    expect(ls[0].predictions[0].result[0].score).toBeGreaterThan(0.5);
    expect(parseLabelStudioRegions(ls[0].annotations[0].result, ['person', 'safehat'])[0]!.classId).toBe(0);

    // 5. a "retrained" model (v2, YOLOv5 export) is imported as a candidate and evaluated on the held-out image against v1
    const v2 = await upload('/ai/models', buildColourPatchModel({ classes: PPE_CLASSES, layout: 'yolov5' }), 'ppe-v2.onnx', { orgId: tenant, key: 'ppe', labels: 'person,safehat', source: 'retrained on ppe-set@1' });
    expect(v2.body).toMatchObject({ version: 2, status: 'candidate', layout: 'yolov5' });
    const ev = await api('POST', `/ai/models/${v2.body.id}/evaluate`, { datasetId: ds.body.id });
    expect(ev.status, ev.text).toBe(200);
    expect(ev.body.perClass).toEqual([expect.objectContaining({ classId: 0, groundTruth: 1 })]);
    expect(ev.body.map50).toBe(1);
    expect(ev.body.current.map50).toBe(1);
    expect(ev.body.comparison.map50Delta).toBe(0);
    expect((await api('GET', `/ai/models/${v2.body.id}`)).body.evaluation.map50).toBe(1);
    // and the stored evaluation is audited by the officer, against the model's org
    const evalAudit = await kit.deps.db.query<{ actor_name: string; org_id: string; target_type: string }>("SELECT actor_name, org_id, target_type FROM audit_log WHERE target_id = ? AND action = 'ai.model.evaluate'", [v2.body.id]);
    expect(evalAudit).toEqual([{ actor_name: officer.username, org_id: tenant, target_type: 'ai_model' }]);

    // 6. piloted on the camera first: the camera's next detection uses v2; then promoted to all, v1 retires
    const pilot = await api('POST', `/ai/models/${v2.body.id}/promote`, { revision: (await api('GET', `/ai/models/${v2.body.id}`)).body.revision, cameras: [cameraId] });
    expect(pilot.body).toMatchObject({ status: 'pilot', cameras: [cameraId] });
    const pilotRun = await runPatrol('camPatrol', { cameraId: { value: cameraId, type: 'String' } });
    expect((await api('GET', `/ai/alarms/${pilotRun.vars.alarmId}`)).body.modelId).toBe(v2.body.id);
    const all = await api('POST', `/ai/models/${v2.body.id}/promote`, { revision: pilot.body.revision });
    expect(all.body).toMatchObject({ status: 'active', cameras: null });
    const versions = (await api('GET', '/ai/models?key=ppe')).body.items as { version: number; status: string }[];
    expect(versions.map((m) => [m.version, m.status])).toEqual([[2, 'active'], [1, 'retired']]);
  }, 240_000);
});
