/// <reference lib="dom" />
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AlarmStore } from '../../runtime/src/ai/AlarmStore';
import { DEMO_PASSWORD } from '../../runtime/src/seed/demoData';
import { startTestServer, type TestServer } from '../../runtime/src/testing/startTestServer';
import { CHROMIUM, ensureWebBuilt, launchChromium, login, screenshots, watchErrors } from './modelerHarness';

const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn(`map.e2e.test.ts skipped: ${CHROMIUM} is absent (CI installs Debian's chromium)`);

interface Feature { id: string; label: string; coords: [number, number][]; props?: Record<string, unknown> }
interface Layers { version: string; layers: { key: string; features: Feature[] }[] }

/**
 * The park map (园区一张图) in Debian's Chromium against a real server with
 * the demo pack: every layer drawn (counted against the API), a risk zone
 * redrawn vertex by vertex and saved (read back through the records API),
 * a hazard marker opening its record page, a live alarm appearing without
 * reload, and the phone layout of an enterprise user.
 */
describe.skipIf(!hasChromium)('Workspace: park map (Chromium)', () => {
  let server: TestServer & { dropDatabase(): Promise<void> };
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let token: string;
  let parkId: string;
  const shots = screenshots('map');
  const api = async <T = Layers>(p: string, method = 'GET', body?: unknown): Promise<T> => {
    const res = await server.request(method, p, { token, body });
    expect(res.status, res.text).toBeLessThan(300);
    return res.body as T;
  };
  const layersNow = () => api<Layers>(`/api/v1/map/parks/${parkId}/layers`);
  const features = (l: Layers, key: string) => l.layers.find((x) => x.key === key)!.features;
  const raiseAlarm = async (cameraId: string, label: string) => {
    const deps = server.runtime.deps;
    const [org] = await deps.db.query<{ org_id: string; org_path: string; tenant_id: string }>('SELECT org_id, org_path, tenant_id FROM camera WHERE id = ?', [cameraId]);
    await new AlarmStore(deps).raise({
      org: { orgId: org!.org_id, orgPath: org!.org_path, tenantId: org!.tenant_id }, cameraId, modelId: crypto.randomUUID(), ruleKey: 'ppe', label,
      box: { x1: 0, y1: 0, x2: 20, y2: 20 }, confidence: 0.88, detections: [], snapshot: { fileId: crypto.randomUUID(), name: 'snap.jpg', size: 1, mime: 'image/jpeg', sha256: 'x' },
      processInstanceId: null, at: deps.clock.now().getTime(), windowMs: 60_000, mergeIou: 0.5,
    });
  };

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestServer({ seedDemo: true });
    token = (await server.request('POST', '/api/v1/auth/login', { body: { username: 'inspector', password: DEMO_PASSWORD } })).body.accessToken;
    parkId = (await api<{ items: { id: string }[] }>('/api/v1/map/parks')).items[0]!.id;
    // a patrol route and a live AI alarm, so that every layer of the demo park has something to draw
    const cams = features(await layersNow(), 'cameras');
    const byName = (n: string) => cams.find((c) => c.label === n)!;
    const parkOrg = (await server.runtime.deps.db.query<{ org_id: string }>('SELECT org_id FROM camera WHERE id = ?', [byName('园区北大门').id]))[0]!.org_id;
    await api('/api/v1/patrol-routes', 'POST', { orgId: parkOrg, name: '园区日常巡检', cameraIds: [byName('园区北大门').id, byName('中心广场').id, byName('D区液氨机房').id], taskTopic: 'video-diagnose' });
    await raiseAlarm(byName('B区储罐区').id, '未戴安全帽');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page.setDefaultTimeout(15_000);
    errors = watchErrors(page);
  }, 240_000);
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) await shots.shot(page, 'FAILED');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await server?.dropDatabase();
  });

  it('renders the demo park on its site plan with every layer, as many shapes per layer as the API returns', async () => {
    // given
    const expected = await layersNow();
    // when
    await login(page, server.url, 'inspector', DEMO_PASSWORD);
    await page.click('[data-test="nav-map.park"]');
    await page.waitForSelector('img.sf-site-plan');
    await page.waitForSelector('path.sf-f-hazards');
    // then
    for (const l of expected.layers) {
      expect(l.features.length, l.key).toBeGreaterThan(0);
      await expect.poll(() => page.locator(`path.sf-f-${l.key}`).count(), { message: l.key }).toBe(l.features.length);
      expect(await page.locator(`[data-test="layer-count-${l.key}"]`).textContent()).toBe(String(l.features.length));
    }
    const plan = await page.locator('img.sf-site-plan').evaluate((img: HTMLImageElement) => ({ w: img.naturalWidth, h: img.naturalHeight }));
    expect(plan).toEqual({ w: 1200, h: 800 });
    await shots.shot(page, 'park-map-all-layers');
    // when: a layer is switched off
    await page.click('[data-test="layer-toggle-enterprises"]');
    // then
    await expect.poll(() => page.locator('path.sf-f-enterprises').count()).toBe(0);
    await page.click('[data-test="layer-toggle-enterprises"]');
    await expect.poll(() => page.locator('path.sf-f-enterprises').count()).toBe(features(expected, 'enterprises').length);
  }, 120_000);

  it('shows a new AI alarm without a reload (polled version from the database)', async () => {
    // given
    const before = await page.locator('path.sf-f-alarms').count();
    const cam = features(await layersNow(), 'cameras').find((c) => c.label === 'E区叉车作业区')!;
    // when
    await raiseAlarm(cam.id, '人员闯入');
    // then
    await expect.poll(() => page.locator('path.sf-f-alarms').count(), { timeout: 5_000, interval: 250 }).toBe(before + 1);
  }, 30_000);

  it("shows a dispatched order's status change on the map without a reload (指挥调度)", async () => {
    // given: the demo event being handled in enterprise A, and its order still waiting to be accepted
    const event = features(await layersNow(), 'dispatch').find((f) => f.props?.type === 'event')!;
    const eventId = event.id.slice('event:'.length);
    const safetyA = (await server.request('POST', '/api/v1/auth/login', { body: { username: 'safety.a', password: DEMO_PASSWORD } })).body.accessToken as string;
    const detail = await server.request('GET', `/api/v1/dispatch/events/${eventId}`, { token: safetyA });
    expect(detail.status, detail.text).toBe(200);
    const order = (detail.body.orders as { id: string; status: string; revision: number }[]).find((o) => o.status === 'dispatched')!;
    const shape = (status: string) => page.locator(`path.sf-f-dispatch.sf-id-order_${order.id.replace(/[^A-Za-z0-9_-]/g, '_')}.sf-status-${status}`);
    await expect.poll(() => shape('dispatched').count(), { timeout: 5_000, interval: 250 }).toBe(1);
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    // when the enterprise's safety officer (a commander) accepts it for the team, over the API
    const moved = await server.request('POST', `/api/v1/dispatch/events/${eventId}/orders/${order.id}/status`, { token: safetyA, body: { to: 'accepted', revision: order.revision } });
    // then the map redraws the order in its new status on the same document
    expect(moved.status, moved.text).toBe(200);
    await expect.poll(() => shape('accepted').count(), { timeout: 6_000, interval: 250 }).toBe(1);
    expect(await shape('dispatched').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await shots.shot(page, 'dispatch-live');
  }, 30_000);

  it('finds a risk point by name, redraws its zone vertex by vertex and saves it through the records API', async () => {
    // given: 质检化验室 (plan 500–580 × 420–480)
    const lab = features(await layersNow(), 'riskZones').find((z) => z.label === '质检化验室')!;
    await page.locator('input[data-test="map-search"], [data-test="map-search"] input').first().fill('化验室');
    await page.click(`[data-test="result-${lab.id}"]`);
    await expect.poll(() => page.locator('[data-test="feature-label"]').textContent()).toBe('质检化验室');
    await page.waitForTimeout(700); // the fly-to animation
    const box = (await page.locator(`path.sf-id-${lab.id}`).boundingBox())!;
    const scale = box.width / 80; // screen pixels per plan unit
    // when: edit → clear → four clicks around the old zone → save
    await page.click('[data-test="edit-zone"]');
    await page.click('[data-test="zone-clear"]');
    const clicks: [number, number][] = [[-15, -10], [95, -10], [95, 70], [-15, 70]];
    for (const [dx, dy] of clicks) await page.mouse.click(box.x + dx * scale, box.y + dy * scale);
    await expect.poll(() => page.locator('[data-test="zone-editor"]').textContent()).toContain('4 个顶点');
    await shots.shot(page, 'zone-drawn');
    await page.click('[data-test="zone-save"]');
    await page.waitForSelector('[data-test="zone-editor"]', { state: 'detached' });
    // then: the record holds the new polygon, in plan units, and the change is audited
    const record = await api<{ data: { zone: [number, number][] }; revision: number }>(`/api/v1/records/safety_risk_point/${lab.id}`);
    expect(record.data.zone).toHaveLength(4);
    record.data.zone.forEach(([x, y], i) => {
      expect(Math.abs(x - (500 + clicks[i]![0]))).toBeLessThan(2);
      expect(Math.abs(y - (420 + clicks[i]![1]))).toBeLessThan(2);
    });
    const history = await api<{ audit?: { action: string }[]; items?: { action?: string }[] }>(`/api/v1/records/safety_risk_point/${lab.id}/history`);
    expect(JSON.stringify(history)).toContain('record.update');
    await expect.poll(async () => (await page.locator(`path.sf-id-${lab.id}`).boundingBox())!.width).toBeGreaterThan(box.width * 1.2);
    await shots.shot(page, 'zone-saved');
  }, 60_000);

  it('draws the first zone of a risk point that has none, picked from the list of unzoned points', async () => {
    // given: a new risk point of enterprise B without a zone
    const orgB = (await server.runtime.deps.db.query<{ org_id: string }>(`SELECT org_id FROM record WHERE collection_key = 'safety_enterprise' AND data LIKE ?`, ['%B区新材料科技有限公司%']))[0]!.org_id;
    const point = await api<{ id: string }>('/api/v1/records/safety_risk_point', 'POST', { orgId: orgB, data: { name: '危废暂存间', code: 'DYRB-RP-009', pointType: 'place' } });
    await page.click('[data-test="map-fit"]');
    await page.waitForTimeout(400);
    // when: picked, three clicks on the map, saved
    await page.click('[data-test="zone-new"]');
    await page.click(`[data-test="unzoned-${point.id}"]`);
    await page.waitForSelector('[data-test="zone-editor"]');
    const canvas = (await page.locator('[data-test="map-canvas"]').boundingBox())!;
    for (const [fx, fy] of [[0.3, 0.55], [0.4, 0.55], [0.35, 0.62]]) await page.mouse.click(canvas.x + canvas.width * fx!, canvas.y + canvas.height * fy!);
    await expect.poll(() => page.locator('[data-test="zone-editor"]').textContent()).toContain('3 个顶点');
    await page.click('[data-test="zone-save"]');
    await page.waitForSelector('[data-test="zone-editor"]', { state: 'detached' });
    // then: the risk point has its zone, and the map draws it
    const record = await api<{ data: { zone?: [number, number][] } }>(`/api/v1/records/safety_risk_point/${point.id}`);
    expect(record.data.zone).toHaveLength(3);
    await expect.poll(() => page.locator(`path.sf-id-${point.id}`).count()).toBe(1);
    await shots.shot(page, 'new-zone-saved');
  }, 60_000);

  it('sets the position of a hazard reported without one (drawn near its plot centre) by a click on the map', async () => {
    // given: a hazard of enterprise A without planX / planY
    const orgA = (await server.runtime.deps.db.query<{ org_id: string }>(`SELECT org_id FROM record WHERE collection_key = 'safety_enterprise' AND data LIKE ?`, ['%A区精密制造有限公司%']))[0]!.org_id;
    const hazard = await api<{ id: string }>('/api/v1/records/safety_hazard', 'POST', { orgId: orgA, data: { title: '楼梯间堆放杂物', location: '办公楼二层', state: '0' } });
    await page.click('[data-test="map-fit"]');
    await expect.poll(() => page.locator(`path.sf-id-${hazard.id}`).count(), { timeout: 5_000 }).toBe(1);
    await page.waitForTimeout(400);
    // when
    await page.locator(`path.sf-id-${hazard.id}`).click();
    await expect.poll(() => page.locator('[data-test="feature-details"]').textContent()).toContain('位置未标注');
    await page.click('[data-test="place-point"]');
    const canvas = (await page.locator('[data-test="map-canvas"]').boundingBox())!;
    await page.mouse.click(canvas.x + canvas.width * 0.45, canvas.y + canvas.height * 0.52); // the main road, clear of the cards
    await expect.poll(() => page.locator('[data-test="place-editor"]').textContent()).toContain('位置：');
    await page.click('[data-test="place-save"]');
    await page.waitForSelector('[data-test="place-editor"]', { state: 'detached' });
    // then: the hazard has its own position now, on the plan, away from the plot centre (390, 135) it was drawn at
    const record = await api<{ data: { planX?: number; planY?: number } }>(`/api/v1/records/safety_hazard/${hazard.id}`);
    expect(record.data.planX).toBeGreaterThan(0);
    expect(record.data.planX).toBeLessThan(1200);
    expect(record.data.planY).toBeGreaterThan(230); // below plot A: on the road
    expect(record.data.planY).toBeLessThan(800);
    const placed = features(await layersNow(), 'hazards').find((h) => h.id === hazard.id)!;
    expect(placed.props?.approximate).toBe(false);
    await shots.shot(page, 'hazard-placed');
  }, 60_000);

  it('opens a hazard marker’s popup and lands on its record page', async () => {
    // given
    const major = features(await layersNow(), 'hazards').find((h) => h.label === '液氨制冷车间未设置泄漏报警装置')!;
    await page.click('[data-test="map-fit"]');
    await page.waitForTimeout(400);
    // when
    await page.locator(`path.sf-id-${major.id}`).click();
    // then
    await expect.poll(() => page.locator('[data-test="feature-details"]').textContent()).toContain('重大隐患');
    await shots.shot(page, 'hazard-popup');
    await page.click('[data-test="open-record"]');
    await page.waitForURL((u) => u.pathname === `/records/safety_hazard/${major.id}`);
    await expect.poll(() => page.locator('body').textContent()).toContain('液氨制冷车间未设置泄漏报警装置');
    await shots.shot(page, 'hazard-record');
    expect(errors).toEqual([]);
  }, 60_000);

  it('fills a phone screen for an enterprise user, who sees only its own enterprise', async () => {
    // given
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const phoneErrors = watchErrors(phone);
    // when
    await login(phone, server.url, 'safety.a', DEMO_PASSWORD);
    await phone.goto(`${server.url}/map`);
    await phone.waitForSelector('img.sf-site-plan');
    await phone.waitForSelector('path.sf-f-hazards');
    // then
    const ownToken = (await server.request('POST', '/api/v1/auth/login', { body: { username: 'safety.a', password: DEMO_PASSWORD } })).body.accessToken;
    const own = (await server.request('GET', `/api/v1/map/parks/${parkId}/layers`, { token: ownToken })).body as Layers;
    expect(features(own, 'hazards').length).toBeGreaterThanOrEqual(2);
    expect(features(own, 'hazards').length).toBeLessThan(features(await layersNow(), 'hazards').length);
    await expect.poll(() => phone.locator('path.sf-f-hazards').count()).toBe(features(own, 'hazards').length);
    expect(await phone.locator('path.sf-f-enterprises').count()).toBe(1);
    const canvas = (await phone.locator('[data-test="map-canvas"]').boundingBox())!;
    expect(canvas.width).toBeGreaterThan(380);
    expect(canvas.height).toBeGreaterThan(500);
    await shots.shot(phone, 'phone-map');
    // when: a hazard marker is tapped, its details come up as a bottom sheet with the record link
    const placed = features(own, 'hazards').find((h) => h.props?.approximate === false)!;
    await phone.locator(`path.sf-f-hazards.sf-id-${placed.id.replace(/[^A-Za-z0-9_-]/g, '_')}`).tap();
    await phone.waitForSelector('[data-test="feature-details"] [data-test="open-record"]');
    const sheet = (await phone.locator('[data-test="feature-details"]').boundingBox())!;
    expect(sheet.y + sheet.height).toBeGreaterThan(700);
    await shots.shot(phone, 'phone-hazard-sheet');
    await phone.click('[data-test="open-layers"]');
    await phone.waitForSelector('[data-test="layers-sheet"]');
    await shots.shot(phone, 'phone-layers-sheet');
    expect(phoneErrors).toEqual([]);
    await phone.close();
  }, 60_000);
});
