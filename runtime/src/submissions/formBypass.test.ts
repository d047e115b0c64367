/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn } from '../engine/testing/bpmn';
import { startEngineServer, type Creds, type EngineKit } from '../engine/testing/engineTestKit';
import { sampleFiles } from '../files/sampleFiles';
import { seedMatrix, type MatrixFixture, type MatrixUser } from '../testing/seedMatrix';

process.env.SCHEDULER_TICK_MS = '0';

/** A two-item checklist: a failing item needs a note and a photo and raises a hazard; plus a Photo field. */
const checklist = {
  type: 'object',
  'x-scoring': { passPercent: 80 },
  properties: {
    extinguisher: {
      type: 'object', title: '灭火器在有效期内', required: true, 'x-component': 'ScoredItem',
      'x-component-props': { score: 10, critical: false, onFail: { requireNote: true, requirePhoto: true, raiseHazard: true } },
    },
    exits: {
      type: 'object', title: '安全出口畅通', required: true, 'x-component': 'ScoredItem',
      'x-component-props': { score: 10, critical: true, onFail: { requireNote: true, requirePhoto: true, raiseHazard: true } },
    },
    alarm: {
      type: 'object', title: '火灾报警系统正常', required: true, 'x-component': 'ScoredItem',
      'x-component-props': { score: 5, onFail: { requireNote: true, raiseHazard: true } },
    },
    scene: { type: 'array', title: '现场照片', 'x-component': 'Photo', 'x-component-props': { maxCount: 3 } },
  },
};

