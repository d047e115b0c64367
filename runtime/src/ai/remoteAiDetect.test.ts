import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildColourPatchModel, syntheticPng } from '@safeflow/plugin-ai-detect';
import { apiCameraService, createRuntimeApi } from '@safeflow/plugin-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectReviewBpmn, PPE_CLASSES } from './testing/detectReviewBpmn';
import { camPerson, makeGateClip, photoPerson, sitePhoto } from './testing/gateScene';
import { startEngineServer, until, type Creds, type EngineKit } from '../engine/testing/engineTestKit';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
/** tsx as a loader of this one process (the tsx CLI would run the worker as a grandchild that a kill of the CLI leaves running). */
const tsxLoader = ['--import', 'tsx'];

describe('ai-detect out of process: safeflow worker --plugin @safeflow/plugin-ai-detect/remote with no database, over the engine REST and the runtime’s worker API', () => {
  let kit: EngineKit;
  let dir: string;
  let cache: string;
  let child: ChildProcess | undefined;
  let out = '';
  let tenant: string;
  let other: string;
  let officer: Creds;
  let otherOfficer: Creds;
  let service: Creds;
  let cameraId: string;
  let otherCameraId: string;
  let modelSha: string;
  const basic = (c: Creds) => `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
  const api = (as: Creds, method: string, p: string, body?: unknown) => kit.server.request(method, `/api/v1${p}`, { body, headers: { authorization: basic(as) } });
  const upload = async (as: Creds, p: string, bytes: Uint8Array, name: string, fields: Record<string, string>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    return kit.server.request('POST', `/api/v1${p}`, { headers: { authorization: basic(as) }, rawBody: form });
  };
  const state = async (pi: string) => (await kit.rest('GET', `/history/process-instance?processInstanceId=${pi}`)).body[0]?.state as string | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- variables are read loosely by the assertions
  const varsOf = async (pi: string): Promise<Record<string, any>> => {
    const hist = (await kit.rest('GET', `/history/variable-instance?processInstanceId=${pi}`)).body as { name: string; type: string; value: unknown }[];
    return Object.fromEntries(hist.map((h) => [h.name, h.type === 'Json' && typeof h.value === 'string' ? JSON.parse(h.value) : h.value]));
  };
  const reviewTask = async (pi: string, as: Creds) => (await kit.rest('GET', `/task?processInstanceId=${pi}`, { as })).body[0] as { id: string; taskDefinitionKey: string } | undefined;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-remote-detect-'));
    cache = path.join(dir, 'model-cache');
    const clip = await makeGateClip(dir);
    kit = await startEngineServer(); // in-process workers are off under the test runner: only the child serves the topics
    tenant = await kit.createTenant('远程识别企业');
    other = await kit.createTenant('另一企业');
    for (const t of [tenant, other]) await kit.entitle(t);
    officer = await kit.createUser('rd.officer', { tenantId: tenant, role: 'safetyOfficer' });
    otherOfficer = await kit.createUser('rd.other', { tenantId: other, role: 'safetyOfficer' });
    // the worker's service user: engine.operate (city bureau role) in `tenant` only
    service = await kit.createUser('rd.worker', { tenantId: tenant, role: 'cityBureauAdmin' });
    const model = buildColourPatchModel({ classes: PPE_CLASSES });
    modelSha = crypto.createHash('sha256').update(model).digest('hex');
    for (const [t, as] of [[tenant, officer], [other, otherOfficer]] as const) {
      const imported = await upload(as, '/ai/models', model, 'ppe.onnx', { orgId: t, key: 'ppe', labels: 'person,safehat', licence: 'test-only' });
      expect(imported.status, imported.text).toBe(201);
      const dep = await kit.deploy({ 'cam.bpmn': detectReviewBpmn('remoteCam', 'camera'), 'photo.bpmn': detectReviewBpmn('remotePhoto', 'photo') }, { 'tenant-id': t });
      expect(dep.status, dep.text).toBe(200);
    }
    const cam = await api(officer, 'POST', '/cameras', { orgId: tenant, name: '2号门', source: { kind: 'file', path: clip }, zone: { name: '罐区', risk: 'red' } });
    expect(cam.status, cam.text).toBe(201);
    cameraId = cam.body.id;
    const theirs = await api(otherOfficer, 'POST', '/cameras', { orgId: other, name: '别家门', source: { kind: 'file', path: clip } });
    expect(theirs.status, theirs.text).toBe(201);
    otherCameraId = theirs.body.id;
  }, 180_000);
  afterAll(async () => {
    child?.kill('SIGKILL');
    await kit?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('detects on a camera frame and on a photo in the child, raises both alarms with snapshots and samples, and records the reviews; another tenant’s instance is not served', async () => {
    // given a camera patrol and a photo patrol of the service user's tenant, and one of another tenant
    const photo = await upload(officer, '/files', await sitePhoto(), 'site.png', { orgId: tenant });
    expect(photo.status, photo.text).toBe(201);
    const camPi = await kit.start('remoteCam', { variables: { cameraId: { value: cameraId, type: 'String' } } }, officer);
    const photoPi = await kit.start('remotePhoto', { variables: { photo: { value: photo.body.id, type: 'String' } } }, officer);
    const theirPi = await kit.start('remoteCam', { variables: { cameraId: { value: otherCameraId, type: 'String' } } }, otherOfficer);

    // when the worker runs as its own process with no SafeFlow database
    child = spawn(
      process.execPath,
      [...tsxLoader, 'runtime/src/cli/main.ts', 'worker', '--plugin', '@safeflow/plugin-ai-detect/remote', '--engine-url', `${kit.server.url}/engine-rest`, '--username', service.username, '--password', service.password],
      { cwd: repoRoot, env: { ...process.env, LOG_LEVEL: 'warn', VITEST: '', DATABASE_URL: '', DATA_DIR: '/nonexistent', AI_MODEL_CACHE: cache }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));

    // then both instances reach their review task with an alarm
    await until(async () => !!(await reviewTask(camPi.id, officer)) && !!(await reviewTask(photoPi.id, officer)), 120_000);
    expect(out).toContain('safeflow worker: serving ai-detect, ai-alarm-review at');
    expect(out).toContain('cameras: the API at');
    const cam = await varsOf(camPi.id);
    const ph = await varsOf(photoPi.id);
    expect(cam).toMatchObject({ alarm: true, alarmMerged: false, detectionCount: 1, location: '2号门 · 罐区', hazardTitle: '作业人员未佩戴安全帽' });
    expect(cam.detections).toEqual([{ label: 'person', classId: 0, confidence: expect.any(Number), box: camPerson }]);
    expect(ph).toMatchObject({ alarm: true, detectionCount: 1, location: null });
    expect(ph.detections[0].box).toEqual(photoPerson);

    // the alarms, snapshots and samples are the runtime's, in the tenant's org
    const alarms = await kit.deps.db.query<{ id: string; camera_id: string | null; process_instance_id: string; snapshot_file_id: string; org_path: string; box: string }>(
      'SELECT id, camera_id, process_instance_id, snapshot_file_id, org_path, box FROM ai_alarm ORDER BY camera_id IS NULL',
    );
    expect(alarms.map((a) => [a.camera_id, a.process_instance_id, JSON.parse(a.box)])).toEqual([[cameraId, camPi.id, camPerson], [null, photoPi.id, photoPerson]]);
    expect(new Set(alarms.map((a) => a.org_path))).toEqual(new Set([`/${tenant}/`]));
    expect(cam.alarmId).toBe(alarms[0]!.id);
    for (const a of alarms) {
      const [f] = await kit.deps.db.query<{ mime: string; org_id: string; created_by: string }>('SELECT mime, org_id, created_by FROM file WHERE id = ?', [a.snapshot_file_id]);
      expect(f).toEqual({ mime: 'image/jpeg', org_id: tenant, created_by: 'rd.worker' });
      const content = await api(officer, 'GET', `/files/${a.snapshot_file_id}/content`);
      expect(content.status).toBe(200);
    }
    expect(cam.snapshot.fileId).toBe(alarms[0]!.snapshot_file_id);
    const samples = await kit.deps.db.query<{ reason: string; alarm_id: string; camera_id: string | null; predictions: string }>('SELECT reason, alarm_id, camera_id, predictions FROM ai_sample ORDER BY camera_id IS NULL');
    expect(samples.map((s) => [s.reason, s.alarm_id, s.camera_id])).toEqual([['alarm', alarms[0]!.id, cameraId], ['alarm', alarms[1]!.id, null]]);
    expect(JSON.parse(samples[0]!.predictions)[0]).toMatchObject({ label: 'person', box: camPerson });
    // the model came down once, into the worker's cache under its sha256
    expect(fs.readdirSync(cache)).toEqual([`${modelSha}.onnx`]);

    // when the officer confirms the camera alarm and rejects the photo one
    for (const [pi, confirmed] of [[camPi.id, true], [photoPi.id, false]] as const) {
      const task = await reviewTask(pi, officer);
      const done = await kit.rest('POST', `/task/${task!.id}/complete`, { as: officer, body: { variables: { confirmed: { value: confirmed, type: 'Boolean' }, reviewer: { value: 'officer.wang', type: 'String' } } } });
      expect(done.status, done.text).toBe(204);
    }
    // then the child records both reviews (ai-alarm-review) and the instances end
    await until(async () => (await state(camPi.id)) === 'COMPLETED' && (await state(photoPi.id)) === 'COMPLETED', 60_000);
    const reviewed = await kit.deps.db.query<{ status: string; reviewed_by: string }>('SELECT status, reviewed_by FROM ai_alarm ORDER BY camera_id IS NULL');
    expect(reviewed).toEqual([{ status: 'confirmed', reviewed_by: 'officer.wang' }, { status: 'false', reviewed_by: 'officer.wang' }]);
    const negative = await kit.deps.db.query<{ negative: number | string }>('SELECT negative FROM ai_sample WHERE alarm_id = ?', [alarms[1]!.id]);
    expect(Number(negative[0]!.negative)).toBe(1);

    // and the other tenant's patrol was never fetched by this worker
    expect(await state(theirPi.id)).toBe('ACTIVE');
    expect((await kit.rest('GET', `/external-task?processInstanceId=${theirPi.id}`)).body[0]).toMatchObject({ topicName: 'ai-detect', workerId: null });

    const code = await new Promise<number | null>((resolve) => {
      child!.once('exit', (c) => resolve(c));
      child!.kill('SIGTERM');
    });
    expect(code, out).toBe(0);
    child = undefined;
  }, 300_000);

  it('scopes the worker API: another tenant’s org, camera, file, model and instance are 404, a user without engine.operate is 403', async () => {
    const theirs = await kit.start('remotePhoto', { variables: { photo: { value: 'none', type: 'String' } } }, otherOfficer);
    const [theirModel] = await kit.deps.db.query<{ id: string }>('SELECT id FROM ai_model WHERE tenant_id = ?', [other]);
    const theirPhoto = await upload(otherOfficer, '/files', await syntheticPng(64, 64, []), 'x.png', { orgId: other });
    const jpeg = Buffer.from(await (await import('sharp')).default({ create: { width: 8, height: 8, channels: 3, background: '#ff0000' } }).jpeg().toBuffer());
    const raw = (as: Creds, p: string, body: Buffer) =>
      kit.server.request('POST', `/api/v1${p}`, { headers: { authorization: basic(as), 'content-type': 'image/jpeg' }, rawBody: body as unknown as string });
    const denied: [string, string, Promise<{ status: number; body: { code: string } }>][] = [
      ['org of an instance', 'process_instance.not_found', api(service, 'GET', `/worker/process-instances/${theirs.id}/org`)],
      ['camera', 'camera.not_found', api(service, 'GET', `/worker/cameras/${otherCameraId}`)],
      ['camera baseline', 'camera.not_found', api(service, 'PUT', `/worker/cameras/${otherCameraId}/baseline`, { baseline: { brightness: 1 } })],
      ['model version', 'org.not_found', api(service, 'GET', `/worker/ai/models/resolve?orgId=${other}&key=ppe`)],
      ['model bytes', 'model.not_found', api(service, 'GET', `/worker/ai/models/${theirModel!.id}/content`)],
      ['photo', 'file.not_found', api(service, 'GET', `/worker/files/${theirPhoto.body.id}/content`)],
      ['storing into its org', 'org.not_found', raw(service, `/worker/files?orgId=${other}&name=a.jpg`, jpeg)],
      ['samples', 'tenant.not_found', api(service, 'GET', `/worker/ai/samples/recent?tenantId=${other}&since=0`)],
    ];
    for (const [what, code, res] of denied) {
      const r = await res;
      expect([what, r.status, r.body.code]).toEqual([what, 404, code]);
    }
    // an alarm whose snapshot is another org's file is refused, and nothing is written
    const before = (await kit.deps.db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM ai_alarm'))[0]!.n;
    const forged = await api(service, 'POST', '/worker/ai/alarms', {
      orgId: tenant, cameraId: null, modelId: theirModel!.id, ruleKey: 'no-helmet', label: 'person', box: { x1: 1, y1: 1, x2: 9, y2: 9 }, confidence: 0.9, detections: [],
      snapshot: { fileId: theirPhoto.body.id, name: 'x.png', size: 1, mime: 'image/png', sha256: 'x' }, processInstanceId: null, at: 1, windowMs: 0, mergeIou: 0.3,
    });
    expect([forged.status, forged.body.code]).toEqual([404, 'file.not_found']);
    expect((await kit.deps.db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM ai_alarm'))[0]!.n).toBe(before);
    // a safety officer (no engine.operate) may not use the worker API at all
    const officerCall = await api(officer, 'GET', `/worker/cameras/${cameraId}`);
    expect([officerCall.status, officerCall.body.code]).toEqual([403, 'auth.forbidden']);
    // a non-image body is not stored
    const text = await raw(service, `/worker/files?orgId=${tenant}&name=a.jpg`, Buffer.from('hello'));
    expect([text.status, text.body.code]).toEqual([415, 'file.type_not_allowed']);
  }, 120_000);

  it('raises an alarm once per process instance: a task run again (its completion lost) gets its own alarm back as opened, another instance merges', async () => {
    const stored = await kit.server.request('POST', `/api/v1/worker/files?orgId=${tenant}&name=snap.jpg`, {
      headers: { authorization: basic(service), 'content-type': 'image/jpeg' },
      rawBody: (await (await import('sharp')).default({ create: { width: 8, height: 8, channels: 3, background: '#00ff00' } }).jpeg().toBuffer()) as unknown as string,
    });
    expect(stored.status, stored.text).toBe(201);
    const raise = (processInstanceId: string) =>
      api(service, 'POST', '/worker/ai/alarms', {
        orgId: tenant, cameraId, modelId: 'm', ruleKey: 'no-helmet', label: 'head', box: { x1: 100, y1: 100, x2: 200, y2: 200 }, confidence: 0.8,
        detections: [{ classId: 0, confidence: 0.8, box: { x1: 100, y1: 100, x2: 200, y2: 200 }, label: 'head' }], snapshot: stored.body, processInstanceId, at: kit.deps.clock.now().getTime(), windowMs: 600_000, mergeIou: 0.3,
      });
    const first = await raise('pi-1');
    const again = await raise('pi-1');
    const later = await raise('pi-2');
    expect(first.body).toMatchObject({ merged: false, occurrences: 1 });
    expect(again.body).toEqual({ alarmId: first.body.alarmId, merged: false, occurrences: 1 });
    expect(later.body).toEqual({ alarmId: first.body.alarmId, merged: true, occurrences: 2 });
  }, 60_000);

  it('gives out-of-process video diagnostics the camera service over the API (the kit’s apiCameraService): camera, baseline, health, picture', async () => {
    const cameras = apiCameraService(createRuntimeApi({ baseUrl: `${kit.server.url}/api/v1`, auth: service }));
    const camera = await cameras.get(cameraId, tenant);
    expect(camera).toMatchObject({ id: cameraId, tenantId: tenant, name: '2号门', source: { kind: 'file' }, zone: { name: '罐区', risk: 'red' } });
    await expect(cameras.get(cameraId, other)).rejects.toMatchObject({ code: 'camera.not_found' });
    await expect(cameras.get(otherCameraId, null)).rejects.toMatchObject({ code: 'camera.not_found', status: 404 });
    await cameras.updateBaseline(cameraId, { brightness: 0.41, sharpness: 12.5 });
    expect((await cameras.get(cameraId, tenant)).diagnostics.baseline).toEqual({ brightness: 0.41, sharpness: 12.5 });
    await cameras.recordHealth(cameraId, { status: 'fault', faults: ['blur'], metrics: { sharpness: 1.2 } });
    const [h] = await kit.deps.db.query<{ status: string; faults: string }>('SELECT status, faults FROM camera_health WHERE camera_id = ?', [cameraId]);
    expect([h!.status, JSON.parse(h!.faults)]).toEqual(['fault', ['blur']]);
    expect(await cameras.lastPicture(cameraId)).toBeNull();
    await cameras.rememberPicture(cameraId, { signature: 'abc', since: 10, at: 20 });
    await cameras.rememberPicture(cameraId, { signature: 'abc', since: 10, at: 30 });
    expect(await cameras.lastPicture(cameraId)).toEqual({ signature: 'abc', since: 10, at: 30 });
  }, 60_000);
});
