import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordsServer, type RecordsServer } from '../records/testing/startRecordsServer';
import { hazardCollection, hazardLedgerView } from '../records/testing/hazardSamples';

describe('/api/v1/definitions', () => {
  let server: RecordsServer;
  beforeAll(async () => {
    server = await startRecordsServer();
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  const auditCount = async (action: string) =>
    Number((await server.runtime.deps.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log WHERE action = ?', [action]))[0]!.n);

  it('creates a draft, publishes it, and keeps published versions immutable (editing starts v2)', async () => {
    // given
    const admin = server.as('districtAdmin');
    const created = await admin.post('/api/v1/definitions/collection', { key: 'hazard', name: '隐患', content: hazardCollection });
    expect(created.status).toBe(201);
    expect(created.body.version).toMatchObject({ version: 1, status: 'draft' });
    // when
    const published = await admin.post('/api/v1/definitions/collection/hazard/publish', { note: 'first' });
    const v2Content = { ...hazardCollection, fields: { ...hazardCollection.fields, location: { type: 'string' } } };
    const edited = await admin.put('/api/v1/definitions/collection/hazard/draft', { content: v2Content });
    // then
    expect(published.status).toBe(200);
    expect(published.body.version).toMatchObject({ version: 1, status: 'published', publishedBy: server.users.districtAdmin.id });
    expect(published.body.version.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(published.body.version.content.indexFields.map((i: { slot: string }) => i.slot)).toEqual(['ix_s1', 'ix_s2', 'ix_s3', 'ix_s4', 'ix_t1', 'ix_n1']);
    expect(edited.status).toBe(200);
    expect(edited.body.version).toMatchObject({ version: 2, status: 'draft' });
    const v1 = await admin.get('/api/v1/definitions/collection/hazard/versions/1');
    expect(v1.body.version.content.fields.location).toBeUndefined();
    expect(v1.body.version.hash).toBe(published.body.version.hash);
    const current = await admin.get('/api/v1/definitions/collection/hazard');
    expect(current.body.definition).toMatchObject({ latestVersion: 2, publishedVersion: 1 });
    expect(current.body.version.version).toBe(1);
    expect(current.body.draft.version).toBe(2);
    expect(await auditCount('definition.publish')).toBeGreaterThanOrEqual(1);
  });

  it('publishes v2 keeping the slots of v1, lists versions and diffs them', async () => {
    // given
    const admin = server.as('districtAdmin');
    await admin.put('/api/v1/definitions/collection/hazard/draft', {
      content: { ...hazardCollection, fields: { ...hazardCollection.fields, location: { type: 'string' } }, indexFields: [{ field: 'location' }, ...hazardCollection.indexFields] },
    });
    // when
    const published = await admin.post('/api/v1/definitions/collection/hazard/publish', {});
    const versions = await admin.get('/api/v1/definitions/collection/hazard/versions');
    const diff = await admin.get('/api/v1/definitions/collection/hazard/diff?from=1&to=2');
    // then
    expect(published.body.version.version).toBe(2);
    const slots = Object.fromEntries(published.body.version.content.indexFields.map((i: { field: string; slot: string }) => [i.field, i.slot]));
    expect(slots).toMatchObject({ riskLevel: 'ix_s1', hazardType: 'ix_s2', source: 'ix_s3', responsiblePerson: 'ix_s4', deadline: 'ix_t1', rectifyCost: 'ix_n1', location: 'ix_s5' });
    expect(versions.body.items.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[1, 'published'], [2, 'published']]);
    expect(diff.status).toBe(200);
    expect(diff.body.changes).toContainEqual({ path: 'fields.location', op: 'added', to: { type: 'string' } });
  });

  it('resolves the nearest definition up the org path: a local variant overrides the district one in its subtree only', async () => {
    // given: the district's view is published; enterprise A publishes its own variant
    await server.publish('districtAdmin', 'view', 'hazardLedger', hazardLedgerView);
    await server.publish('safetyA', 'view', 'hazardLedger', { ...hazardLedgerView, defaultSort: { field: 'deadline', dir: 'asc' } }, server.orgs.entA.id);
    // when
    const forA = await server.as('safetyA').get('/api/v1/definitions/view/hazardLedger');
    const forB = await server.as('safetyB').get('/api/v1/definitions/view/hazardLedger');
    const forDistrict = await server.as('districtAdmin').get('/api/v1/definitions/view/hazardLedger');
    const listB = await server.as('safetyB').get('/api/v1/definitions/view');
    const listDistrict = await server.as('districtAdmin').get('/api/v1/definitions/view');
    // then
    expect(forA.body.definition.orgId).toBe(server.orgs.entA.id);
    expect(forA.body.version.content.defaultSort.field).toBe('deadline');
    expect(forB.body.definition.orgId).toBe(server.orgs.district.id);
    expect(forDistrict.body.definition.orgId).toBe(server.orgs.district.id);
    expect(listB.body.items.map((d: { orgId: string }) => d.orgId)).toEqual([server.orgs.district.id]);
    expect(listDistrict.body.items.map((d: { orgId: string }) => d.orgId).sort()).toEqual([server.orgs.district.id, server.orgs.entA.id].sort());
  });

  it('keeps other tenants out: definitions of another tenant are not found', async () => {
    // when
    const res = await server.as('otherAdmin').get('/api/v1/definitions/collection/hazard');
    const list = await server.as('otherAdmin').get('/api/v1/definitions/collection');
    // then
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('definition.not_found');
    expect(list.body.items).toEqual([]);
  });

  it("forbids editing a parent org's definition from below (a local variant is the way)", async () => {
    // when
    const res = await server.as('safetyB').put('/api/v1/definitions/collection/hazard/draft', { content: hazardCollection });
    // then
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('definition.forbidden');
  });

  it('requires definition.write to change and definition.read to read', async () => {
    // when
    const write = await server.as('readerA').post('/api/v1/definitions/collection', { key: 'x', name: 'x', content: hazardCollection });
    const read = await server.as('readerA').get('/api/v1/definitions/collection/hazard');
    // then
    expect(write.status).toBe(403);
    expect(write.body.code).toBe('auth.forbidden');
    expect(read.status).toBe(200);
  });

  it('rejects an inconsistent collection with the issue paths and stores nothing', async () => {
    // given
    const bad = { ...hazardCollection, key: 'broken', initialState: 'nowhere', indexFields: [{ field: 'photos' }, { field: 'ghost' }] };
    // when
    const res = await server.as('districtAdmin').post('/api/v1/definitions/collection', { key: 'broken', name: 'broken', content: bad });
    // then
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('definition.invalid');
    const paths = res.body.details.issues.map((i: { path: string; code: string }) => `${i.path}:${i.code}`);
    expect(paths).toEqual(expect.arrayContaining(['initialState:collection.unknown_state', 'indexFields.0.field:collection.not_indexable', 'indexFields.1.field:collection.unknown_field']));
    const get = await server.as('districtAdmin').get('/api/v1/definitions/collection/broken');
    expect(get.status).toBe(404);
  });

  it("rejects publishing a view whose filters or columns are not index fields of its collection", async () => {
    // given
    const view = { ...hazardLedgerView, key: 'badView', filters: [{ field: 'description', op: 'eq' }], columns: [{ field: 'measures', title: { zh: '措施', en: 'Measures' } }] };
    const admin = server.as('districtAdmin');
    expect((await admin.post('/api/v1/definitions/view', { key: 'badView', name: 'v', content: view })).status).toBe(201);
    // when
    const res = await admin.post('/api/v1/definitions/view/badView/publish', {});
    // then
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('definition.invalid');
    expect(res.body.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['columns.0.field', 'filters.0.field']);
    const current = await admin.get('/api/v1/definitions/view/badView');
    expect(current.body.definition.publishedVersion).toBeNull();
    expect(current.body.version.status).toBe('draft');
  });

  it('archives a published version: the previous published one becomes current, the archived one stays readable', async () => {
    // given
    const admin = server.as('districtAdmin');
    // when
    const res = await admin.post('/api/v1/definitions/collection/hazard/archive', { version: 2 });
    const current = await admin.get('/api/v1/definitions/collection/hazard');
    const v2 = await admin.get('/api/v1/definitions/collection/hazard/versions/2');
    // then
    expect(res.status).toBe(200);
    expect(res.body.version.status).toBe('archived');
    expect(current.body.definition.publishedVersion).toBe(1);
    expect(v2.body.version.status).toBe('archived');
    expect(await auditCount('definition.archive')).toBe(1);
  });
});