const roundProcess = bpmn(
  'bypassRound',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="fill"/>
   <userTask id="fill" name="逐项检查" camunda:candidateGroups="safetyOfficer" camunda:formKey="safeflow:forms/bypassChecklist@latest"/>
   <sequenceFlow id="f2" sourceRef="fill" targetRef="after"/>
   <userTask id="after" name="after"/>
   <sequenceFlow id="f3" sourceRef="after" targetRef="end"/>
   <endEvent id="end"/>`,
);

describe('a SafeFlow form is completed only through its validation; photos are images by their bytes; checklists score and raise hazards', () => {
  let kit: EngineKit;
  let fx: MatrixFixture;
  let officer: MatrixUser;
  let creds: Creds;
  const api = (method: string, path: string, body?: unknown) => kit.server.request(method, `/api/v1${path}`, { token: officer.token, body });
  const upload = async (bytes: Buffer, name: string, declaredType: string) => {
    const form = new FormData();
    form.append('orgId', fx.orgs.E1.id);
    form.append('file', new Blob([new Uint8Array(bytes)], { type: declaredType }), name);
    const res = await kit.server.request('POST', '/api/v1/files', { token: officer.token, rawBody: form });
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; name: string; size: number; mime: string; sha256: string };
  };
  /** The reference a client sends, claiming `mime`. */
  const ref = (f: { id: string; name: string; size: number; sha256: string }, mime: string) => ({ fileId: f.id, name: f.name, size: f.size, mime, sha256: f.sha256 });
  const startRound = async () => {
    const started = await kit.rest('POST', `/process-definition/key/bypassRound/tenant-id/${fx.orgs.C.id}/start`, { as: creds, body: {} });
    expect(started.status, started.text).toBe(200);
    const tasks = await kit.rest('GET', `/task?processInstanceId=${started.body.id}`, { as: creds });
    return { instanceId: started.body.id as string, taskId: tasks.body[0].id as string };
  };

  beforeAll(async () => {
    kit = await startEngineServer();
    fx = await seedMatrix(kit.server, { prefix: 'fb' });
    officer = fx.user('safetyOfficer', 1);
    creds = { username: officer.username, password: fx.password };
    expect((await api('POST', '/definitions/form', { key: 'bypassChecklist', name: '消防检查表', content: checklist, orgId: fx.orgs.E1.id })).status).toBe(201);
    expect((await api('POST', '/definitions/form/bypassChecklist/publish?orgId=' + fx.orgs.E1.id, {})).status).toBe(200);
    expect((await kit.deploy({ 'round.bpmn': roundProcess }, { 'tenant-id': fx.orgs.C.id })).status).toBe(200);
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('answers 400 to /engine-rest complete and submit-form of a SafeFlow-form task without valid values, changing nothing, and validates and stores valid ones', async () => {
    const { instanceId, taskId } = await startRound();
    for (const action of ['complete', 'submit-form']) {
      const res = await kit.rest('POST', `/task/${taskId}/${action}`, { as: creds, body: { variables: { extinguisher: { value: '{"result":"fail"}', type: 'Json' } } } });
      expect(res.status, res.text).toBe(400);
      expect(res.body.type).toBe('InvalidRequestException');
      expect(res.body.message).toContain("the values of the SafeFlow form 'bypassChecklist' are invalid");
      expect(res.body.message).toContain('exits');
      expect(res.body.details.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(['extinguisher.note', 'exits', 'alarm']));
    }
    // the admin cannot either
    expect((await kit.rest('POST', `/task/${taskId}/complete`, { body: {} })).status).toBe(400);
    // nothing changed: the task is still there, no variable was written
    expect((await kit.rest('GET', `/task/${taskId}`, { as: creds })).status).toBe(200);
    const vars = await kit.rest('GET', `/process-instance/${instanceId}/variables`);
    expect(vars.body).toEqual({});
    expect(await kit.deps.db.query('SELECT id FROM submission WHERE task_id = ?', [taskId])).toEqual([]);
    // valid values through Camunda's complete are validated the same way, stored as a submission and complete the task
    const json = (v: unknown) => ({ value: JSON.stringify(v), type: 'Json' });
    const done = await kit.rest('POST', `/task/${taskId}/complete`, {
      as: creds,
      body: { variables: { extinguisher: json({ result: 'pass' }), exits: json({ result: 'pass' }), alarm: json({ result: 'fail', note: '报警器失灵' }), junk: { value: 'x', type: 'String' } } },
    });
    expect(done.status, done.text).toBe(204);
    expect((await kit.rest('GET', `/task/${taskId}`, { as: creds })).status).toBe(404);
    const [sub] = await kit.deps.db.query<{ id: string; data: string }>('SELECT id, data FROM submission WHERE task_id = ?', [taskId]);
    expect(Object.keys(JSON.parse(sub!.data)).sort()).toEqual(['alarm', 'exits', 'extinguisher']);
    const after = await kit.rest('GET', `/process-instance/${instanceId}/variables`);
    expect(after.body.submissionId.value).toBe(sub!.id);
    expect(after.body.hazardCount.value).toBe(1);
  });

  it('refuses a .txt file as the photo of a failing item or of a Photo field, whatever the client claims', async () => {
    const { taskId } = await startRound();
    const txt = await upload(Buffer.from('not a picture\n'), 'evidence.txt', 'image/png');
    expect(txt.mime).toBe('text/plain');
    const png = await upload(sampleFiles.png(), 'ok.png', 'image/png');
    const values = {
      extinguisher: { result: 'fail', note: '压力不足', photos: [ref(txt, 'image/png')] },
      exits: { result: 'pass' },
      alarm: { result: 'pass' },
      scene: [ref(txt, 'image/jpeg')],
    };
    const res = await api('POST', `/tasks/${taskId}/submit`, { values });
    expect(res.status, res.text).toBe(400);
    expect(res.body.code).toBe('submission.invalid');
    const errors = res.body.details.errors.map((e: any) => [e.path, e.code]);
    expect(errors).toEqual(expect.arrayContaining([['extinguisher.photos.0', 'photo.not_image'], ['scene.0', 'photo.not_image']]));
    // a failing item without its photo is refused too
    const noPhoto = await api('POST', `/tasks/${taskId}/submit`, { values: { ...values, extinguisher: { result: 'fail', note: '压力不足' }, scene: [] } });
    expect(noPhoto.status).toBe(400);
    expect(noPhoto.body.details.errors.map((e: any) => e.code)).toContain('scored.photo_required');
    // the task is still open
    expect((await kit.rest('GET', `/task/${taskId}`, { as: creds })).status).toBe(200);
    // a real PNG claimed as JPEG is accepted and stored as what its bytes are
    const ok = await api('POST', `/tasks/${taskId}/submit`, { values: { ...values, extinguisher: { result: 'pass' }, scene: [ref(png, 'image/jpeg')] } });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body.data.scene[0].mime).toBe('image/png');
    const stored = await api('GET', `/submissions/${ok.body.submissionId}`);
    expect(stored.body.data.scene[0]).toMatchObject({ fileId: png.id, mime: 'image/png', size: png.size });
  });

  it('scores the checklist and hands one hazard per failing item to the process', async () => {
    const { instanceId, taskId } = await startRound();
    const png = await upload(sampleFiles.png(), 'fail.png', 'image/png');
    const res = await api('POST', `/tasks/${taskId}/submit`, {
      values: {
        extinguisher: { result: 'fail', note: '压力不足', photos: [ref(png, 'image/png')], hazard: { location: '仓库A' } },
        exits: { result: 'fail', note: '出口堆放杂物', photos: [ref(png, 'image/png')] },
        alarm: { result: 'pass' },
      },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.checklist).toEqual({ score: 5, maxScore: 25, percent: 20, passed: false, failed: ['extinguisher', 'exits'], hazardCount: 2 });
    const vars = await kit.rest('GET', `/process-instance/${instanceId}/variables`);
    expect(vars.body.hazardCount.value).toBe(2);
    expect(vars.body.checklistPassed.value).toBe(false);
    expect(vars.body.checklistPercent.value).toBe(20);
    const hazards = JSON.parse(vars.body.hazardsToRaise.value);
    expect(hazards.map((h: any) => [h.title, h.checklistItem, h.suggestedGrade, h.location, h.description])).toEqual([
      ['灭火器在有效期内', 'extinguisher', '0', '仓库A', '压力不足'],
      ['安全出口畅通', 'exits', '1', null, '出口堆放杂物'],
    ]);
    expect(hazards[0].photos[0]).toMatchObject({ fileId: png.id, mime: 'image/png' });
    expect(hazards[0]).toMatchObject({ origin: 'inspection', originId: res.body.submissionId });
  });
});
