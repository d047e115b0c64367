import { buildColourPatchModel, cellBox, syntheticPng } from '@safeflow/plugin-ai-detect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineServer, until, type Creds, type EngineKit } from '../engine/testing/engineTestKit';
import { aiPatrolBpmn } from './testing/aiPatrolBpmn';
import { installHazardPack } from './testing/installHazardPack';

const W = 1280;
const H = 720;
const personBox = cellBox(W, H, 640, 32, 6, 8); // 64×64 px in the photo
// a helmet: a 16-stride cell in the top-left quarter of the person's box
const hatBox = cellBox(W, H, 640, 16, 12, 16);

describe('AI patrol end to end: photo → no-helmet alarm → review → the safety pack’s safety-hazard (in-process ai-detect, ai-alarm-review and records workers over HTTP)', () => {
  let kit: EngineKit;
  let officer: Creds;
  let tenant: string;
  const basic = (c: Creds) => `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
  const api = (method: string, path: string, as: Creds, body?: unknown) => kit.server.request(method, `/api/v1${path}`, { body, headers: { authorization: basic(as) } });
  const upload = async (path: string, as: Creds, bytes: Uint8Array, name: string, fields: Record<string, string>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    return kit.server.request('POST', `/api/v1${path}`, { headers: { authorization: basic(as) }, rawBody: form });
  };
  const uploadPhoto = async (withHelmet: boolean) => {
    const png = await syntheticPng(W, H, [{ colour: 'red', box: personBox }, ...(withHelmet ? [{ colour: 'green' as const, box: hatBox }] : [])]);
    const res = await upload('/files', officer, png, 'site.png', { orgId: tenant });
    expect(res.status, res.text).toBe(201);
    return res.body.id as string;
  };
  const run = async (photo: string) => {
    const pi = await kit.start('aiPatrol', { variables: { photo: { value: photo, type: 'String' } } }, officer);
    await until(async () => {
      const tasks = (await kit.rest('GET', `/task?processInstanceId=${pi.id}`, { as: officer })).body;
      const ended = (await kit.rest('GET', `/history/process-instance?processInstanceId=${pi.id}`)).body[0]?.state === 'COMPLETED';
      return tasks.length > 0 || ended;
    }, 20_000);
    // history keeps every variable whether the instance still runs or has ended; Json values come as text
    const hist = (await kit.rest('GET', `/history/variable-instance?processInstanceId=${pi.id}`)).body as { name: string; type: string; value: unknown }[];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- variables are read loosely by the assertions
    const vars: Record<string, any> = Object.fromEntries(hist.map((h) => [h.name, h.type === 'Json' && typeof h.value === 'string' ? JSON.parse(h.value) : h.value]));
    return { pi, vars };
  };
  const complete = async (pi: string, confirmed: boolean) => {
    const [task] = (await kit.rest('GET', `/task?processInstanceId=${pi}`, { as: officer })).body;
    expect(task.taskDefinitionKey).toBe('review');
    const res = await kit.rest('POST', `/task/${task.id}/complete`, { as: officer, body: { variables: { confirmed: { value: confirmed, type: 'Boolean' }, reviewer: { value: 'officer', type: 'String' } } } });
    expect(res.status, res.text).toBe(204);
  };

  beforeAll(async () => {
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    kit = await startEngineServer();
    tenant = await kit.createTenant('AI 巡查企业');
    await kit.entitle(tenant);
    officer = await kit.createUser('ai.officer', { tenantId: tenant, role: 'safetyOfficer' });
    const model = buildColourPatchModel({ classes: [{ label: 'person', colour: 'red', stride: 32 }, { label: 'safehat', colour: 'green', stride: 16 }] });
    const imported = await upload('/ai/models', officer, model, 'ppe.onnx', { orgId: tenant, key: 'ppe', labels: 'person,safehat', licence: 'test-only', source: 'built by the test' });
    expect(imported.status, imported.text).toBe(201);
    expect(imported.body).toMatchObject({ key: 'ppe', version: 1, status: 'active', layout: 'yolov8', inputSize: 640, classCount: 2, labels: ['person', 'safehat'], licence: 'test-only' });
    await installHazardPack(kit.deps, tenant);
    const dep = await kit.deploy({ 'patrol.bpmn': aiPatrolBpmn }, { 'tenant-id': tenant });
    expect(dep.status, dep.text).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await kit?.close();
    delete process.env.SAFEFLOW_INPROCESS_WORKERS;
  }, 120_000);

  it('rejects a corrupt model and one whose labels do not match, with clear codes', async () => {
    const corrupt = await upload('/ai/models', officer, new TextEncoder().encode('not an onnx model at all'), 'bad.onnx', { orgId: tenant, key: 'bad', labels: 'person' });
    expect(corrupt.status).toBe(400);
    expect(corrupt.body.code).toBe('model.corrupt');
    const mismatch = await upload('/ai/models', officer, buildColourPatchModel({ classes: [{ label: 'person', colour: 'red' }, { label: 'safehat', colour: 'green' }] }), 'm.onnx', { orgId: tenant, key: 'bad', labels: 'person' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toMatchObject({ code: 'model.label_mismatch', details: { classCount: 2, labelCount: 1 } });
    const list = await api('GET', '/ai/models', officer);
    expect(list.body.items.map((m: { key: string }) => m.key)).toEqual(['ppe']);
    // a retried upload with the same Idempotency-Key answers the same version, once
    const send = () => {
      const form = new FormData();
      for (const [k, v] of Object.entries({ orgId: tenant, key: 'replay', labels: 'person,safehat' })) form.append(k, v);
      form.append('file', new Blob([new Uint8Array(buildColourPatchModel({ classes: [{ label: 'person', colour: 'red' }, { label: 'safehat', colour: 'green' }] }))]), 'r.onnx');
      return kit.server.request('POST', '/api/v1/ai/models', { headers: { authorization: basic(officer), 'idempotency-key': 'import-replay-1' }, rawBody: form });
    };
    const first = await send();
    const again = await send();
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    expect(((await api('GET', '/ai/models?key=replay', officer)).body.items as unknown[]).length).toBe(1);
  }, 120_000);

  it('raises an alarm for a person without a helmet; the confirmed review starts safety-hazard with the snapshot', async () => {
    const { pi, vars } = await run(await uploadPhoto(false));
    expect(vars.alarm).toBe(true);
    expect(vars.detectionCount).toBe(1);
    const alarm = await api('GET', `/ai/alarms/${vars.alarmId}`, officer);
    expect(alarm.status, alarm.text).toBe(200);
    expect(alarm.body).toMatchObject({ status: 'open', label: 'person', ruleKey: 'no-helmet', occurrences: 1, box: personBox });
    const snapshot = vars.snapshot as { fileId: string; mime: string };
    expect(snapshot.mime).toBe('image/jpeg');
    expect(alarm.body.snapshotFileId).toBe(snapshot.fileId);
    const file = await api('GET', `/files/${snapshot.fileId}`, officer);
    expect(file.status, file.text).toBe(200);

    await complete(pi.id, true);
    const hazard = await until(async () => (await kit.rest('GET', `/process-instance?processDefinitionKey=safety-hazard&superProcessInstance=${pi.id}`)).body[0], 20_000);
    const hv = (await kit.rest('GET', `/process-instance/${hazard.id}/variables`)).body;
    expect(hv.title.value).toBe('作业人员未佩戴安全帽');
    expect(hv.source.value).toBe('12');
    expect(hv.origin.value).toBe('ai-alarm');
    expect(hv.originId.value).toBe(vars.alarmId);
    expect(hv.reporter.value).toBe('officer');
    expect(hv.mgmtClass.value).toBe('1');
    const photos = typeof hv.photos.value === 'string' ? JSON.parse(hv.photos.value) : hv.photos.value;
    expect(photos).toEqual([snapshot]);
    expect((await api('GET', `/ai/alarms/${vars.alarmId}`, officer)).body).toMatchObject({ status: 'confirmed', reviewedBy: 'officer' });
    // the pack's process registered the hazard record (登记隐患, records worker) and waits in 隐患确认与定级 with the snapshot as its photo
    const hazardId = await until(async () => (await kit.rest('GET', `/process-instance/${hazard.id}/variables`)).body.hazardId?.value as string | undefined, 20_000);
    const record = await api('GET', `/records/safety_hazard/${hazardId}`, officer);
    expect(record.status, record.text).toBe(200);
    expect(record.body.data).toMatchObject({ title: '作业人员未佩戴安全帽', source: '12', origin: 'ai-alarm', originId: vars.alarmId, mgmtClass: '1', reporter: 'officer', state: '0', processInstanceId: hazard.id });
    expect(record.body.data.photos.map((p: { fileId: string }) => p.fileId)).toEqual([snapshot.fileId]);
    // after 登记隐患 the pack's process suggests a grade (rules worker) and saves it before it waits in 隐患确认与定级
    const confirmTask = await until(async () => ((await kit.rest('GET', `/task?processInstanceId=${hazard.id}`, { as: officer })).body as Array<{ id: string; taskDefinitionKey: string }>)[0], 20_000);
    expect(confirmTask.taskDefinitionKey).toBe('confirm');
    // the alarm's frame is a flywheel sample, pre-annotated by the model and now labelled with the confirmed box
    const samples = (await api('GET', '/ai/samples', officer)).body.items as { reason: string; negative: boolean; annotations: unknown; predictions: { label: string }[] }[];
    const sample = samples.find((s) => s.reason === 'alarm')!;
    expect(sample).toMatchObject({ negative: false, annotations: [{ label: 'person', box: personBox }] });
    expect(sample.predictions.map((p) => p.label)).toEqual(['person']);
  }, 120_000);

  it('manages labels (seed + tenant, duplicates 409, other tenants 404) and per-model thresholds with optimistic locking', async () => {
    const labels = (await api('GET', '/ai/labels', officer)).body.items as { nameZh: string; nameEn: string; colour: string; tenantId: string | null }[];
    expect(labels.slice(0, 10).map((l) => `${l.nameZh} ${l.nameEn}`)).toEqual(['安全带 safetybelt', '安全帽 safehat', '安全绳 Rope', '非机动车 non-motor vehicle', '泥头车 dump truck', '人 person', '手机 telephone', '共享单车 platformcar', '头 head', '自行车 bicycle']);
    const created = await api('POST', '/ai/labels', officer, { tenantId: tenant, nameZh: '反光衣', nameEn: 'vest', colour: '#ffaa00' });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ tenantId: tenant, nameZh: '反光衣', nameEn: 'vest', colour: '#ffaa00' });
    expect((await api('POST', '/ai/labels', officer, { tenantId: tenant, nameZh: '反光衣', nameEn: 'vest', colour: '#ffaa00' })).body.code).toBe('label.exists');
    const other = await kit.createTenant('别的企业');
    expect((await api('POST', '/ai/labels', officer, { tenantId: other, nameZh: 'x', nameEn: 'x', colour: '#000000' })).status).toBe(404);
    expect((await api('POST', '/ai/labels', officer, { tenantId: tenant, nameZh: 'x', nameEn: 'y', colour: 'red' })).status).toBe(400);
    // a tenant label is renamed and recoloured with its revision (stale: 409), audited; platform labels are read-only; removal needs the revision
    const renamed = await api('PUT', `/ai/labels/${created.body.id}`, officer, { nameZh: '反光背心', colour: '#ff8800', revision: created.body.revision });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body).toMatchObject({ nameZh: '反光背心', nameEn: 'vest', colour: '#ff8800', revision: 2 });
    expect((await api('PUT', `/ai/labels/${created.body.id}`, officer, { nameZh: 'x', colour: '#000000', revision: 1 })).body.code).toBe('concurrency.conflict');
    const platform = labels.find((l) => l.nameEn === 'person')! as { id?: string };
    expect((await api('PUT', `/ai/labels/${platform.id}`, officer, { nameZh: 'x', colour: '#000000', revision: 1 })).status).toBe(404);
    expect((await api('DELETE', `/ai/labels/${created.body.id}?revision=1`, officer)).status).toBe(409);
    expect((await api('DELETE', `/ai/labels/${created.body.id}?revision=2`, officer)).status).toBe(204);
    const trail = await kit.deps.db.query<{ action: string; actor_name: string }>('SELECT action, actor_name FROM audit_log WHERE target_id = ? ORDER BY seq', [created.body.id]);
    expect(trail.map((a) => a.action)).toEqual(['ai.label.create', 'ai.label.update', 'ai.label.delete']);
    expect(new Set(trail.map((a) => a.actor_name))).toEqual(new Set(['ai.officer']));
    expect(((await api('GET', '/ai/labels', officer)).body.items as { nameEn: string }[]).some((l) => l.nameEn === 'vest')).toBe(false);
    // AI patrol and the flywheel are value-added modules: a tenant without them gets 403 module.not_entitled
    const outsider = await kit.createUser('ai.outsider', { tenantId: other, role: 'safetyOfficer' });
    for (const p of ['/ai/alarms', '/ai/models', '/ai/samples', '/ai/datasets']) {
      const r = await api('GET', p, outsider);
      expect([p, r.status, r.body.code]).toEqual([p, 403, 'module.not_entitled']);
    }
    await kit.entitle(other, ['aiPatrol']);
    expect((await api('GET', '/ai/alarms', outsider)).status).toBe(200);
    expect((await api('GET', '/ai/samples', outsider)).body).toMatchObject({ code: 'module.not_entitled', details: { module: 'flywheel' } });

    const [model] = (await api('GET', '/ai/models?key=ppe', officer)).body.items;
    const put = await api('PUT', `/ai/models/${model.id}/thresholds`, officer, { thresholds: { confidence: 0.3, iou: 0.6, perClass: { person: 0.35 } }, revision: model.revision });
    expect(put.status, put.text).toBe(200);
    expect(put.body.thresholds).toEqual({ confidence: 0.3, iou: 0.6, perClass: { person: 0.35 } });
    const stale = await api('PUT', `/ai/models/${model.id}/thresholds`, officer, { thresholds: { confidence: 0.25, iou: 0.7 }, revision: model.revision });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('concurrency.conflict');
    const back = await api('PUT', `/ai/models/${model.id}/thresholds`, officer, { thresholds: { confidence: 0.25, iou: 0.7 }, revision: put.body.revision });
    expect(back.status).toBe(200);
  }, 120_000);

  it('raises no alarm when the person wears a helmet', async () => {
    const { vars } = await run(await uploadPhoto(true));
    expect(vars.detectionCount).toBe(2);
    expect(vars.alarm).toBe(false);
    expect(vars.alarmId).toBeNull();
  }, 120_000);

  it('merges a duplicate (same place, class and box, within the window) into the open alarm; a false review leaves a negative sample', async () => {
    const first = await run(await uploadPhoto(false));
    expect(first.vars.alarm, JSON.stringify(first.vars)).toBe(true);
    const second = await run(await uploadPhoto(false));
    expect(second.vars).toMatchObject({ alarm: false, alarmMerged: true, alarmId: first.vars.alarmId });
    expect((await api('GET', `/ai/alarms/${first.vars.alarmId}`, officer)).body.occurrences).toBe(2);
    await complete(first.pi.id, false);
    await until(async () => (await api('GET', `/ai/alarms/${first.vars.alarmId}`, officer)).body.status === 'false');
    const samples = (await api('GET', '/ai/samples', officer)).body.items as { reason: string; negative: boolean; annotations: unknown }[];
    expect(samples.some((s) => s.reason === 'alarm' && s.negative && Array.isArray(s.annotations) && s.annotations.length === 0), JSON.stringify(samples)).toBe(true);
  }, 120_000);
});
