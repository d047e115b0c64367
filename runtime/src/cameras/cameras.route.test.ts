import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { defaultCameraFileDirs } from './assertCameraFile';
import { seedMatrix, type MatrixFixture } from '../testing/seedMatrix';
import { startTestServer } from '../testing/startTestServer';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('/api/v1/cameras (scoped, audited, revisioned)', () => {
  let server: Server;
  let m: MatrixFixture;
  const body = (orgId: string, extra: Record<string, unknown> = {}) => ({
    orgId,
    name: '1号门岗',
    source: { kind: 'rtsp', url: 'rtsp://admin:s3cret@10.0.0.5:554/Streaming/Channels/101' },
    location: { x: 120.5, y: 88 },
    zone: { name: '罐区', risk: 'red' },
    diagnostics: { thresholds: { castK: 1.3 } },
    ...extra,
  });

  beforeAll(async () => {
    server = await startTestServer();
    m = await seedMatrix(server);
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('registers a camera with its site-plan location, zone and thresholds; hides the RTSP password; audits it', async () => {
    // given
    const officer = m.user('safetyOfficer', 1);
    // when
    const res = await server.request('POST', '/api/v1/cameras', { token: officer.token, body: body(m.orgs.E1.id) });
    // then
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      orgId: m.orgs.E1.id,
      name: '1号门岗',
      source: { kind: 'rtsp', url: 'rtsp://admin:***@10.0.0.5:554/Streaming/Channels/101' },
      location: { x: 120.5, y: 88 },
      zone: { name: '罐区', risk: 'red' },
      diagnostics: { thresholds: { castK: 1.3 }, baseline: null },
      enabled: true,
      revision: 1,
    });
    const [row] = await server.runtime.deps.db.query<{ source_url: string }>('SELECT source_url FROM camera WHERE id = ?', [res.body.id]);
    expect(row.source_url).toBe('rtsp://admin:s3cret@10.0.0.5:554/Streaming/Channels/101');
    const audit = await server.runtime.deps.db.query<{ action: string }>('SELECT action FROM audit_log WHERE target_id = ?', [res.body.id]);
    expect(audit.map((a) => a.action)).toEqual(['camera.create']);
  });

  it('updates with the revision, keeps a *** password, answers 409 on a stale revision, deletes', async () => {
    const officer = m.user('safetyOfficer', 1);
    const created = (await server.request('POST', '/api/v1/cameras', { token: officer.token, body: body(m.orgs.E1.id, { name: 'B' }) })).body;
    const { id, orgId: _o, revision, createdAt: _c, updatedAt: _u, ...rest } = created;
    const put = await server.request('PUT', `/api/v1/cameras/${id}`, { token: officer.token, body: { ...rest, name: 'B2', zone: { name: '仓库', risk: 'yellow' }, revision } });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toMatchObject({ name: 'B2', zone: { risk: 'yellow' }, revision: 2 });
    const [row] = await server.runtime.deps.db.query<{ source_url: string }>('SELECT source_url FROM camera WHERE id = ?', [id]);
    expect(row.source_url).toContain(':s3cret@');
    const stale = await server.request('PUT', `/api/v1/cameras/${id}`, { token: officer.token, body: { ...rest, revision } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('concurrency.conflict');
    const del = await server.request('DELETE', `/api/v1/cameras/${id}?revision=2`, { token: officer.token });
    expect(del.status, del.text).toBe(204);
    expect((await server.request('GET', `/api/v1/cameras/${id}`, { token: officer.token })).status).toBe(404);
  });

  it('keeps one enterprise from another (404), lets the district see its subtree, filters by org and risk', async () => {
    // given
    const e1 = m.user('safetyOfficer', 1);
    const e2 = m.user('safetyOfficer', 2);
    const cam = (await server.request('POST', '/api/v1/cameras', { token: e1.token, body: body(m.orgs.E1.id, { name: 'scoped', zone: { name: 'x', risk: 'blue' } }) })).body;
    // then
    expect((await server.request('GET', `/api/v1/cameras/${cam.id}`, { token: e2.token })).status).toBe(404);
    expect((await server.request('PUT', `/api/v1/cameras/${cam.id}`, { token: e2.token, body: { name: 'x', source: { kind: 'file', path: '/tmp/a.mp4' }, revision: 1 } })).status).toBe(404);
    const other = await server.request('GET', '/api/v1/cameras', { token: e2.token });
    expect(other.body.items.map((c: { id: string }) => c.id)).not.toContain(cam.id);
    const district = await server.request('GET', `/api/v1/cameras?risk=blue`, { token: m.user('districtBureauAdmin', 1).token });
    expect(district.body.items.map((c: { id: string }) => c.id)).toEqual([cam.id]);
    const byOrg = await server.request('GET', `/api/v1/cameras?orgId=${m.orgs.E2.id}`, { token: e1.token });
    expect(byOrg.status).toBe(404);
    // a camera cannot be registered in an org outside the caller's scope
    expect((await server.request('POST', '/api/v1/cameras', { token: e2.token, body: body(m.orgs.E1.id) })).status).toBe(404);
  });

  it('rejects bad sources, risk colours and unknown fields with request.invalid; honours Idempotency-Key', async () => {
    const officer = m.user('safetyOfficer', 1);
    for (const bad of [{ source: { kind: 'rtsp', url: 'http://x/y' } }, { zone: { name: 'z', risk: 'purple' } }, { colour: 'red' }]) {
      const res = await server.request('POST', '/api/v1/cameras', { token: officer.token, body: body(m.orgs.E1.id, bad) });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.code).toBe('request.invalid');
    }
    const headers = { 'idempotency-key': 'cam-once' };
    const a = await server.request('POST', '/api/v1/cameras', { token: officer.token, headers, body: body(m.orgs.E1.id, { name: 'idem' }) });
    const b = await server.request('POST', '/api/v1/cameras', { token: officer.token, headers, body: body(m.orgs.E1.id, { name: 'idem' }) });
    expect(b.body.id).toBe(a.body.id);
  });

  it('refuses a file camera outside the camera-file folders, on create and on update (another tenant’s uploads, the server’s files), writing nothing', async () => {
    // the production default (the test servers also allow the temp folder, where tests make their clips)
    const config = server.runtime.deps.config;
    const permissive = config.cameraFileDirs;
    config.cameraFileDirs = defaultCameraFileDirs(server.dataDir);
    onTestFinished(() => void (config.cameraFileDirs = permissive));
    const officer = m.user('safetyOfficer', 1);
    const count = async () => Number((await server.runtime.deps.db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM camera'))[0]!.n);
    const before = await count();
    for (const p of ['/etc/hostname', `${server.dataDir}/files/aa/bb`, `${server.dataDir}/camera-files/../safeflow.db`]) {
      const res = await server.request('POST', '/api/v1/cameras', { token: officer.token, body: body(m.orgs.E1.id, { source: { kind: 'file', path: p } }) });
      expect([p, res.status, res.body.code]).toEqual([p, 400, 'camera.file_not_allowed']);
    }
    expect(await count()).toBe(before);
    const ok = await server.request('POST', '/api/v1/cameras', { token: officer.token, body: body(m.orgs.E1.id, { name: 'gate', source: { kind: 'file', path: `${server.dataDir}/camera-files/gate.mp4` } }) });
    expect(ok.status, ok.text).toBe(201);
    const { id, orgId: _o, createdAt: _c, updatedAt: _u, ...rest } = ok.body;
    const moved = await server.request('PUT', `/api/v1/cameras/${id}`, { token: officer.token, body: { ...rest, source: { kind: 'file', path: '/etc/hostname' } } });
    expect([moved.status, moved.body.code]).toEqual([400, 'camera.file_not_allowed']);
    expect((await server.request('GET', `/api/v1/cameras/${id}`, { token: officer.token })).body.source).toEqual({ kind: 'file', path: `${server.dataDir}/camera-files/gate.mp4` });
  });
});
