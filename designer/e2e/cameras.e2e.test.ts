/// <reference lib="dom" />
/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are read loosely */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeTestClip } from '@safeflow/plugin-kit/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../runtime/src/engine/testing/engineTestKit';
import { DEMO_PASSWORD } from '../../runtime/src/seed/demoData';
import { startTestServer, type TestServer } from '../../runtime/src/testing/startTestServer';
import { CHROMIUM, ensureWebBuilt, fillInput, launchChromium, login, pickOption, screenshots } from './modelerHarness';

const hasChromium = fs.existsSync(CHROMIUM);
const NAME = 'A区东门摄像头';

/**
 * The camera pages in Debian's Chromium against a real server with the demo
 * pack (its park, site plan and video-diagnostics entitlement): a camera on an
 * H.264 file made by ffmpeg registered through the dialog (placed by a click
 * on the site plan), its risk chip in the list, its live picture, a stale
 * edit answered in words, a real video-diagnose patrol shown in the health
 * report, a delete, and the phone layout.
 */
describe.skipIf(!hasChromium)('Workspace: cameras and camera health (Chromium)', () => {
  let server: TestServer & { dropDatabase(): Promise<void> };
  let browser: Browser;
  let page: Page;
  let dir: string;
  let clean: string;
  let black: string;
  let token: string;
  let camera: any;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  const shots = screenshots('cameras');
  const api = async (method: string, p: string, body?: unknown) => server.request(method, `/api/v1${p}`, { token, body });
  const watch = (p: Page) => {
    p.on('console', (m) => {
      // the stale save (409) and the dead camera's snapshot (502) fail on purpose; Chromium logs every failed request
      if (m.type() === 'error' && !/status of (409|502)/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  };
  const open = async (viewport: { width: number; height: number }, phone = false): Promise<Page> => {
    const context = await browser.newContext({ viewport, deviceScaleFactor: phone ? 2 : 1, isMobile: phone, hasTouch: phone, locale: 'zh-CN' });
    contexts.push(context);
    const p = await context.newPage();
    p.setDefaultTimeout(20_000);
    watch(p);
    await login(p, server.url, 'safety.a', DEMO_PASSWORD);
    return p;
  };
  const row = (p: Page, id: string) => p.locator(`[data-test="camera-${id}"]`);

  beforeAll(async () => {
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-cam-e2e-'));
    [clean, black] = await Promise.all([
      makeTestClip(path.join(dir, 'clean.mp4'), { lavfi: 'testsrc2=size=320x240:rate=10' }),
      makeTestClip(path.join(dir, 'black.mp4'), { lavfi: 'color=c=black:size=320x240:rate=10' }),
    ]);
    ensureWebBuilt();
    server = await startTestServer({ seedDemo: true });
    token = (await server.request('POST', '/api/v1/auth/login', { body: { username: 'safety.a', password: DEMO_PASSWORD } })).body.accessToken;
    browser = await launchChromium();
    page = await open({ width: 1280, height: 900 });
  }, 240_000);
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) await shots.shot(page, 'FAILED');
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
    await server?.dropDatabase();
    delete process.env.SAFEFLOW_INPROCESS_WORKERS;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('registers a camera on an H.264 file through the dialog, placed by a click on the site plan; the list shows its orange risk chip', async () => {
    // given the cameras page of enterprise A's safety officer
    await page.click('[data-test="nav-cameras.list"]');
    await page.waitForURL((u) => u.pathname === '/cameras');
    await page.locator('[data-test=camera-list]').waitFor();
    // when a camera is added: name, file source, zone, risk colour, a click on the plan
    await page.click('[data-test=camera-add]');
    const dialog = page.locator('[data-test=camera-form]');
    await fillInput(page, 'camera-name', NAME);
    await dialog.locator('[data-test=camera-source-kind]').getByText('视频文件').click();
    await fillInput(page, 'camera-path', clean);
    await fillInput(page, 'camera-zone', '甲类仓库');
    await pickOption(page, '[data-test=camera-risk]', '较大风险');
    const plan = dialog.locator('img[data-test=plan-image]');
    await plan.waitFor();
    await expect.poll(() => plan.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1200);
    const shown = (await plan.boundingBox())!;
    await plan.click({ position: { x: shown.width / 2, y: shown.height / 4 } });
    await dialog.locator('[data-test=plan-marker]').waitFor();
    const typedX = Number(await dialog.locator('[data-test=camera-x] input').inputValue());
    const typedY = Number(await dialog.locator('[data-test=camera-y] input').inputValue());
    // the plan is 1200×800 plan units: the middle of its top quarter
    const unit = 1200 / shown.width;
    expect(Math.abs(typedX - 600)).toBeLessThanOrEqual(unit);
    expect(Math.abs(typedY - 200)).toBeLessThanOrEqual(unit);
    await shots.shot(page, 'create-dialog');
    await page.click('[data-test=camera-save]');
    await page.getByText('已新增摄像头').waitFor();
    // then the API has it, with the position the click gave
    const list = (await api('GET', '/cameras?pageSize=100')).body.items as any[];
    camera = list.find((c) => c.name === NAME);
    expect(camera).toMatchObject({ source: { kind: 'file', path: clean }, zone: { name: '甲类仓库', risk: 'orange' }, enabled: true, revision: 1, location: { x: typedX, y: typedY } });
    // and the list shows it with its risk chip, source and health
    const r = row(page, camera.id);
    await r.waitFor();
    await expect.poll(() => r.locator('[data-test=risk-chip-orange]').innerText()).toBe('较大风险 · 甲类仓库');
    expect(await r.innerText()).toContain('视频文件');
    expect(await r.innerText()).toContain('A区');
    await r.locator('[data-test=health-unchecked]').waitFor();
    // and the risk filter keeps it among the orange cameras only
    await pickOption(page, '[data-test=camera-filter-risk]', '重大风险');
    await r.waitFor({ state: 'detached' });
    await pickOption(page, '[data-test=camera-filter-risk]', '较大风险');
    await r.waitFor();
    expect(await page.locator('[data-test=camera-list] [data-test^=risk-chip-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-test')))).toEqual(
      expect.arrayContaining(['risk-chip-orange']),
    );
    expect(new Set(await page.locator('[data-test=camera-list] [data-test^=risk-chip-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-test'))))).toEqual(new Set(['risk-chip-orange']));
    await shots.shot(page, 'list');
  }, 120_000);

  it('shows the live picture of the camera (a JPEG grabbed by ffmpeg from the file), and a dead source in words', async () => {
    // when
    await row(page, camera.id).locator('[data-test=camera-snapshot]').click();
    // then: loading first, then a decoded 320×240 picture
    const img = page.locator('img[data-test=snapshot-img]');
    await img.waitFor({ timeout: 30_000 });
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(320);
    expect(await img.evaluate((i: HTMLImageElement) => i.naturalHeight)).toBe(240);
    await shots.shot(page, 'snapshot');
    await page.keyboard.press('Escape');
    await img.waitFor({ state: 'detached' });
    // and a camera whose file is gone: 502 frame.unreachable, said in words
    const dead = await api('POST', '/cameras', { orgId: camera.orgId, name: 'A区失联摄像头', source: { kind: 'file', path: path.join(dir, 'gone.mp4') } });
    expect(dead.status, dead.text).toBe(201);
    await page.reload();
    await row(page, dead.body.id).locator('[data-test=camera-snapshot]').click();
    await expect.poll(() => page.locator('[data-test=snapshot-error]').innerText(), { timeout: 20_000 }).toBe('无法连接摄像头，请检查地址、账号密码和网络');
    expect(await page.locator('img[data-test=snapshot-img]').count()).toBe(0);
    await shots.shot(page, 'snapshot-dead');
    await page.keyboard.press('Escape');
    expect((await api('DELETE', `/cameras/${dead.body.id}?revision=1`)).status).toBe(204);
  }, 60_000);

  it('answers a save based on a stale revision in words, keeps the other edit, and saves after a reload', async () => {
    // given the edit dialog opened on revision 1
    await row(page, camera.id).locator('[data-test=camera-edit]').click();
    await fillInput(page, 'camera-name', `${NAME}（改）`);
    // when someone else changes the camera meanwhile (revision 2)
    const other = await api('PUT', `/cameras/${camera.id}`, { ...camera, id: undefined, orgId: undefined, createdAt: undefined, updatedAt: undefined, enabled: false, revision: 1 });
    expect(other.status, other.text).toBe(200);
    await page.click('[data-test=camera-save]');
    // then
    const err = page.locator('[data-test=camera-form-error]');
    await expect.poll(() => err.innerText()).toBe('数据已被他人修改，请刷新后重试');
    await shots.shot(page, 'stale-save');
    const now = (await api('GET', `/cameras/${camera.id}`)).body;
    expect(now).toMatchObject({ name: NAME, enabled: false, revision: 2 });
    // when the dialog is closed, the list reloaded and the edit made again
    await page.keyboard.press('Escape');
    await page.reload();
    const r = row(page, camera.id);
    await r.locator('[data-test=camera-enabled-false]').waitFor();
    await r.locator('[data-test=camera-edit]').click();
    await fillInput(page, 'camera-name', `${NAME}（改）`);
    await page.click('[data-test=camera-enabled]');
    await page.click('[data-test=camera-save]');
    await page.getByText('已保存').waitFor();
    // then it is saved on top of the other edit, the file source and position kept
    camera = (await api('GET', `/cameras/${camera.id}`)).body;
    expect(camera).toMatchObject({ name: `${NAME}（改）`, enabled: true, revision: 3, source: { kind: 'file', path: clean }, location: now.location });
  }, 60_000);

  it('shows a real video-diagnose patrol in the health report: the clean camera ok, a black one faulty with its faults in words', async () => {
    // given a black camera and a video-diagnose patrol over both, run now (the real plugin, ffmpeg)
    const dark = await api('POST', '/cameras', { orgId: camera.orgId, name: 'A区黑屏摄像头', source: { kind: 'file', path: black }, zone: { name: '配电室', risk: 'red' } });
    expect(dark.status, dark.text).toBe(201);
    const route = await api('POST', '/patrol-routes', { orgId: camera.orgId, name: 'A区视频诊断', cameraIds: [camera.id, dark.body.id], taskTopic: 'video-diagnose', taskConfig: { intervalMs: '500' } });
    expect(route.status, route.text).toBe(201);
    const run = await api('POST', `/patrol-routes/${route.body.id}/run`, {});
    expect(run.status, run.text).toBe(201);
    const checks = () => server.runtime.deps.db.query<{ camera_id: string; status: string }>('SELECT camera_id, status FROM camera_health WHERE camera_id IN (?, ?)', [camera.id, dark.body.id]);
    await until(async () => (await checks()).length === 2, 60_000);
    expect(Object.fromEntries((await checks()).map((c) => [c.camera_id, c.status]))).toEqual({ [camera.id]: 'ok', [dark.body.id]: 'fault' });
    // when the health report is opened
    await page.click('[data-test="nav-cameras.health"]');
    await page.waitForURL((u) => u.pathname === '/cameras/health');
    // then each camera's row shows its latest status, checks and faults
    const ok = page.locator(`[data-test="health-row-${camera.id}"]`);
    await ok.locator('[data-test=health-ok]').waitFor();
    expect(await ok.innerText()).toContain('检测 1 次');
    expect(await ok.innerText()).toContain('未发现故障');
    const bad = page.locator(`[data-test="health-row-${dark.body.id}"]`);
    await bad.locator('[data-test=health-fault]').waitFor();
    expect(await bad.locator('[data-test=fault-no_signal]').innerText()).toBe('黑屏/无信号');
    expect(await bad.locator('[data-test=risk-chip-red]').innerText()).toBe('重大风险 · 配电室');
    // and the tiles count what the API counts (the demo cameras of A are unchecked)
    const date = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const report = (await api('GET', `/cameras/health-report?date=${date}&tzOffsetMinutes=480`)).body;
    expect(report.summary).toMatchObject({ ok: 1, fault: 1 });
    for (const s of ['ok', 'fault', 'offline', 'unchecked']) {
      expect(await page.locator(`[data-test=health-count-${s}] strong`).innerText(), s).toBe(String(report.summary[s]));
    }
    expect(await page.locator('[data-test=health-list] > li').count()).toBe(report.items.length);
    // and a tile filters the list to its status
    await page.click('[data-test=health-count-fault]');
    await expect.poll(() => page.locator('[data-test=health-list] > li').count()).toBe(1);
    await bad.waitFor();
    await shots.shot(page, 'health-faults');
    await page.click('[data-test=health-count-fault]');
    // and the camera list shows today's status too
    await page.click('[data-test="nav-cameras.list"]');
    await row(page, dark.body.id).locator('[data-test=health-fault]').waitFor();
    await row(page, camera.id).locator('[data-test=health-ok]').waitFor();
  }, 120_000);

  it('deletes a camera after confirmation', async () => {
    // given
    const id = ((await api('GET', '/cameras?pageSize=100')).body.items as any[]).find((c) => c.name === 'A区黑屏摄像头').id as string;
    // when
    await row(page, id).locator('[data-test=camera-remove]').click();
    await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click();
    // then
    await row(page, id).waitFor({ state: 'detached' });
    expect((await api('GET', `/cameras/${id}`)).status).toBe(404);
  }, 30_000);

  it('lays the list out in one column on a 390×844 phone, with big buttons and no sideways scrolling', async () => {
    // given
    const phone = await open({ width: 390, height: 844 }, true);
    await phone.goto(`${server.url}/cameras`);
    const r = row(phone, camera.id);
    await r.waitFor();
    // then
    const box = (await r.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    for (const b of await r.locator('.sf-cam-actions .el-button').all()) {
      const bb = (await b.boundingBox())!;
      expect(bb.height).toBeGreaterThanOrEqual(40);
      expect(bb.x + bb.width).toBeLessThanOrEqual(390);
    }
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shots.shot(phone, 'phone-list');
    await phone.goto(`${server.url}/cameras/health`);
    await phone.locator(`[data-test="health-row-${camera.id}"] [data-test=health-ok]`).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shots.shot(phone, 'phone-health');
  }, 60_000);

  it('ran without console errors or page errors', () => {
    expect(problems).toEqual([]);
  });
});
