import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/appendAudit';
import { hashPassword } from '../auth/passwords';
import { insertOrg } from '../orgs/orgCommands';
import { DEMO_PASSWORD } from '../seed/demoData';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { insertMembership } from '../users/membershipCommands';
import { insertUser } from '../users/userCommands';
import { demoTenantId } from './installBundledPacks';
import { miniPack } from './testing/miniPack';

type Server = TestServer & { dropDatabase(): Promise<void> };

describe('POST /api/v1/packs/validate: the diff of an upload against the installed pack', () => {
  let server: Server;
  let tenantId: string;
  let otherTenant: string;
  const tokens: Record<string, string> = {};
  const post = (user: string, p: string, body: unknown) => server.request('POST', p, { token: tokens[user], body });
  const get = (user: string, p: string) => server.request('GET', p, { token: tokens[user] });

  beforeAll(async () => {
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    server = await startTestServer({ seedDemo: true });
    const deps = server.runtime.deps;
    tenantId = (await demoTenantId(deps))!;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    otherTenant = await deps.db.transaction(async (tx) => {
      const org = await insertOrg(tx, deps, SYSTEM_ACTOR, { type: 'cityBureau', name: '另一城市' });
      const userId = await insertUser(tx, deps, SYSTEM_ACTOR, { username: 'other.city', passwordHash, platformAdmin: false, org });
      await insertMembership(tx, deps, SYSTEM_ACTOR, { userId, org, roleKey: 'cityBureauAdmin' });
      return org.id;
    });
    for (const u of ['city.admin', 'other.city']) {
      tokens[u] = (await server.request('POST', '/api/v1/auth/login', { body: { username: u, password: DEMO_PASSWORD } })).body.accessToken;
    }
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
    delete process.env.SAFEFLOW_INPROCESS_WORKERS;
  });

  it('a pack not installed yet: action install, every definition file added', async () => {
    // when
    const res = await post('city.admin', '/api/v1/packs/validate', { files: miniPack('1.0.0') });
    // then
    expect(res.status, res.text).toBe(200);
    expect(res.body.valid).toBe(true);
    expect(res.body.plan.action).toBe('install');
    expect(res.body.plan.installedVersion).toBeNull();
    expect(res.body.plan.files.map((f: { file: string; change: string }) => `${f.change} ${f.file}`)).toEqual([
      'added collections/mini_site.json', 'added forms/mini-check.json', 'added processes/mini-inspection.bpmn',
      'added rules/mini.lec.json', 'added views/mini_site_ledger.json',
    ]);
  });

  it('after the install: the same pack is "none", 1.1.0 is an upgrade listing the changed files first', async () => {
    // given
    const installed = await post('city.admin', '/api/v1/packs/install', { files: miniPack('1.0.0') });
    expect(installed.status, installed.text).toBe(200);
    // when
    const same = await post('city.admin', '/api/v1/packs/validate', { files: miniPack('1.0.0') });
    const next = await post('city.admin', '/api/v1/packs/validate', { files: miniPack('1.1.0') });
    // then
    expect(same.body.plan).toMatchObject({ action: 'none', installedVersion: '1.0.0' });
    expect(same.body.plan.files.every((f: { change: string }) => f.change === 'unchanged')).toBe(true);
    expect(next.body.plan).toMatchObject({ action: 'upgrade', installedVersion: '1.0.0' });
    const changed = next.body.plan.files.filter((f: { change: string }) => f.change === 'changed').map((f: { file: string }) => f.file);
    expect(changed).toContain('collections/mini_site.json');
    expect(next.body.plan.files[0].change).toBe('changed');
  });

  it('a file dropped from the upload is listed as removed; an older version is refused', async () => {
    // given
    const files = miniPack('1.1.0');
    delete files['views/mini_site_ledger.json'];
    const older = miniPack('1.0.0');
    older['manifest.json'] = older['manifest.json']!.replace('"version": "1.0.0"', '"version": "0.9.0"');
    // when
    const dropped = await post('city.admin', '/api/v1/packs/validate', { files });
    const old = await post('city.admin', '/api/v1/packs/validate', { files: older });
    // then
    expect(dropped.body.plan.files).toContainEqual({ file: 'views/mini_site_ledger.json', kind: 'view', key: 'mini_site_ledger', change: 'removed' });
    expect(old.body.plan.action).toBe('refused');
  });

  it('another tenant sees neither the packs nor the diff of the demo tenant', async () => {
    // when
    const list = await get('other.city', '/api/v1/packs');
    const plan = await post('other.city', '/api/v1/packs/validate', { files: miniPack('1.0.0') });
    const cross = await post('other.city', '/api/v1/packs/validate', { files: miniPack('1.0.0'), tenantId });
    const history = await get('other.city', `/api/v1/packs/mini/installs?tenantId=${tenantId}`);
    // then
    expect(list.status, list.text).toBe(200);
    expect(list.body.items).toEqual([]);
    expect(plan.body.plan).toMatchObject({ action: 'install', installedVersion: null });
    expect(plan.body.plan.files.every((f: { change: string }) => f.change === 'added')).toBe(true);
    expect(cross.status).toBe(404);
    expect(history.status).toBe(404);
    expect(otherTenant).not.toBe(tenantId);
  });
});
