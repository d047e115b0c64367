import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordsServer, type RecordsServer } from '../records/testing/startRecordsServer';

const sha = 'a'.repeat(64);
const photo = (fileId: string) => ({ fileId, name: 'p.jpg', size: 2048, mime: 'image/jpeg', sha256: sha });

/** 日常消防检查 — a small daily fire inspection form. */
const fireCheckV1 = {
  type: 'object',
  properties: {
    extinguisherOk: { type: 'string', title: '灭火器是否完好', enum: ['yes', 'no'], 'x-component': 'Radio.Group', required: true },
    extinguisherCount: { type: 'number', title: '灭火器数量', 'x-component': 'InputNumber', minimum: 0 },
    note: { type: 'string', title: '备注', 'x-component': 'Input.TextArea' },
    photos: { type: 'array', title: '现场照片', 'x-component': 'Photo', required: true },
  },
};
const fireCheckV2 = {
  ...fireCheckV1,
  properties: { ...fireCheckV1.properties, inspector: { type: 'string', title: '检查人', 'x-component': 'Input', required: true } },
};

describe('/api/v1/forms/:key/submissions', () => {
  let server: RecordsServer;
  beforeAll(async () => {
    server = await startRecordsServer();
    await server.runtime.deps.db.transaction(async (tx) => {
      const insert = 'INSERT INTO file (id, org_id, org_path, tenant_id, name, size, mime, sha256, storage_key, created_by, created_at, updated_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 1)';
      await tx.execute(insert, ['file-a', server.orgs.entA.id, server.orgs.entA.path, server.fx.orgs.C.id, 'p.jpg', 2048, 'image/jpeg', sha, 'aa/aa/file-a', server.users.safetyA.id]);
      await tx.execute(insert, ['file-x', server.orgs.otherEnt.id, server.orgs.otherEnt.path, server.ox.orgs.C.id, 'p.jpg', 2048, 'image/jpeg', sha, 'aa/aa/file-x', server.users.otherAdmin.id]);
    });
    await server.publish('districtAdmin', 'form', 'fireCheck', fireCheckV1);
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  const submit = (body: unknown, headers?: Record<string, string>) => server.as('safetyA').post('/api/v1/forms/fireCheck/submissions', body, headers);

  it('stores a valid submission pinned to the form version, with unknown fields stripped', async () => {
    // when
    const res = await submit({ values: { extinguisherOk: 'yes', extinguisherCount: 4, photos: [photo('file-a')], hacker: '<script>' } });
    // then
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ formKey: 'fireCheck', formVersion: 1, status: 'submitted', orgId: server.orgs.entA.id });
    expect(res.body.data).toEqual({ extinguisherOk: 'yes', extinguisherCount: 4, photos: [photo('file-a')] });
    const got = await server.as('safetyA').get(`/api/v1/submissions/${res.body.id}`);
    expect(got.body.data).toEqual(res.body.data);
    expect(got.body.form.schema).toEqual(fireCheckV1);
    const audit = await server.runtime.deps.db.query<{ action: string }>('SELECT action FROM audit_log WHERE target_id = ?', [res.body.id]);
    expect(audit.map((a) => a.action)).toEqual(['submission.submit']);
  });

  it('rejects wrong types and missing required fields by path, in Chinese by default and English on request', async () => {
    // given
    const values = { extinguisherOk: 'maybe', extinguisherCount: 'four', photos: [] };
    // when
    const zh = await submit({ values });
    const en = await submit({ values }, { 'Accept-Language': 'en-US,en;q=0.9' });
    // then
    expect(zh.status).toBe(400);
    expect(zh.body.code).toBe('submission.invalid');
    const byPath = Object.fromEntries(zh.body.details.errors.map((e: { path: string; code: string }) => [e.path, e.code]));
    expect(byPath).toMatchObject({ extinguisherOk: 'form.enum', extinguisherCount: 'form.type', photos: 'form.required' });
    expect(zh.body.details.errors.find((e: { path: string }) => e.path === 'photos').message).toBe('该字段是必填字段');
    expect(en.body.details.errors.find((e: { path: string }) => e.path === 'photos').message).toBe('The field value is required');
  });

  it("rejects another tenant's file id", async () => {
    // when
    const res = await submit({ values: { extinguisherOk: 'no', photos: [photo('file-x')] } });
    // then
    expect(res.status).toBe(400);
    expect(res.body.details.errors).toEqual([expect.objectContaining({ path: 'photos.0', code: 'file.not_owned' })]);
  });

  it('saves a draft without required fields, but still checks types', async () => {
    // when
    const draft = await submit({ values: { extinguisherCount: 2 }, draft: true });
    const badDraft = await submit({ values: { extinguisherCount: 'x' }, draft: true });
    // then
    expect(draft.status).toBe(201);
    expect(draft.body.status).toBe('draft');
    expect(badDraft.status).toBe(400);
  });

  it('validates and renders a submission against v1 after v2 is published', async () => {
    // given
    const admin = server.as('districtAdmin');
    await admin.put('/api/v1/definitions/form/fireCheck/draft', { content: fireCheckV2 });
    expect((await admin.post('/api/v1/definitions/form/fireCheck/publish', {})).status).toBe(200);
    const values = { extinguisherOk: 'yes', photos: [photo('file-a')] };
    // when
    const latest = await submit({ values });
    const pinned = await submit({ values, version: 1 });
    // then
    expect(latest.status).toBe(400);
    expect(latest.body.details.errors.map((e: { path: string }) => e.path)).toEqual(['inspector']);
    expect(pinned.status).toBe(201);
    expect(pinned.body.formVersion).toBe(1);
    const got = await server.as('safetyA').get(`/api/v1/submissions/${pinned.body.id}`);
    expect(got.body.form).toMatchObject({ version: 1, schema: fireCheckV1 });
    const diff = await admin.get('/api/v1/definitions/form/fireCheck/diff?from=1&to=2');
    expect(diff.status).toBe(200);
    expect(JSON.stringify(diff.body.changes)).toContain('inspector');
  });

  it('replays a retried submission with the same Idempotency-Key', async () => {
    // given
    const body = { values: { extinguisherOk: 'yes', inspector: '王五', photos: [photo('file-a')] } };
    // when
    const a = await submit(body, { 'Idempotency-Key': 'sub-1' });
    const b = await submit(body, { 'Idempotency-Key': 'sub-1' });
    // then
    expect(a.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    const rows = await server.runtime.deps.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM submission WHERE idempotency_key = ?', ['sub-1']);
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('lets a worker (task.work, no record.write) submit a form', async () => {
    // when
    const res = await server.as('workerA').post('/api/v1/forms/fireCheck/submissions', { values: { extinguisherOk: 'yes', inspector: '赵六', photos: [photo('file-a')] } });
    // then
    expect(res.status).toBe(201);
    expect(res.body.createdBy).toBe(server.users.workerA.id);
  });

  it("hides other tenants' submissions (404)", async () => {
    // given
    const mine = await submit({ values: { extinguisherOk: 'yes', inspector: '王五', photos: [photo('file-a')] } });
    // when
    const res = await server.as('otherAdmin').get(`/api/v1/submissions/${mine.body.id}`);
    // then
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('submission.not_found');
  });
});
