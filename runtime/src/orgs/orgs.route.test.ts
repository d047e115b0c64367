import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/startTestServer';
import { seedMatrix, type MatrixFixture } from '../testing/seedMatrix';

describe('org routes', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let fx: MatrixFixture;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer();
    fx = await seedMatrix(server);
    token = fx.user('cityBureauAdmin').token;
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  const post = (path: string, body: unknown, t = token) =>
    server.request('POST', `/api/v1${path}`, { token: t, body });

  it('creates a park with validated archive info', async () => {
    // when
    const res = await post('/orgs', {
      parentId: fx.orgs.S1.id,
      type: 'park',
      name: '科创园',
      info: {
        safetyLead: '周工',
        emergencyPhone: '0571-1',
        securityStaffCount: 3,
        longitude: 120.2,
        latitude: 30.2,
      },
    });
    // then
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      type: 'park',
      parentId: fx.orgs.S1.id,
      tenantId: fx.orgs.C.id,
      revision: 1,
    });
    expect(res.body.path).toBe(`${fx.orgs.S1.path}${res.body.id}/`);
    expect(res.body.info.safetyLead).toBe('周工');
  });

  it('indexes the enterprise number and risk level and finds enterprises by number', async () => {
    // given
    await post('/orgs', {
      parentId: fx.orgs.S1.id,
      type: 'enterprise',
      name: '测试精密制造',
      info: {
        number: 'DYRA1706237606',
        riskLevel: 'major',
        industry: '制造业',
        legalRepresentative: '王某',
        phone: '138',
      },
    });
    // when
    const res = await server.request('GET', '/api/v1/orgs?q=DYRA17062&type=enterprise', { token });
    // then
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({ enterpriseNumber: 'DYRA1706237606', riskLevel: 'major' });
  });

  it('rejects unknown fields, wrong types and bad info with field paths', async () => {
    // when
    const unknown = await post('/orgs', { parentId: fx.orgs.S1.id, type: 'park', name: 'x', colour: 'red' });
    const wrongType = await post('/orgs', { parentId: fx.orgs.S1.id, type: 'park', name: 42 });
    const badInfo = await post('/orgs', {
      parentId: fx.orgs.S1.id,
      type: 'enterprise',
      name: 'x',
      info: { riskLevel: 'extreme', fax: '1' },
    });
    // then
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('request.invalid');
    expect(unknown.body.details.issues).toEqual([
      expect.objectContaining({ path: 'body', code: 'unrecognized_keys' }),
    ]);
    expect(unknown.body.message).toContain('colour');
    expect(wrongType.body.details.issues[0].path).toBe('body.name');
    expect(badInfo.status).toBe(400);
    expect(badInfo.body.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'body.info',
      'body.info.riskLevel',
    ]);
  });

  it('answers malformed JSON with request.invalid_json', async () => {
    const res = await server.request('POST', '/api/v1/orgs', {
      token,
      rawBody: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('request.invalid_json');
  });

  it('requires a token', async () => {
    const res = await server.request('GET', '/api/v1/orgs');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('auth.unauthenticated');
  });

  it('refuses types that do not belong under the parent', async () => {
    const res = await post('/orgs', { parentId: fx.orgs.E1.id, type: 'districtBureau', name: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('org.type_not_allowed');
  });

  it('lets only platform admins create top-level orgs', async () => {
    const city = await post('/orgs', { type: 'cityBureau', name: 'Another city' });
    const admin = await post(
      '/orgs',
      { type: 'cityBureau', name: 'Another city' },
      fx.user('platformAdmin').token,
    );
    expect(city.status).toBe(403);
    expect(admin.status).toBe(201);
    expect(admin.body.tenantId).toBe(admin.body.id);
  });

  it('detects lost updates with the revision (409)', async () => {
    // given
    const org = (await post('/orgs', { parentId: fx.orgs.S2.id, type: 'enterprise', name: 'Rev Ltd' })).body;
    // when
    const first = await server.request('PATCH', `/api/v1/orgs/${org.id}`, {
      token,
      body: { name: 'Rev One', revision: 1 },
    });
    const stale = await server.request('PATCH', `/api/v1/orgs/${org.id}`, {
      token,
      body: { name: 'Rev Two', revision: 1 },
    });
    // then
    expect(first.status).toBe(200);
    expect(first.body.revision).toBe(2);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('concurrency.conflict');
    expect((await server.request('GET', `/api/v1/orgs/${org.id}`, { token })).body.name).toBe('Rev One');
  });

  it('moves a subtree in one transaction, rewriting every path', async () => {
    // given: a park with an enterprise and a department under S1
    const park = (await post('/orgs', { parentId: fx.orgs.S1.id, type: 'park', name: 'Moving park' })).body;
    const ent = (await post('/orgs', { parentId: park.id, type: 'enterprise', name: 'Moving Ltd' })).body;
    const dept = (await post('/orgs', { parentId: ent.id, type: 'department', name: 'Workshop 1' })).body;
    // when
    const moved = await post(`/orgs/${park.id}/move`, { newParentId: fx.orgs.S2.id, revision: 1 });
    // then
    expect(moved.status).toBe(200);
    expect(moved.body.path).toBe(`${fx.orgs.S2.path}${park.id}/`);
    const d = (await server.request('GET', `/api/v1/orgs/${dept.id}`, { token })).body;
    expect(d.path).toBe(`${fx.orgs.S2.path}${park.id}/${ent.id}/${dept.id}/`);
    const seenByD1 = await server.request('GET', `/api/v1/orgs/${dept.id}`, {
      token: fx.user('districtBureauAdmin', 1).token,
    });
    const seenByD2 = await server.request('GET', `/api/v1/orgs/${dept.id}`, {
      token: fx.user('districtBureauAdmin', 2).token,
    });
    expect(seenByD1.status).toBe(404);
    expect(seenByD2.status).toBe(200);
  });

  it('refuses to move an org under its own descendant', async () => {
    // given
    const park = (await post('/orgs', { parentId: fx.orgs.S1.id, type: 'park', name: 'Loop park' })).body;
    const zone = (await post('/orgs', { parentId: park.id, type: 'zone', name: 'Loop zone' })).body;
    // when
    const res = await post(`/orgs/${park.id}/move`, { newParentId: zone.id, revision: 1 });
    const self = await post(`/orgs/${park.id}/move`, { newParentId: park.id, revision: 1 });
    // then
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('org.move_into_descendant');
    expect(self.body.code).toBe('org.move_into_descendant');
  });

  it('needs write scope on both ends of a move', async () => {
    const d1 = fx.user('districtBureauAdmin', 1).token;
    const park = (await post('/orgs', { parentId: fx.orgs.S1.id, type: 'park', name: 'Scoped park' }, d1))
      .body;
    const res = await post(`/orgs/${park.id}/move`, { newParentId: fx.orgs.S2.id, revision: 1 }, d1);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('org.not_found');
  });

  it('archives leaf orgs only and hides them from lists', async () => {
    // given
    const ent = (await post('/orgs', { parentId: fx.orgs.S2.id, type: 'enterprise', name: 'Closing Ltd' }))
      .body;
    const dept = (await post('/orgs', { parentId: ent.id, type: 'department', name: 'Last dept' })).body;
    // when
    const refused = await post(`/orgs/${ent.id}/archive`, { revision: 1 });
    const leaf = await post(`/orgs/${dept.id}/archive`, { revision: 1 });
    const list = await server.request('GET', `/api/v1/orgs?parentId=${ent.id}`, { token });
    const all = await server.request('GET', `/api/v1/orgs?parentId=${ent.id}&includeArchived=true`, {
      token,
    });
    // then
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('org.has_children');
    expect(leaf.body.archived).toBe(true);
    expect(list.body.total).toBe(0);
    expect(all.body.total).toBe(1);
  });

  it('replays a create with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': `org-${crypto.randomUUID()}` };
    const body = { parentId: fx.orgs.S2.id, type: 'enterprise', name: 'Once Ltd' };
    const a = await server.request('POST', '/api/v1/orgs', { token, body, headers });
    const b = await server.request('POST', '/api/v1/orgs', { token, body, headers });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect((await server.request('GET', `/api/v1/orgs?q=Once%20Ltd`, { token })).body.total).toBe(1);
  });

  it('lists org types and paginates', async () => {
    const types = await server.request('GET', '/api/v1/org-types', { token });
    const page = await server.request('GET', '/api/v1/orgs?pageSize=2&page=2', { token });
    expect(types.body.items.map((t: { key: string }) => t.key)).toEqual(
      expect.arrayContaining(['cityBureau', 'park', 'enterprise', 'zone', 'publicArea']),
    );
    expect(page.body).toMatchObject({ page: 2, pageSize: 2 });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThan(4);
  });

  it('returns an org with its descendants as a tree listing', async () => {
    // when
    const res = await server.request('GET', `/api/v1/orgs/${fx.orgs.D1.id}/tree`, { token });
    const outside = await server.request('GET', `/api/v1/orgs/${fx.orgs.D2.id}/tree`, {
      token: fx.user('districtBureauAdmin', 1).token,
    });
    // then
    expect(res.status).toBe(200);
    expect(res.body.items[0].id).toBe(fx.orgs.D1.id);
    expect(res.body.items.map((o: { id: string }) => o.id)).toEqual(
      expect.arrayContaining([fx.orgs.S1.id, fx.orgs.E1.id]),
    );
    for (const o of res.body.items) expect(o.path.startsWith(fx.orgs.D1.path)).toBe(true);
    expect(outside.status).toBe(404);
  });
});
