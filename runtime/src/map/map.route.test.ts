import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlarmStore } from '../ai/AlarmStore';
import { BUNDLED_PACK_DIRS } from '../packs/installBundledPacks';
import { DEMO_PASSWORD } from '../seed/demoData';
import { seedMatrix, type MatrixFixture } from '../testing/seedMatrix';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { layerProviders } from './layerProviders';

type Server = TestServer & { dropDatabase(): Promise<void> };
interface Feature { id: string; kind: string; coords: [number, number][]; colour?: string; label: string; status?: string; href?: string; props?: Record<string, unknown> }
interface Layers { park: { id: string; sitePlan: { url: string; width: number; height: number } | null }; version: string; unchanged: boolean; layers: { key: string; features: Feature[] }[] }

describe('the park map API over the demo park (园区一张图)', () => {
  let server: Server;
  let matrix: MatrixFixture;
  let parkId: string;
  const tokens: Record<string, string> = {};
  const call = (user: string, method: string, p: string, body?: unknown) => server.request(method, p, { token: tokens[user], body });
  const layersOf = async (user: string, query = '') => {
    const res = await call(user, 'GET', `/api/v1/map/parks/${parkId}/layers${query}`);
    expect(res.status, res.text).toBe(200);
    return res.body as Layers;
  };
  const layer = (l: Layers, key: string) => l.layers.find((x) => x.key === key)!.features;

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true });
    for (const u of ['admin', 'inspector', 'safety.a', 'district.admin']) {
      tokens[u] = (await server.request('POST', '/api/v1/auth/login', { body: { username: u, password: DEMO_PASSWORD } })).body.accessToken;
    }
    matrix = await seedMatrix(server);
    const parks = await call('inspector', 'GET', '/api/v1/map/parks');
    parkId = parks.body.items[0].id;
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('lists the demo park with its site plan to park staff, bureaus and its enterprises, and to no other tenant', async () => {
    // when
    const byRole = await Promise.all(['inspector', 'district.admin', 'safety.a'].map((u) => call(u, 'GET', '/api/v1/map/parks')));
    const other = await server.request('GET', '/api/v1/map/parks', { token: matrix.user('cityBureauAdmin').token });
    // then
    for (const res of byRole) {
      expect(res.status, res.text).toBe(200);
      expect(res.body.items.map((p: { name: string }) => p.name)).toEqual(['高新技术产业园']);
      expect(res.body.items[0].sitePlan).toEqual({
        url: `/api/v1/map/parks/${parkId}/site-plan`, width: 1200, height: 800, geo: { north: 30.2102, south: 30.2066, west: 120.20718, east: 120.21342 },
      });
      expect(res.body.items[0].baseTileUrl).toBeNull();
    }
    expect(other.status).toBe(200);
    expect(other.body.items).toEqual([]);
  });

  it('serves the site plan image of the pack to an enterprise user of the park', async () => {
    // given
    const png = fs.readFileSync(path.join(BUNDLED_PACK_DIRS[0]!, 'seed/files/site-plan.png'));
    // when
    const res = await fetch(`${server.url}/api/v1/map/parks/${parkId}/site-plan`, { headers: { authorization: `Bearer ${tokens['safety.a']}` } });
    const bytes = Buffer.from(await res.arrayBuffer());
    // then
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(crypto.createHash('sha256').update(png).digest('hex'));
  });

  it('returns every layer of the demo park to the park inspector: enterprises by worst risk colour, four-colour zones, open hazards, cameras, emergency resources', async () => {
    // when
    const l = await layersOf('inspector');
    // then
    expect(l.layers.map((x) => x.key)).toEqual(layerProviders.map((p) => p.key));
    const enterprises = layer(l, 'enterprises');
    expect(enterprises.map((f) => [f.label, f.props?.riskColor, f.kind]).sort()).toEqual([
      ['A区精密制造有限公司', 'orange', 'polygon'],
      ['B区新材料科技有限公司', 'red', 'polygon'],
      ['C区电子元件有限公司', 'yellow', 'polygon'],
      ['D区食品加工有限公司', 'red', 'polygon'],
      ['E区仓储物流有限公司', 'orange', 'polygon'],
    ]);
    const zones = layer(l, 'riskZones');
    expect(zones).toHaveLength(16);
    expect(new Set(zones.map((z) => z.props?.riskColor))).toEqual(new Set(['red', 'orange', 'yellow', 'blue']));
    expect(zones.every((z) => z.kind === 'polygon' && z.coords.length >= 4 && z.href === `/records/safety_risk_point/${z.id}`)).toBe(true);
    const hazards = layer(l, 'hazards');
    const open = await server.runtime.deps.db.query<{ id: string }>(
      "SELECT id FROM record WHERE collection_key = 'safety_hazard' AND status NOT IN ('closed', 'rejected')",
    );
    expect(hazards.map((h) => h.id).sort()).toEqual(open.map((r) => r.id).sort());
    // the five placed on the plan by the seed; the others (the dashboards' history) sit near their enterprise's plot centre
    expect(hazards.filter((h) => h.props?.approximate === false).map((h) => h.label).sort()).toEqual(['2 具灭火器压力不足', '二号车间消火栓水带缺失', '叉车未按规定年检', '液氨制冷车间未设置泄漏报警装置', '配电房门口堆放纸箱'].sort());
    expect(hazards.find((h) => h.status === 'major')?.props?.grade).toBe('1');
    expect(hazards.every((h) => h.kind === 'point' && h.coords.length === 1 && h.href?.startsWith('/records/safety_hazard/'))).toBe(true);
    expect(layer(l, 'cameras').map((c) => c.label).sort()).toEqual(['A区冲压车间', 'B区储罐区', 'D区液氨机房', 'E区叉车作业区', '中心广场', '园区北大门'].sort());
    expect(layer(l, 'cameras').every((c) => c.status === 'unchecked')).toBe(true);
    const emergency = layer(l, 'emergency');
    expect(emergency.map((e) => e.props?.resource).sort()).toEqual(['shelter', 'supply', 'supply', 'supply', 'supply', 'team', 'team']);
    expect(layer(l, 'alarms')).toEqual([]);
    expect(layer(l, 'patrolRoutes')).toEqual([]);
    const dispatch = layer(l, 'dispatch');
    expect(dispatch.filter((f) => f.props?.type === 'event').map((f) => f.status)).toEqual(['handling']);
    expect(dispatch.filter((f) => f.props?.type === 'order')).toHaveLength(3);
  });

  it("shows an enterprise user only its own enterprise's features: A never sees B's hazards, zones or cameras", async () => {
    // given
    const all = await layersOf('inspector');
    const bHazard = layer(all, 'hazards').find((h) => h.label === '液氨制冷车间未设置泄漏报警装置')!;
    // when
    const a = await layersOf('safety.a');
    const direct = await call('safety.a', 'GET', `/api/v1/records/safety_hazard/${bHazard.id}`);
    // then
    expect(layer(a, 'enterprises').map((e) => e.label)).toEqual(['A区精密制造有限公司']);
    expect(layer(a, 'hazards').filter((h) => h.props?.approximate === false).map((h) => h.label).sort()).toEqual(['2 具灭火器压力不足', '配电房门口堆放纸箱'].sort());
    const orgA = (await call('safety.a', 'GET', '/api/v1/me')).body.memberships[0].orgId as string;
    const [{ path: pathA }] = (await server.runtime.deps.db.query<{ path: string }>('SELECT path FROM org WHERE id = ?', [orgA])) as [{ path: string }];
    const ownOpenIds = (await server.runtime.deps.db.query<{ id: string }>(
      "SELECT id FROM record WHERE collection_key = 'safety_hazard' AND status NOT IN ('closed', 'rejected') AND org_path LIKE ?",
      [`${pathA}%`],
    )).map((r) => r.id);
    expect(layer(a, 'hazards').map((h) => h.id).sort()).toEqual(ownOpenIds.sort());
    expect(layer(a, 'hazards').some((h) => h.id === bHazard.id)).toBe(false);
    expect(layer(a, 'riskZones')).toHaveLength(4);
    expect(layer(a, 'cameras').map((c) => c.label)).toEqual(['A区冲压车间']);
    expect(layer(a, 'emergency').map((e) => e.label)).toEqual(['急救箱']);
    expect(direct.status).toBe(404);
  });

  it('places a hazard reported without a plan position near the centre of its enterprise plot, marked approximate', async () => {
    // given: enterprise A's plot is [60..720] × [40..230]
    const orgA = (await call('safety.a', 'GET', '/api/v1/me')).body.memberships[0].orgId as string;
    const created = await call('safety.a', 'POST', '/api/v1/records/safety_hazard', { orgId: orgA, data: { title: '楼梯间堆放杂物', location: '办公楼二层', state: '0' } });
    // when
    const a = await layersOf('safety.a');
    // then
    expect(created.status, created.text).toBe(201);
    const h = layer(a, 'hazards').find((f) => f.id === created.body.id)!;
    expect(h.props?.approximate).toBe(true);
    const [[x, y]] = h.coords as [[number, number]];
    expect(x).toBeGreaterThan(60);
    expect(x).toBeLessThan(720);
    expect(y).toBeGreaterThan(40);
    expect(y).toBeLessThan(230);
    expect(Math.hypot(x - 390, y - 135)).toBeLessThan(60);
    expect(layer(a, 'hazards').filter((f) => f.props?.approximate === false)).toHaveLength(2);
  });

  it('lists the risk points without a zone to draw one for, in the caller\'s scope only', async () => {
    // given: a new risk point of A without a zone
    const orgA = (await call('safety.a', 'GET', '/api/v1/me')).body.memberships[0].orgId as string;
    const created = await call('safety.a', 'POST', '/api/v1/records/safety_risk_point', { orgId: orgA, data: { name: '危废暂存间', code: 'DYRA-RP-009', pointType: 'place' } });
    // when
    const own = await call('safety.a', 'GET', `/api/v1/map/parks/${parkId}/unzoned-risk-points`);
    const park = await call('inspector', 'GET', `/api/v1/map/parks/${parkId}/unzoned-risk-points`);
    const other = await server.request('GET', `/api/v1/map/parks/${parkId}/unzoned-risk-points`, { token: matrix.user('cityBureauAdmin').token });
    // then
    expect(created.status, created.text).toBe(201);
    expect(own.body.items).toEqual([{ id: created.body.id, name: '危废暂存间', code: 'DYRA-RP-009', riskColor: null, status: 'draft' }]);
    expect(park.body.items.map((p: { id: string }) => p.id)).toEqual([created.body.id]);
    expect(other.status).toBe(404);
  });

  it('answers 404 for an unknown park and for a park of another tenant, 400 for an unknown layer, 401 without a token', async () => {
    // when
    const unknown = await call('inspector', 'GET', `/api/v1/map/parks/${crypto.randomUUID()}/layers`);
    const otherTenant = await server.request('GET', `/api/v1/map/parks/${parkId}/layers`, { token: matrix.user('cityBureauAdmin').token });
    const otherPlan = await server.request('GET', `/api/v1/map/parks/${parkId}/site-plan`, { token: matrix.user('cityBureauAdmin').token });
    const badLayer = await call('inspector', 'GET', `/api/v1/map/parks/${parkId}/layers?layers=hazards,nope`);
    const anonymous = await server.request('GET', `/api/v1/map/parks/${parkId}/layers`);
    // then
    expect([unknown.status, unknown.body.code]).toEqual([404, 'map.park_not_found']);
    expect([otherTenant.status, otherTenant.body.code]).toEqual([404, 'map.park_not_found']);
    expect([otherPlan.status, otherPlan.body.code]).toEqual([404, 'map.park_not_found']);
    expect([badLayer.status, badLayer.body.code]).toEqual([400, 'map.unknown_layer']);
    expect(anonymous.status).toBe(401);
  });

  it('answers 403 module.not_entitled when the tenant is not entitled to the park map', async () => {
    // given
    const [{ tenant_id: tenantId }] = (await server.runtime.deps.db.query<{ tenant_id: string }>('SELECT tenant_id FROM record WHERE id = ?', [parkId])) as [{ tenant_id: string }];
    const entitled = (await call('inspector', 'GET', '/api/v1/entitlements')).body.items.map((e: { module: string }) => e.module) as string[];
    const setModules = (modules: string[]) => call('admin', 'PUT', `/api/v1/tenants/${tenantId}/entitlements`, { modules });
    // when
    expect((await setModules(entitled.filter((m) => m !== 'parkMap'))).status).toBe(200);
    const parks = await call('inspector', 'GET', '/api/v1/map/parks');
    const layers = await call('inspector', 'GET', `/api/v1/map/parks/${parkId}/layers`);
    expect((await setModules(entitled)).status).toBe(200);
    const again = await call('inspector', 'GET', '/api/v1/map/parks');
    // then
    expect(entitled).toContain('parkMap');
    expect([parks.status, parks.body.code]).toEqual([403, 'module.not_entitled']);
    expect([layers.status, layers.body.code]).toEqual([403, 'module.not_entitled']);
    expect(again.status).toBe(200);
  });

  it('keeps its version while nothing changes and moves it when a zone is redrawn, a camera raises an alarm or a patrol route is saved', async () => {
    // given
    const before = await layersOf('inspector');
    const same = await layersOf('inspector', `?since=${before.version}`);
    const zone = layer(before, 'riskZones').find((z) => z.props?.zoneCode === 'Z001' && z.label.includes('冲压'))!;
    const record = (await call('inspector', 'GET', `/api/v1/records/safety_risk_point/${zone.id}`)).body;
    const drawn: [number, number][] = [[90, 130], [230, 130], [235, 200], [160, 215], [85, 200]];
    // when: the zone is redrawn through the records API (what the map page saves)
    const saved = await call('safety.a', 'PUT', `/api/v1/records/safety_risk_point/${zone.id}`, { data: { ...record.data, zone: drawn }, revision: record.revision });
    const stale = await call('safety.a', 'PUT', `/api/v1/records/safety_risk_point/${zone.id}`, { data: { ...record.data, zone: drawn }, revision: record.revision });
    const afterZone = await layersOf('inspector', `?since=${before.version}`);
    // then
    expect(same.unchanged).toBe(true);
    expect(same.layers).toEqual([]);
    expect(saved.status, saved.text).toBe(200);
    expect(stale.status).toBe(409);
    expect(afterZone.unchanged).toBe(false);
    expect(layer(afterZone, 'riskZones').find((z) => z.id === zone.id)?.coords).toEqual(drawn);

    // when: an AI alarm is raised on camera B区储罐区 and a patrol route joins two cameras
    const cams = layer(afterZone, 'cameras');
    const tank = cams.find((c) => c.label === 'B区储罐区')!;
    const [org] = await server.runtime.deps.db.query<{ org_id: string; org_path: string; tenant_id: string }>('SELECT org_id, org_path, tenant_id FROM camera WHERE id = ?', [tank.id]);
    await new AlarmStore(server.runtime.deps).raise({
      org: { orgId: org!.org_id, orgPath: org!.org_path, tenantId: org!.tenant_id }, cameraId: tank.id, modelId: crypto.randomUUID(), ruleKey: 'no-helmet', label: 'no_helmet',
      box: { x1: 0, y1: 0, x2: 10, y2: 10 }, confidence: 0.91, detections: [], snapshot: { fileId: crypto.randomUUID(), name: 's.jpg', size: 1, mime: 'image/jpeg', sha256: 'x' },
      processInstanceId: null, at: server.runtime.deps.clock.now().getTime(), windowMs: 60_000, mergeIou: 0.5,
    });
    const gate = cams.find((c) => c.label === '园区北大门')!;
    const square = cams.find((c) => c.label === '中心广场')!;
    const [parkOrg] = await server.runtime.deps.db.query<{ org_id: string }>('SELECT org_id FROM camera WHERE id = ?', [gate.id]);
    const route = await call('inspector', 'POST', '/api/v1/patrol-routes', { orgId: parkOrg!.org_id, name: '园区夜间巡检', cameraIds: [gate.id, square.id], taskTopic: 'video-diagnose' });
    const afterAlarm = await layersOf('inspector', `?since=${afterZone.version}`);
    const enterpriseView = await layersOf('safety.a');
    // then
    expect(route.status, route.text).toBe(201);
    expect(afterAlarm.unchanged).toBe(false);
    expect(layer(afterAlarm, 'alarms').map((a) => [a.label, a.coords])).toEqual([['no_helmet · B区储罐区', tank.coords]]);
    expect(layer(afterAlarm, 'cameras').find((c) => c.id === tank.id)?.props?.liveAlarms).toBe(1);
    expect(layer(afterAlarm, 'patrolRoutes').map((p) => [p.label, p.kind, p.coords])).toEqual([['园区夜间巡检', 'polyline', [gate.coords[0], square.coords[0]]]]);
    expect(layer(enterpriseView, 'alarms')).toEqual([]);
    expect(layer(enterpriseView, 'patrolRoutes')).toEqual([]);
  });
});
