import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordsServer, type RecordsServer } from '../records/testing/startRecordsServer';

const form = (title: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  properties: { note: { type: 'string', title, 'x-component': 'Input', ...extra } },
});

describe('form definitions: lint before anything is stored', () => {
  let server: RecordsServer;
  beforeAll(async () => {
    server = await startRecordsServer();
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  const stored = async () => Number((await server.runtime.deps.db.query<{ n: number }>("SELECT COUNT(*) AS n FROM definition WHERE kind = 'form'"))[0]!.n);

  it('rejects a hostile expression with its path and stores nothing', async () => {
    // when
    const res = await server.as('districtAdmin').post('/api/v1/definitions/form', { key: 'evil', name: 'evil', content: form('{{typeof process + process.version}}') });
    // then
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('definition.invalid');
    expect(res.body.details.issues.length).toBeGreaterThan(0);
    expect(res.body.details.issues[0].path).toContain('note');
    expect(await stored()).toBe(0);
  });

  it('rejects a constructor-chain escape and a fulfill.run reaction in a draft edit, leaving the draft unchanged', async () => {
    // given
    const admin = server.as('districtAdmin');
    expect((await admin.post('/api/v1/definitions/form', { key: 'ok', name: 'ok', content: form('备注') })).status).toBe(201);
    // when
    const ctor = await admin.put('/api/v1/definitions/form/ok/draft', { content: form("{{$self.constructor.constructor('return process')()}}") });
    const run = await admin.put('/api/v1/definitions/form/ok/draft', {
      content: form('备注', { 'x-reactions': { dependencies: ['a'], fulfill: { run: "fetch('http://evil')" } } }),
    });
    // then
    expect(ctor.status).toBe(400);
    expect(run.status).toBe(400);
    expect(run.body.details.issues.some((i: { path: string }) => i.path.includes('note'))).toBe(true);
    const draft = await admin.get('/api/v1/definitions/form/ok');
    expect(draft.body.version.content).toEqual(form('备注'));
    expect(draft.body.version.revision).toBe(1);
  });

  it('rejects a reaction that depends on a field the form does not have', async () => {
    // when
    const res = await server.as('districtAdmin').post('/api/v1/definitions/form', {
      key: 'dangling', name: 'dangling', content: form('备注', { 'x-reactions': { dependencies: ['.ghost'], fulfill: { state: { visible: "{{$deps[0] === 'yes'}}" } } } }),
    });
    // then
    expect(res.status).toBe(400);
    expect(res.body.details.issues[0].path).toContain('properties.note.x-reactions');
  });

  it('accepts a safe linkage expression and publishes with a content hash', async () => {
    // given
    const base = form('备注', { 'x-reactions': { dependencies: ['.hasFire'], fulfill: { state: { visible: "{{$deps[0] === 'yes'}}" } } } });
    const content = { ...base, properties: { hasFire: { type: 'string', title: '是否有明火', enum: ['yes', 'no'], 'x-component': 'Radio.Group' }, ...base.properties } };
    const admin = server.as('districtAdmin');
    // when
    const created = await admin.post('/api/v1/definitions/form', { key: 'linked', name: 'linked', content });
    const published = await admin.post('/api/v1/definitions/form/linked/publish', {});
    // then
    expect(created.status).toBe(201);
    expect(published.status).toBe(200);
    expect(published.body.version.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
