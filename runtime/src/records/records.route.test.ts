import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordsServer, type RecordsServer } from './testing/startRecordsServer';
import { hazardCollection } from './testing/hazardSamples';

describe('/api/v1/records/:collection', () => {
  let server: RecordsServer;
  beforeAll(async () => {
    server = await startRecordsServer();
    await server.publish('districtAdmin', 'collection', 'hazard', hazardCollection);
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  const hazard = { title: '配电箱未接地', riskLevel: 'major', hazardType: 'electrical', source: 'daily', responsiblePerson: '张三', rectifyCost: 1200, deadline: '2026-12-31' };
  const create = async (user: 'safetyA' | 'safetyB' = 'safetyA', data: Record<string, unknown> = hazard) => {
    const res = await server.as(user).post('/api/v1/records/hazard', { data });
    expect(res.status).toBe(201);
    return res.body;
  };

  it('creates a record in the initial state with its index slots filled', async () => {
    // when
    const rec = await create();
    // then
    expect(rec).toMatchObject({ collectionKey: 'hazard', collectionVersion: 1, orgId: server.orgs.entA.id, status: 'reported', revision: 1, data: hazard });
    const [row] = await server.runtime.deps.db.query<Record<string, unknown>>('SELECT ix_s1, ix_s2, ix_s4, ix_n1, ix_t1 FROM record WHERE id = ?', [rec.id]);
    expect(row).toEqual({ ix_s1: 'major', ix_s2: 'electrical', ix_s4: '张三', ix_n1: 1200, ix_t1: Date.parse('2026-12-31') });
  });

  it('rejects invalid data with the field paths and stores nothing', async () => {
    // given
    const before = await server.runtime.deps.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM record');
    // when
    const res = await server.as('safetyA').post('/api/v1/records/hazard', { data: { riskLevel: 'catastrophic', rectifyCost: 'lots', extra: 1 } });
    // then
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('record.invalid');
    expect(res.body.details.errors.map((e: { path: string }) => e.path).sort()).toEqual(['extra', 'rectifyCost', 'riskLevel', 'title']);
    const after = await server.runtime.deps.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM record');
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n));
  });

  it("isolates tenants and enterprises: another tenant's or a sibling's record is 404; the district sees it", async () => {
    // given
    const rec = await create();
    // when
    const other = await server.as('otherAdmin').get(`/api/v1/records/hazard/${rec.id}`);
    const sibling = await server.as('safetyB').get(`/api/v1/records/hazard/${rec.id}`);
    const district = await server.as('districtAdmin').get(`/api/v1/records/hazard/${rec.id}`);
    const otherWrite = await server.as('otherAdmin').post(`/api/v1/records/hazard/${rec.id}/transition`, { to: 'rectifying', revision: 1 });
    // then
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('record.not_found');
    expect(sibling.status).toBe(404);
    expect(otherWrite.status).toBe(404);
    expect(district.status).toBe(200);
  });

  it("guards transitions by the collection's table and the caller's role in the record's org", async () => {
    // given
    const rec = await create();
    // when
    const unknown = await server.as('safetyA').post(`/api/v1/records/hazard/${rec.id}/transition`, { to: 'pendingAcceptance', revision: 1 });
    const forbidden = await server.as('operatorA').post(`/api/v1/records/hazard/${rec.id}/transition`, { to: 'rectifying', revision: 1 });
    const allowed = await server.as('ownerA').post(`/api/v1/records/hazard/${rec.id}/transition`, { to: 'rectifying', note: '限期整改', revision: 1 });
    const byOperator = await server.as('operatorA').post(`/api/v1/records/hazard/${rec.id}/transition`, { to: 'pendingAcceptance', revision: 2 });
    const byDistrict = await server.as('districtAdmin').post(`/api/v1/records/hazard/${rec.id}/transition`, { to: 'closed', revision: 3 });
    // then
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('record.invalid_transition');
    expect(unknown.body.details.allowed.sort()).toEqual(['closed', 'rectifying']);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('record.transition_forbidden');
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({ status: 'rectifying', revision: 2 });
    expect(byOperator.body.status).toBe('pendingAcceptance');
    expect(byDistrict.status).toBe(200);
    expect(byDistrict.body.status).toBe('closed');
  });

  it('rejects a stale revision with 409 on update and transition', async () => {
    // given
    const rec = await create();
    const first = await server.as('safetyA').put(`/api/v1/records/hazard/${rec.id}`, { data: { ...hazard, rectifyCost: 5000 }, revision: 1 });
    // when
    const stale = await server.as('safetyA').put(`/api/v1/records/hazard/${rec.id}`, { data: { ...hazard, rectifyCost: 1 }, revision: 1 });
    const staleMove = await server.as('safetyA').post(`/api/v1/records/hazard/${rec.id}/transition`, { to: 'rectifying', revision: 1 });
    // then
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ revision: 2, data: { rectifyCost: 5000 } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('concurrency.conflict');
    expect(staleMove.status).toBe(409);
    const now = await server.as('safetyA').get(`/api/v1/records/hazard/${rec.id}`);
    expect(now.body).toMatchObject({ status: 'reported', revision: 2, data: { rectifyCost: 5000 } });
    const [row] = await server.runtime.deps.db.query<{ ix_n1: number }>('SELECT ix_n1 FROM record WHERE id = ?', [rec.id]);
    expect(row!.ix_n1).toBe(5000);
  });

  it('returns the history: transitions with notes and the audit entries', async () => {
    // given
    const rec = await create();
    await server.as('safetyA').post(`/api/v1/records/hazard/${rec.id}/transition`, { to: 'rectifying', note: '下发整改通知', revision: 1 });
    await server.as('safetyA').put(`/api/v1/records/hazard/${rec.id}`, { data: { ...hazard, measures: '加装接地线' }, revision: 2 });
    // when
    const res = await server.as('safetyA').get(`/api/v1/records/hazard/${rec.id}/history`);
    // then
    expect(res.status).toBe(200);
    expect(res.body.transitions).toEqual([expect.objectContaining({ from: 'reported', to: 'rectifying', actorName: server.users.safetyA.username, note: '下发整改通知' })]);
    expect(res.body.audit.map((a: { action: string }) => a.action)).toEqual(['record.create', 'record.transition', 'record.update']);
  });

  it("creates a record through the collection's form: validated by the form, submission stored and linked", async () => {
    // given: a 随手拍 (spot report) form and a collection created through it
    const form = {
      type: 'object',
      properties: {
        title: { type: 'string', title: '隐患名称', 'x-component': 'Input', required: true },
        riskLevel: { type: 'string', title: '隐患等级', enum: ['general', 'major'], 'x-component': 'Radio.Group', required: true },
        remark: { type: 'string', title: '补充说明', 'x-component': 'Input.TextArea' },
      },
    };
    await server.publish('districtAdmin', 'form', 'spotReport', form);
    const spot = { ...hazardCollection, key: 'spotHazard', formKey: 'spotReport', fields: { title: hazardCollection.fields.title!, riskLevel: hazardCollection.fields.riskLevel! }, indexFields: [{ field: 'riskLevel' }] };
    await server.publish('districtAdmin', 'collection', 'spotHazard', spot);
    // when
    const bad = await server.as('safetyA').post('/api/v1/records/spotHazard', { values: { riskLevel: 'major' } });
    const ok = await server.as('safetyA').post('/api/v1/records/spotHazard', { values: { title: '消防通道堵塞', riskLevel: 'major', remark: '仓库门口', junk: 1 } });
    // then
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('submission.invalid');
    expect(bad.body.details.errors.map((e: { path: string }) => e.path)).toEqual(['title']);
    expect(ok.status).toBe(201);
    expect(ok.body.data).toEqual({ title: '消防通道堵塞', riskLevel: 'major' });
    expect(ok.body.formVersionId).toBeTruthy();
    const sub = await server.as('safetyA').get(`/api/v1/submissions/${ok.body.submissionId}`);
    expect(sub.body).toMatchObject({ recordId: ok.body.id, formKey: 'spotReport', data: { title: '消防通道堵塞', riskLevel: 'major', remark: '仓库门口' } });
  });

  it('replays a retried create with the same Idempotency-Key instead of creating twice', async () => {
    // given
    const headers = { 'Idempotency-Key': 'hazard-create-1' };
    // when
    const a = await server.as('safetyA').post('/api/v1/records/hazard', { data: hazard }, headers);
    const b = await server.as('safetyA').post('/api/v1/records/hazard', { data: hazard }, headers);
    // then
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
  });
});
