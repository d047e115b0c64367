import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../engine/testing/engineTestKit';
import { engineGatewayOf } from '../engineGateway/engineGatewayOf';
import { DEMO_PASSWORD } from '../seed/demoData';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { resolveOrgRefs } from './applySeed';
import { demoTenantId } from './installBundledPacks';
import { miniPack } from './testing/miniPack';
import { validatePack } from './validatePack';

type Server = TestServer & { dropDatabase(): Promise<void> };

describe('packs: install, reinstall, upgrade, export (real engine, demo tenant)', () => {
  let server: Server;
  let tenantId: string;
  const tokens: Record<string, string> = {};
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await server.runtime.deps.db.query<{ n: number }>(sql, params))[0]!.n);
  const as = (user: string) => ({
    get: (p: string) => server.request('GET', p, { token: tokens[user] }),
    post: (p: string, body: unknown) => server.request('POST', p, { token: tokens[user], body }),
  });

  beforeAll(async () => {
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    server = await startTestServer({ seedDemo: true });
    tenantId = (await demoTenantId(server.runtime.deps))!;
    for (const u of ['admin', 'city.admin', 'district.admin', 'safety.a']) {
      const login = await server.request('POST', '/api/v1/auth/login', { body: { username: u, password: DEMO_PASSWORD } });
      tokens[u] = login.body.accessToken;
    }
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
    delete process.env.SAFEFLOW_INPROCESS_WORKERS;
  });

  it('after a fresh start with demo data the safety pack is installed: safety.lec is published and evaluable', async () => {
    // when
    const packs = await as('city.admin').get('/api/v1/packs');
    const lec = await as('safety.a').post('/api/v1/rulesets/safety.lec/evaluate', { facts: { L: 3, E: 6, C: 15 } });
    const def = await as('safety.a').get('/api/v1/definitions/ruleset/safety.lec');
    // then
    expect(packs.status, packs.text).toBe(200);
    expect(packs.body.items).toEqual([expect.objectContaining({ packId: 'safety', version: '1.1.0', tenantId })]);
    expect(def.status, def.text).toBe(200);
    expect(def.body.definition).toMatchObject({ key: 'safety.lec', publishedVersion: 1, orgId: tenantId });
    expect(lec.status, lec.text).toBe(200);
    expect(lec.body.outputs).toMatchObject({ riskValue: 270, riskLevel: 'significant', riskColor: 'orange' });
    const history = await as('city.admin').get('/api/v1/packs/safety/installs');
    expect(history.body.items).toEqual([expect.objectContaining({ action: 'install', version: '1.1.0', actorId: 'system' })]);
  });

  it('installs a pack in one transaction: every definition published, processes deployed, demo records seeded, audited as system', async () => {
    // given
    const auditBefore = await count('SELECT COUNT(*) AS n FROM audit_log');
    // when
    const res = await as('admin').post('/api/v1/packs/install', { tenantId, files: miniPack('1.0.0'), seed: true });
    // then
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ packId: 'mini', action: 'install', version: '1.0.0', changed: true });
    expect(res.body.summary.published.map((p: { kind: string; key: string }) => `${p.kind}:${p.key}`)).toEqual([
      'form:mini-check', 'ruleset:mini.lec', 'collection:mini_site', 'view:mini_site_ledger', 'process:mini-inspection',
    ]);
    expect(res.body.summary.seeded).toBe(2);
    const engineDefs = await engineGatewayOf(server.runtime.deps).listProcessDefinitions({ key: 'mini-inspection' });
    expect(engineDefs.map((d) => d.version)).toEqual([1]);
    const audit = await server.runtime.deps.db.query<{ action: string; actor_id: string }>(
      'SELECT action, actor_id FROM audit_log WHERE seq > ? ORDER BY seq', [auditBefore],
    );
    expect(audit.filter((a) => a.action === 'definition.publish').every((a) => a.actor_id === 'system')).toBe(true);
    expect(audit.filter((a) => a.action === 'definition.publish')).toHaveLength(5);
    expect(audit.at(-1)).toEqual({ action: 'pack.install', actor_id: expect.any(String) });
    const orgs = await resolveOrgRefs(server.runtime.deps.db, tenantId);
    const rows = await server.runtime.deps.db.query<{ org_id: string; status: string; data: string }>(
      `SELECT org_id, status, data FROM record WHERE collection_key = 'mini_site' ORDER BY org_id = ? DESC`, [orgs.get('enterpriseA')!.id],
    );
    expect(rows.map((r) => [r.org_id, r.status, JSON.parse(r.data).name])).toEqual([
      [orgs.get('enterpriseA')!.id, 'active', 'A区一号仓库'],
      [orgs.get('enterpriseB')!.id, 'closed', 'B区危化品库'],
    ]);
  });

  it('installing the same version again is a no-op: no new versions, no deployments, no audit entries', async () => {
    // given
    const before = {
      versions: await count('SELECT COUNT(*) AS n FROM definition_version'),
      deployments: await count('SELECT COUNT(*) AS n FROM deployment'),
      audit: await count('SELECT COUNT(*) AS n FROM audit_log'),
      records: await count('SELECT COUNT(*) AS n FROM record'),
      installs: await count('SELECT COUNT(*) AS n FROM pack_install'),
    };
    // when
    const again = await as('city.admin').post('/api/v1/packs/install', { files: miniPack('1.0.0'), seed: true });
    // then
    expect(again.status, again.text).toBe(200);
    expect(again.body).toMatchObject({ changed: false, version: '1.0.0', summary: { published: [], unchanged: 5 } });
    expect({
      versions: await count('SELECT COUNT(*) AS n FROM definition_version'),
      deployments: await count('SELECT COUNT(*) AS n FROM deployment'),
      audit: await count('SELECT COUNT(*) AS n FROM audit_log'),
      records: await count('SELECT COUNT(*) AS n FROM record'),
      installs: await count('SELECT COUNT(*) AS n FROM pack_install'),
    }).toEqual(before);
  });

  it('a pack that fails midway leaves nothing: the forms and rulesets published before the failing collection are rolled back', async () => {
    // given: seven string index fields — valid on save, but only six string slots exist (fails at publish, after the form and the ruleset)
    const files = miniPack('1.0.0');
    const manifest = JSON.parse(files['manifest.json']!);
    files['manifest.json'] = JSON.stringify({ ...manifest, id: 'broken' });
    files['forms/broken-check.json'] = files['forms/mini-check.json']!.replaceAll('mini-check', 'broken-check');
    delete files['forms/mini-check.json'];
    files['processes/mini-inspection.bpmn'] = files['processes/mini-inspection.bpmn']!.replace('mini-check', 'broken-check');
    files['rules/broken.lec.json'] = files['rules/mini.lec.json']!.replaceAll('mini.lec', 'broken.lec');
    delete files['rules/mini.lec.json'];
    files['processes/mini-inspection.bpmn'] = files['processes/mini-inspection.bpmn']!.replace('value="mini.lec"', 'value="broken.lec"');
    const col = JSON.parse(files['collections/mini_site.json']!);
    col.key = col.content.key = 'broken_site';
    for (const f of ['s1', 's2', 's3', 's4', 's5', 's6', 's7']) col.content.fields[f] = { type: 'string' };
    col.content.indexFields = ['s1', 's2', 's3', 's4', 's5', 's6', 's7'].map((field) => ({ field }));
    files['collections/broken_site.json'] = JSON.stringify(col);
    delete files['collections/mini_site.json'];
    delete files['views/mini_site_ledger.json'];
    delete files['seed/sites.json'];
    files['processes/broken-inspection.bpmn'] = files['processes/mini-inspection.bpmn']!.replaceAll('mini-inspection', 'broken-inspection');
    delete files['processes/mini-inspection.bpmn'];
    files['i18n/zh-CN.json'] = '{}';
    files['i18n/en.json'] = '{}';
    expect((await validatePack(files)).issues).toEqual([]);
    const audit = await count('SELECT COUNT(*) AS n FROM audit_log');
    // when
    const res = await as('admin').post('/api/v1/packs/install', { tenantId, files });
    // then
    expect(res.status, res.text).toBe(400);
    expect(res.body.code).toBe('pack.install_failed');
    expect(res.body.details.issues[0]).toMatchObject({ file: 'collections/broken_site.json' });
    expect(await count(`SELECT COUNT(*) AS n FROM definition WHERE def_key IN ('broken-check', 'broken.lec', 'broken_site')`)).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM pack WHERE pack_id = 'broken'`)).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM audit_log')).toBe(audit);
  });

  it('refuses a pack whose engine range or task types this runtime does not satisfy, and callers who are not administrators', async () => {
    // given
    const withManifest = (patch: Record<string, unknown>) => {
      const files = miniPack('1.0.0');
      files['manifest.json'] = JSON.stringify({ ...JSON.parse(files['manifest.json']!), id: 'other', ...patch });
      return files;
    };
    // when
    const engine = await as('admin').post('/api/v1/packs/install', { tenantId, files: withManifest({ engine: '>=2.0.0' }) });
    const topics = await as('admin').post('/api/v1/packs/install', { tenantId, files: withManifest({ requires: { taskTypes: ['rules', 'sms'] } }) });
    const officer = await as('safety.a').post('/api/v1/packs/install', { files: miniPack('1.0.0') });
    const district = await as('district.admin').post('/api/v1/packs/install', { files: miniPack('1.0.0') });
    const noTenant = await as('admin').post('/api/v1/packs/install', { files: miniPack('1.0.0') });
    // then
    expect(engine.status).toBe(422);
    expect(engine.body.code).toBe('pack.engine_unsupported');
    expect(topics.status).toBe(422);
    expect(topics.body).toMatchObject({ code: 'pack.task_type_missing', details: { missing: ['sms'] } });
    expect(officer.status).toBe(403);
    expect(district.status).toBe(403);
    expect(noTenant.status).toBe(400);
    expect(noTenant.body.code).toBe('pack.tenant_required');
  });

  it('validates an upload over HTTP with every issue, writing nothing', async () => {
    // given
    const files = miniPack('1.0.0');
    files['views/mini_site_ledger.json'] = files['views/mini_site_ledger.json']!.replace('"collection": "mini_site"', '"collection": "nowhere"');
    // when
    const res = await as('city.admin').post('/api/v1/packs/validate', { files });
    // then
    expect(res.status, res.text).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.issues).toEqual([
      expect.objectContaining({ file: 'views/mini_site_ledger.json', path: 'content.collection', code: 'pack.unknown_reference' }),
    ]);
  });

  it('upgrades to 1.1.0: new versions published, the record migrations run, a running instance stays on its version', async () => {
    // given: an instance of mini-inspection v1 waiting at its user task
    const orgs = await resolveOrgRefs(server.runtime.deps.db, tenantId);
    const started = await as('city.admin').post('/api/v1/processes/mini-inspection/instances', {
      orgId: orgs.get('enterpriseA')!.id, variables: { L: 3, E: 6, C: 7 },
    });
    expect(started.status, started.text).toBe(201);
    const gw = engineGatewayOf(server.runtime.deps);
    const task = await until(async () => (await gw.listTasks({ processInstanceId: started.body.id, firstResult: 0, maxResults: 10 }))[0]);
    expect(task.name).toBe('现场检查');
    // when
    const res = await as('city.admin').post('/api/v1/packs/upgrade', { files: miniPack('1.1.0') });
    // then
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ action: 'upgrade', fromVersion: '1.0.0', version: '1.1.0', changed: true });
    expect(res.body.summary.published.map((p: { kind: string; key: string; version: number }) => `${p.kind}:${p.key}@${p.version}`).sort()).toEqual([
      'collection:mini_site@2', 'process:mini-inspection@2', 'view:mini_site_ledger@2',
    ]);
    expect(res.body.summary.migrated).toEqual([
      { op: 'renameField', collection: 'mini_site', records: 1 },
      { op: 'setDefault', collection: 'mini_site', records: 2 },
    ]);
    const rows = await server.runtime.deps.db.query<{ data: string; ix_n1: number | null }>(`SELECT data, ix_n1 FROM record WHERE collection_key = 'mini_site' ORDER BY created_at, id`);
    const data = rows.map((r) => JSON.parse(r.data));
    expect(data.find((d) => d.name === 'A区一号仓库')).toEqual({ name: 'A区一号仓库', contactPhone: '13805710001', level: 'general', highRisk: false });
    expect(rows.every((r) => r.ix_n1 === 0)).toBe(true);
    const defs = await gw.listProcessDefinitions({ key: 'mini-inspection' });
    expect(defs.map((d) => d.version)).toEqual([1, 2]);
    const still = await gw.listTasks({ processInstanceId: started.body.id, firstResult: 0, maxResults: 10 });
    expect(still.map((t) => t.name)).toEqual(['现场检查']);
    const [inst] = await server.runtime.deps.db.query<{ version: number }>(
      'SELECT d.version FROM process_instance i JOIN process_definition d ON d.id = i.definition_id WHERE i.id = ?', [started.body.id],
    );
    expect(Number(inst!.version)).toBe(1);
    const fresh = await as('city.admin').post('/api/v1/processes/mini-inspection/instances', { orgId: orgs.get('enterpriseA')!.id, variables: { L: 1, E: 1, C: 1 } });
    const freshTask = await until(async () => (await gw.listTasks({ processInstanceId: fresh.body.id, firstResult: 0, maxResults: 10 }))[0]);
    expect(freshTask.name).toBe('现场复查');
    const history = await as('city.admin').get('/api/v1/packs/mini/installs');
    expect(history.body.items.map((i: { action: string; version: string }) => `${i.action} ${i.version}`)).toEqual(['install 1.0.0', 'upgrade 1.1.0']);
    const again = await as('city.admin').post('/api/v1/packs/upgrade', { files: miniPack('1.0.0') });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('pack.not_newer');
  });

  it('exports the installed pack in the pack format; the export validates and carries the current versions', async () => {
    // when
    const res = await as('city.admin').get('/api/v1/packs/mini/export');
    // then
    expect(res.status, res.text).toBe(200);
    const files = res.body.files as Record<string, string>;
    expect(Object.keys(files).sort()).toEqual([
      'collections/mini_site.json', 'forms/mini-check.json', 'i18n/en.json', 'i18n/zh-CN.json', 'manifest.json',
      'processes/mini-inspection.bpmn', 'rules/mini.lec.json', 'views/mini_site_ledger.json',
    ]);
    const check = await validatePack(files);
    expect(check.issues).toEqual([]);
    expect(check.pack!.manifest.version).toBe('1.1.0');
    const source = miniPack('1.1.0');
    for (const f of ['collections/mini_site.json', 'forms/mini-check.json', 'views/mini_site_ledger.json']) {
      expect(JSON.parse(files[f]!), f).toEqual(JSON.parse(source[f]!));
    }
    expect(files['processes/mini-inspection.bpmn']).toBe(source['processes/mini-inspection.bpmn']);
  });
});
