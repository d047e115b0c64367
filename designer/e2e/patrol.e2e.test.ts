/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are read loosely */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildColourPatchModel, cellBox, syntheticPng, type PatchClass } from '@safeflow/plugin-ai-detect';
import { makeStillClip } from '@safeflow/plugin-kit/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../runtime/src/audit/appendAudit';
import { installDispatchPack } from '../../runtime/src/ai/testing/installDispatchPack';
import { startEngineServer, until, type Creds, type EngineKit } from '../../runtime/src/engine/testing/engineTestKit';
import { setEntitlements } from '../../runtime/src/entitlements/entitlements.route';
import { MODULE_KEYS } from '../../runtime/src/entitlements/moduleKeys';
import { ensureBuiltSpa, hasChromium, launchChromium } from './browser';

const OUT = fileURLToPath(new URL('./output/patrol', import.meta.url));
const W = 1280;
const H = 720;
const PPE = [{ label: 'person', colour: 'red', stride: 32 }, { label: 'safehat', colour: 'green', stride: 16 }] satisfies PatchClass[];
/** The built-in inspector role as the role picker lists it. */
const INSPECTOR_ROLE = '检查员';

describe.skipIf(!hasChromium)('patrol routes and model import in Chromium: a model imported through the dialog, a route over two cameras reordered, saved and run now', () => {
  let kit: EngineKit;
  let officer: Creds;
  let tenant: string;
  let dir: string;
  let browser: Browser;
  let routeId = '';
  const cams: { id: string; name: string }[] = [];
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  let step = 0;
  const api = (method: string, p: string, body?: unknown) =>
    kit.server.request(method, `/api/v1${p}`, { body, headers: { authorization: `Basic ${Buffer.from(`${officer.username}:${officer.password}`).toString('base64')}` } });
  const shot = async (page: Page, name: string) => {
    step++;
    await page.screenshot({ path: path.join(OUT, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const open = async (viewport: { width: number; height: number }, phone: boolean): Promise<Page> => {
    const context = await browser.newContext({ viewport, deviceScaleFactor: phone ? 2 : 1, isMobile: phone, hasTouch: phone, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of (400|409)/.test(m.text())) problems.push(`console.error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(`${kit.server.url}/`);
    await page.fill('input[data-test=login-username]', officer.username);
    await page.fill('input[data-test=login-password]', officer.password);
    await page.click('[data-test=login-submit]');
    await page.waitForURL((u) => u.pathname === '/tasks');
    return page;
  };
  const stopNames = async (page: Page) => page.locator('[data-test=patrol-stops] [data-test=patrol-stop-name]').allInnerTexts();

  beforeAll(async () => {
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(OUT, { recursive: true });
    ensureBuiltSpa();
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-patrol-web-'));
    // a person without a helmet in front of both gates: an H.264 clip made with ffmpeg
    const png = path.join(dir, 'scene.png');
    fs.writeFileSync(png, await syntheticPng(W, H, [{ colour: 'red', box: cellBox(W, H, 640, 32, 6, 8) }]));
    const clip = await makeStillClip(png, path.join(dir, 'gate.mp4'));
    kit = await startEngineServer();
    tenant = await kit.createTenant('巡检路线企业');
    officer = await kit.createUser('patrol.officer', { tenantId: tenant, role: 'safetyOfficer' });
    await kit.deps.db.transaction((tx) => setEntitlements(tx, kit.deps, SYSTEM_ACTOR, { id: tenant, path: `/${tenant}/` }, [...MODULE_KEYS]));
    for (const [name, x, y] of [['1号门', 300, 200], ['2号门', 640, 410]] as const) {
      const cam = await api('POST', '/cameras', { orgId: tenant, name, source: { kind: 'file', path: clip }, location: { x, y } });
      expect(cam.status, cam.text).toBe(201);
      cams.push({ id: cam.body.id, name });
    }
    await installDispatchPack(kit.deps, tenant);
    fs.writeFileSync(path.join(dir, 'ppe.onnx'), buildColourPatchModel({ classes: PPE }));
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await kit?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    delete process.env.SAFEFLOW_INPROCESS_WORKERS;
  }, 120_000);

  it('imports a model through the dialog (labels from the library, in class order); a model with one label too many is refused with both counts', async () => {
    // given the officer on the models page
    const page = await open({ width: 1280, height: 900 }, false);
    await page.goto(`${kit.server.url}/ai/models`);
    await page.locator('[data-test=model-import-open]').click();
    const dialog = page.locator('[data-test=model-import]');
    await dialog.locator('[data-test=import-file]').setInputFiles(path.join(dir, 'ppe.onnx'));
    // the key comes from the file name
    await dialog.locator('[data-test=import-file-name]').getByText('ppe.onnx').waitFor();
    await dialog.locator('[data-test=import-labels]').click();
    await page.getByRole('option', { name: '人 person' }).click();
    await page.getByRole('option', { name: '安全帽 safehat' }).click();
    await page.keyboard.press('Escape');
    expect(await dialog.locator('[data-test=import-label-order] li').allInnerTexts()).toEqual(['类别 0 · 人 person', '类别 1 · 安全帽 safehat']);
    await dialog.locator('input[data-test=import-licence]').fill('test-only');
    await shot(page, 'import-dialog');
    // when it is uploaded
    await dialog.locator('[data-test=import-submit]').click();
    // then the registry took it as version 1, active, and the table lists it
    await page.getByText('已导入 ppe 第 1 版（在用）').waitFor({ timeout: 30_000 });
    await page.locator('[data-test=model-table]').getByText('ppe v1').waitFor();
    const models = (await api('GET', '/ai/models?key=ppe')).body.items as any[];
    expect(models.map((m) => [m.version, m.status, m.labels, m.licence])).toEqual([[1, 'active', ['person', 'safehat'], 'test-only']]);
    await shot(page, 'imported');

    // when a second file of the same key is imported with three labels for its two classes
    await page.locator('[data-test=model-import-open]').click();
    await dialog.locator('[data-test=import-file]').setInputFiles({ name: 'ppe.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(buildColourPatchModel({ classes: PPE })) });
    await dialog.locator('[data-test=import-labels]').click();
    await page.getByRole('option', { name: '人 person' }).click();
    await page.getByRole('option', { name: '安全帽 safehat' }).click();
    await dialog.locator('[data-test=import-labels] input').fill('vest');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    expect(await dialog.locator('[data-test=import-label-order] li').count()).toBe(3);
    await dialog.locator('[data-test=import-submit]').click();
    // then the dialog says why, in words with both counts, and nothing was added
    await dialog.locator('[data-test=import-error]').getByText('模型有 2 个类别，但填写了 3 个标签，请按模型的类别顺序核对标签').waitFor({ timeout: 30_000 });
    await shot(page, 'label-mismatch');
    expect(((await api('GET', '/ai/models?key=ppe')).body.items as any[]).length).toBe(1);

    // when the extra label is removed and it is sent again over a slow uplink (Chromium's network throttling, 48 KB/s)
    await dialog.locator('[data-test=import-labels] .el-tag').nth(2).locator('.el-tag__close').click();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 48 * 1024 });
    await dialog.locator('[data-test=import-submit]').click();
    // then the dialog shows the upload's progress as it goes
    const progress = dialog.locator('[data-test=import-progress]');
    await progress.getByText(/正在上传 \d+%（[\d.]+ KB \/ 1[34]\d\.\d KB）/).waitFor({ timeout: 15_000 });
    await shot(page, 'upload-progress');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    // then it is version 2, a candidate
    await page.getByText('已导入 ppe 第 2 版（候选）').waitFor({ timeout: 30_000 });
    await page.locator('[data-test=model-table]').getByText('ppe v2').waitFor();
    expect(((await api('GET', '/ai/models?key=ppe')).body.items as any[]).map((m) => [m.version, m.status])).toEqual([[2, 'candidate'], [1, 'active']]);
  }, 120_000);

  it('creates a route over two cameras, reorders them, refuses a bad schedule in words, saves, runs it now: both cameras patrolled in the new order', async () => {
    // given the patrol routes page
    const page = await open({ width: 1280, height: 900 }, false);
    await page.getByRole('menuitem', { name: '巡检路线' }).click();
    await page.waitForURL((u) => u.pathname === '/patrol-routes');
    await page.locator('[data-test=patrol-create]').click();
    await page.waitForURL((u) => u.pathname === '/patrol-routes/new');
    const editor = page.locator('[data-test=patrol-editor]');
    await editor.waitFor();
    await editor.locator('input[data-test=patrol-name]').fill('大门 AI 巡检');
    // when both cameras are added, 1号门 first, then 2号门 moved up
    for (const c of cams) {
      await editor.locator('[data-test=patrol-add-camera]').click();
      await page.getByRole('option', { name: c.name }).click();
    }
    expect(await stopNames(page)).toEqual(['1号门', '2号门']);
    await editor.locator('[data-test=patrol-stop-up-1]').click();
    expect(await stopNames(page)).toEqual(['2号门', '1号门']);
    // the task defaults to AI 识别 with the imported model and the helmet rule
    await expect.poll(() => editor.locator('[data-test=patrol-task-type]').innerText()).toContain('AI 识别');
    expect(await editor.locator('[data-test=patrol-config-model]').innerText()).toContain('ppe');
    expect(await editor.locator('[data-test=patrol-config-rule]').innerText()).toContain('未佩戴安全帽');
    // the stop task offers the two patrol task types; 视频诊断's settings come from its schema and are checked against its bounds
    await editor.locator('[data-test=patrol-task-type]').click();
    await page.getByRole('option', { name: '视频诊断' }).waitFor();
    expect(await page.locator('.el-select-dropdown__item:visible').allInnerTexts()).toEqual(['AI 识别', '视频诊断']);
    await page.getByRole('option', { name: '视频诊断' }).click();
    expect(await editor.locator('[data-test=patrol-config-mode]').innerText()).toContain('诊断画面故障');
    await editor.getByText('高级参数').click();
    await editor.locator('input[data-test=patrol-config-frames]').fill('0');
    await editor.locator('[data-test=patrol-save]').click();
    await editor.getByText('请输入 1 到 10 之间的数值').waitFor();
    expect(page.url()).toContain('/patrol-routes/new');
    await editor.locator('[data-test=patrol-task-type]').click();
    await page.getByRole('option', { name: 'AI 识别' }).click();
    expect(await editor.locator('[data-test=patrol-config-model]').innerText()).toContain('ppe');
    // a custom schedule too often, then a cron with five fields, is refused in words
    await editor.locator('[data-test=schedule-custom]').click();
    await editor.locator('input[data-test=schedule-expression]').fill('R/PT1M');
    await editor.locator('[data-test=schedule-error]').getByText('巡检间隔不能短于 5 分钟').waitFor();
    await editor.locator('input[data-test=schedule-expression]').fill('0 8 * * *');
    await editor.locator('[data-test=schedule-error]').getByText(/cron 需要 6 或 7 段/).waitFor();
    await editor.locator('[data-test=patrol-save]').click();
    expect(page.url()).toContain('/patrol-routes/new');
    // and the 每天 8 点 preset is taken instead
    await editor.locator('[data-test=schedule-daily8]').click();
    await editor.locator('[data-test=schedule-next]').getByText(/下次巡检/).waitFor();
    // the AI alarms of this route go to the park's inspectors for review
    await editor.locator('[data-test=patrol-review-group]').click();
    await page.getByRole('option', { name: INSPECTOR_ROLE }).click();
    await shot(page, 'editor');
    await editor.locator('[data-test=patrol-save]').click();
    await page.waitForURL((u) => u.pathname === '/patrol-routes');
    // then the list shows it in words and the API has the cameras in the new order
    const routes = (await api('GET', '/patrol-routes')).body.items as any[];
    expect(routes).toHaveLength(1);
    routeId = routes[0].id;
    expect(routes[0]).toMatchObject({ name: '大门 AI 巡检', cameraIds: [cams[1]!.id, cams[0]!.id], taskTopic: 'ai-detect', taskConfig: { model: 'ppe', rule: 'no-helmet', source: 'camera' }, schedule: '0 0 8 * * ?', reviewGroup: 'inspector', workOrderGroup: 'safetyOfficer', enabled: true, revision: 1 });
    const row = page.locator(`[data-test=patrol-route-${routeId}]`);
    expect(await row.locator('[data-test=patrol-route-stops]').innerText()).toBe('2 个点位');
    expect(await row.locator('[data-test=patrol-route-task]').innerText()).toBe('AI 识别');
    expect(await row.locator('[data-test=patrol-route-schedule]').innerText()).toBe('每天 8 点');

    // when 立即巡检 is pressed
    await row.locator(`[data-test=patrol-run-now-${routeId}]`).click();
    // then the page follows the patrol to its end
    await row.locator('[data-test=patrol-run-text]').getByText('巡检完成：2 / 2 个点位已执行').waitFor({ timeout: 90_000 });
    await shot(page, 'run-done');
    // and its patrol record lists the run: by hand, finished, both stops, two alarms to review
    await row.locator(`[data-test=patrol-history-toggle-${routeId}]`).click();
    const history = row.locator(`[data-test=patrol-history-${routeId}]`);
    const run = history.locator('[data-test=patrol-history-run]');
    await run.first().waitFor();
    expect(await run.count()).toBe(1);
    expect(await run.locator('[data-test=patrol-history-trigger]').innerText()).toBe('手动');
    expect(await run.locator('[data-test=patrol-history-state]').innerText()).toBe('已完成');
    expect(await run.locator('[data-test=patrol-history-stops]').innerText()).toBe('2 / 2 个点位');
    await expect.poll(() => run.locator('[data-test=patrol-history-found]').innerText()).toBe('2 条告警待审核');
    await shot(page, 'run-history');
    // and both cameras raised their alarm, 2号门 first
    const alarms = await until(async () => {
      const items = (await api('GET', '/ai/alarms')).body.items as any[];
      return items.length === 2 ? items : undefined;
    }, 30_000);
    const byCam = (id: string) => alarms.find((a) => a.cameraId === id);
    expect(byCam(cams[0]!.id)).toBeDefined();
    expect(byCam(cams[1]!.id)).toBeDefined();
    expect(byCam(cams[1]!.id).firstAt).toBeLessThan(byCam(cams[0]!.id).firstAt);
    // and the engine's history has the two stops of that patrol, in that order
    const patrol = (await kit.deps.db.query<{ id: string }>('SELECT id FROM hist_process_instance WHERE business_key = ?', [`patrol:${routeId}`]))[0]!;
    const stops = await kit.deps.db.query<{ n: number }>("SELECT COUNT(*) AS n FROM hist_activity_instance WHERE process_instance_id = ? AND activity_id = 'stop' AND end_time IS NOT NULL", [patrol.id]);
    expect(Number(stops[0]!.n)).toBe(2);
    // another route's id does not read this patrol
    expect((await api('GET', `/patrol-routes/${routeId}/runs/nope`)).status).toBe(404);
  }, 180_000);

  it('edits the route on a 390×844 phone: up/down buttons reorder with big targets, a stale save says so in words, the retry saves', async () => {
    // given the route's editor on a phone
    const page = await open({ width: 390, height: 844 }, true);
    await page.goto(`${kit.server.url}/patrol-routes/${routeId}`);
    const editor = page.locator('[data-test=patrol-editor]');
    await editor.waitFor();
    await expect.poll(() => stopNames(page)).toEqual(['2号门', '1号门']);
    // the page fits the phone: no sideways scrolling, the stop buttons are 44 px and on screen
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const b of ['up', 'down', 'remove']) {
      const box = (await editor.locator(`[data-test=patrol-stop-${b}-${b === 'up' ? 1 : 0}]`).boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await shot(page, 'phone-editor');
    // when 1号门 is moved up with a tap, while someone else renames the route
    await editor.locator('[data-test=patrol-stop-down-0]').tap();
    expect(await stopNames(page)).toEqual(['1号门', '2号门']);
    const current = (await api('GET', `/patrol-routes/${routeId}`)).body;
    const { id: _id, orgId: _org, processKey: _pk, definitionId: _def, ...rest } = current;
    expect((await api('PUT', `/patrol-routes/${routeId}`, { ...rest, name: '大门巡检（改）' })).status).toBe(200);
    await editor.locator('[data-test=patrol-save]').tap();
    // then the save is refused in words
    await editor.locator('[data-test=patrol-save-error]').getByText('数据已被他人修改，请刷新后重试').waitFor();
    await shot(page, 'phone-conflict');
    // when the editor reloads (the other change comes in) and the order is changed again
    await editor.locator('[data-test=patrol-save-error] button').tap();
    await expect.poll(() => editor.locator('input[data-test=patrol-name]').inputValue()).toBe('大门巡检（改）');
    await editor.locator('[data-test=patrol-stop-up-1]').tap();
    await editor.locator('[data-test=patrol-save]').tap();
    await page.waitForURL((u) => u.pathname === '/patrol-routes');
    // then the API has both changes
    expect((await api('GET', `/patrol-routes/${routeId}`)).body).toMatchObject({ name: '大门巡检（改）', cameraIds: [cams[0]!.id, cams[1]!.id], revision: 3 });
    await shot(page, 'phone-list');
  }, 120_000);

  it('ran without console errors or page errors', () => {
    expect(problems).toEqual([]);
  });
});
