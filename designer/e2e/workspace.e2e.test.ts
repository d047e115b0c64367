import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyLinkage, type FormSchema } from '@safeflow/engine/forms';
import { startEngineServer, until, type EngineKit } from '../../runtime/src/engine/testing/engineTestKit';
import { engineGatewayOf } from '../../runtime/src/engineGateway/engineGatewayOf';
import { seedMatrix, type MatrixFixture, type MatrixUser } from '../../runtime/src/testing/seedMatrix';
import { ensureBuiltSpa, hasChromium, launchChromium } from './browser';
import { linearBpmn } from './linearBpmn';
import { makePng } from './makePng';

const OUT = fileURLToPath(new URL('./output/workspace', import.meta.url));

/** 消防安全检查: a linkage (fire equipment → count shown and required) and a checklist item that needs a photo when it fails. */
const baseForm: FormSchema = {
  type: 'object',
  properties: {
    site: { type: 'string', title: '检查区域', 'x-component': 'Input', required: true },
    hasFire: {
      type: 'string',
      title: '是否配备消防器材',
      enum: [
        { label: '是', value: 'yes' },
        { label: '否', value: 'no' },
      ],
      'x-component': 'Radio.Group',
      required: true,
    },
    extinguisherCount: { type: 'number', title: '灭火器数量', 'x-component': 'InputNumber', 'x-display': 'none' },
    exits: {
      type: 'object',
      title: '安全出口畅通',
      'x-component': 'ScoredItem',
      'x-component-props': { score: 10, onFail: { requireNote: true, requirePhoto: true } },
      required: true,
    },
  },
};
const form = applyLinkage(baseForm, [
  { when: { all: [{ field: 'hasFire', op: 'eq', value: 'yes' }] }, then: [{ target: 'extinguisherCount', set: { display: 'visible', required: true } }] },
]);

const collection = {
  key: 'fireInspection',
  name: { zh: '消防检查', en: 'Fire inspection' },
  fields: {
    site: { type: 'string', title: { zh: '检查区域', en: 'Area' } },
    hasFire: { type: 'enum', enum: ['yes', 'no'], enumLabels: { yes: { zh: '是', en: 'Yes' }, no: { zh: '否', en: 'No' } }, title: { zh: '配备消防器材', en: 'Equipment' } },
    extinguisherCount: { type: 'number', title: { zh: '灭火器数量', en: 'Extinguishers' } },
    exits: { type: 'json', title: { zh: '安全出口', en: 'Exits' } },
  },
  indexFields: [{ field: 'site' }, { field: 'hasFire' }],
  states: [{ key: 'recorded', name: { zh: '已记录', en: 'Recorded' } }],
  initialState: 'recorded',
  transitions: [],
};
const view = {
  key: 'fireInspectionLedger',
  collection: 'fireInspection',
  columns: [
    { field: 'site', title: { zh: '检查区域', en: 'Area' } },
    { field: 'hasFire', title: { zh: '配备消防器材', en: 'Equipment' } },
    { field: 'orgId', title: { zh: '单位', en: 'Organisation' } },
    { field: 'status', title: { zh: '状态', en: 'State' } },
  ],
  filters: [{ field: 'hasFire', op: 'eq' }],
  defaultSort: { field: 'createdAt', dir: 'desc' },
  exportColumns: [],
};
const processXml = linearBpmn('e2eFireCheck', [
  { id: 'start', tag: 'startEvent', attrs: 'name="开始"' },
  { id: 'inspect', tag: 'userTask', attrs: 'name="消防安全检查" camunda:candidateGroups="safetyOfficer" camunda:formKey="safeflow:forms/e2eFire@latest"' },
  {
    id: 'register',
    tag: 'serviceTask',
    attrs: 'name="登记检查记录" camunda:type="external" camunda:topic="records"',
    inner: '<extensionElements><camunda:properties><camunda:property name="collection" value="fireInspection"/></camunda:properties></extensionElements>',
  },
  { id: 'review', tag: 'userTask', attrs: 'name="复核" camunda:candidateGroups="enterpriseOwner"' },
  { id: 'end', tag: 'endEvent', attrs: 'name="结束"' },
]);

describe.skipIf(!hasChromium)('Workspace on a 390×844 phone (Chromium): inbox → fill with linkage and a required photo → submit → ledger → record with process', () => {
  let kit: EngineKit;
  let fx: MatrixFixture;
  let officer: MatrixUser;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  let offline = false;
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: path.join(OUT, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: false });
  };
  const api = (method: string, p: string, as: MatrixUser, body?: unknown) =>
    kit.server.request(method, `/api/v1${p}`, { body, headers: { authorization: `Bearer ${as.token}` } });

  beforeAll(async () => {
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(OUT, { recursive: true });
    ensureBuiltSpa();
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    kit = await startEngineServer();
    fx = await seedMatrix(kit.server, { prefix: 'we' });
    officer = fx.user('safetyOfficer', 1);
    const admin = fx.user('platformAdmin', 1);
    for (const [kind, key, name, content] of [
      ['form', 'e2eFire', '消防安全检查表', form],
      ['collection', 'fireInspection', '消防检查', collection],
      ['view', 'fireInspectionLedger', '消防检查台账', view],
    ] as const) {
      const c = await api('POST', `/definitions/${kind}`, admin, { key, name, content, orgId: fx.orgs.C.id });
      expect(c.status, c.text).toBe(201);
      const p = await api('POST', `/definitions/${kind}/${key}/publish`, admin, { orgId: fx.orgs.C.id });
      expect(p.status, p.text).toBe(200);
    }
    const dep = await kit.deploy({ 'fire.bpmn': processXml }, { 'tenant-id': fx.orgs.C.id });
    expect(dep.status, dep.text).toBe(200);
    await engineGatewayOf(kit.deps).startProcess({ key: 'e2eFireCheck', tenantId: fx.orgs.C.id, orgId: fx.orgs.E1.id });
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      geolocation: { latitude: 31.2304, longitude: 121.4737, accuracy: 15 },
      permissions: ['geolocation'],
    });
    page = await context.newPage();
    page.on('console', (m) => {
      // while the test has the browser offline, failed fetches are what the page should survive
      if (m.type() === 'error' && !(offline && /ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(m.text()))) problems.push(`console.error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await kit?.close();
    delete process.env.SAFEFLOW_INPROCESS_WORKERS;
  });

  it('logs in on the phone and sees the task in the inbox', async () => {
    await page.goto(`${kit.server.url}/`);
    await page.waitForSelector('input[data-test=login-username]');
    expect(page.url()).toContain('/login');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    // the English switch works and is remembered across a reload, then back to Chinese
    await page.click('[data-test=locale-switch]');
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.click('[data-test=locale-switch]');
    await page.getByRole('button', { name: '登录' }).waitFor();
    await shot('login');
    await page.fill('input[data-test=login-username]', officer.username);
    await page.fill('input[data-test=login-password]', fx.password);
    await page.click('[data-test=login-submit]');
    await page.waitForURL((u) => u.pathname === '/tasks'); // not the glob: '**/tasks' matches '/login?next=/tasks' too
    await page.getByText('消防安全检查').first().waitFor();
    expect(await page.locator('[data-test=task-list] li').count()).toBe(1);
    expect(await page.locator('.sf-tabs').isVisible()).toBe(true);
    await shot('inbox');
  });

  it('fills the form: the linkage shows and hides a field, the missing photo blocks the submission visibly', async () => {
    await page.click('[data-test=task-open]');
    await page.waitForSelector('[data-test=task-title]');
    await page.getByText('检查区域').waitFor();
    await page.locator('.sf-safe-form input').first().fill('二号仓库');
    const count = page.getByText('灭火器数量');
    expect(await count.count()).toBe(0);
    await page.getByText('是', { exact: true }).click();
    await count.waitFor();
    await shot('linkage-shown');
    await page.getByText('否', { exact: true }).click();
    await count.waitFor({ state: 'detached' });
    await page.getByText('是', { exact: true }).click();
    await count.waitFor();
    await page.locator('.el-input-number input').fill('4');
    await page.click('[data-test=scored-fail]');
    await page.fill('textarea[data-test=scored-note]', '东侧安全出口堆放杂物');
    await page.click('[data-test=form-submit]');
    await page.waitForSelector('[data-test=form-errors]');
    await page.locator('.sf-scored').scrollIntoViewIfNeeded();
    await shot('photo-required');
    const fieldErrors = await page.locator('.formily-element-plus-form-item-help, .formily-element-plus-form-item-error-help').allInnerTexts();
    expect(fieldErrors).toEqual(['不合格时必须上传照片']);
    expect(await page.locator('[data-test=form-errors]').innerText()).toContain('1');
  });

  it('adds a photo from the camera input (compressed, stamped, uploaded) and submits', async () => {
    await page.setInputFiles('.sf-scored [data-test=photo-input]', { name: 'exit.png', mimeType: 'image/png', buffer: makePng(1200, 900) });
    await page.waitForSelector('.sf-scored .sf-thumb img');
    await shot('photo-added');
    await page.click('[data-test=form-submit]');
    await page.waitForURL((u) => u.pathname === '/tasks'); // not the glob: '**/tasks' matches '/login?next=/tasks' too
    await page.getByText('提交成功').waitFor();
    await shot('submitted');
    // the stored photo is the compressed JPEG (≤ 1600 px, so the 1200×900 PNG stays 1200×900 but becomes a JPEG)
    const [file] = await kit.deps.db.query<{ mime: string; size: number }>("SELECT mime, size FROM file ORDER BY created_at DESC LIMIT 1");
    expect(file!.mime).toBe('image/jpeg');
  });

  it('shows the record in the ledger and its page with the photo and the process at the review step', async () => {
    await until(async () => (await kit.deps.db.query("SELECT id FROM record WHERE collection_key = 'fireInspection'"))[0]);
    await page.click('[data-test=tab-workspace\\.ledgers]');
    await page.click('[data-test=view-fireInspectionLedger]');
    await page.getByText('二号仓库').waitFor();
    const row = await page.locator('[data-test=ledger-rows]').innerText();
    expect(row).toContain('是');
    expect(row).toContain('已记录');
    expect(row).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await shot('ledger');
    await page.getByText('二号仓库').click();
    await page.waitForSelector('[data-test=record-fields]');
    await page.waitForSelector('[data-test=record-photos] img');
    await page.waitForSelector('[data-test=process-diagram] .sf-active');
    expect(await page.locator('[data-test=record-fields]').innerText()).toContain('不合格：东侧安全出口堆放杂物');
    await page.locator('[data-test=process-diagram]').scrollIntoViewIfNeeded();
    await shot('record');
  });

  it('queues a submission made offline and sends it when the network is back', async () => {
    // given a second inspection
    await engineGatewayOf(kit.deps).startProcess({ key: 'e2eFireCheck', tenantId: fx.orgs.C.id, orgId: fx.orgs.E1.id });
    await page.click('[data-test=tab-workspace\\.inbox]');
    await page.waitForSelector('[data-test=task-open]');
    await page.click('[data-test=task-open]');
    await page.getByText('检查区域').waitFor();
    await page.locator('.sf-safe-form input').first().fill('三号车间');
    await page.getByText('否', { exact: true }).click();
    await page.click('[data-test=scored-pass]');
    // when the phone loses the network and the officer submits
    offline = true;
    await context.setOffline(true);
    await page.click('[data-test=form-submit]');
    await page.waitForURL((u) => u.pathname === '/tasks'); // not the glob: '**/tasks' matches '/login?next=/tasks' too
    await page.waitForSelector('[data-test=outbox]');
    expect(await page.locator('[data-test=outbox]').innerText()).toContain('消防安全检查');
    await shot('offline-queued');
    // then, back online, the outbox syncs by itself and the task is done
    await context.setOffline(false);
    await page.waitForSelector('[data-test=outbox]', { state: 'detached', timeout: 20_000 });
    offline = false;
    await until(async () => (await kit.deps.db.query("SELECT id FROM record WHERE collection_key = 'fireInspection'")).length === 2);
    const sent = await kit.deps.db.query<{ data: string }>("SELECT data FROM record WHERE collection_key = 'fireInspection' ORDER BY created_at DESC LIMIT 1");
    expect(JSON.parse(sent[0]!.data)).toMatchObject({ site: '三号车间', hasFire: 'no' });
    await page.getByText('暂无待办任务').waitFor();
    expect(await page.locator('[data-test=task-list] li').count()).toBe(0);
    await shot('offline-synced');
  }, 60_000);

  it('keeps a photo taken offline on the phone, shows it waiting, and uploads it before the queued submission when back online', async () => {
    // given a third inspection, opened while online
    await engineGatewayOf(kit.deps).startProcess({ key: 'e2eFireCheck', tenantId: fx.orgs.C.id, orgId: fx.orgs.E1.id });
    await page.reload();
    await page.waitForSelector('[data-test=task-open]');
    await page.click('[data-test=task-open]');
    await page.getByText('检查区域').waitFor();
    await page.locator('.sf-safe-form input').first().fill('四号仓库');
    await page.getByText('否', { exact: true }).click();
    await page.click('[data-test=scored-fail]');
    await page.fill('textarea[data-test=scored-note]', '消防通道堵塞');
    const filesBefore = Number((await kit.deps.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM file'))[0]!.n);
    // when the network goes and the photo is taken
    offline = true;
    await context.setOffline(true);
    await page.setInputFiles('.sf-scored [data-test=photo-input]', { name: 'blocked.png', mimeType: 'image/png', buffer: makePng(640, 480) });
    // then it is kept on the phone, marked as waiting to upload
    await page.waitForSelector('.sf-scored [data-test=photo-pending]');
    await page.waitForSelector('.sf-scored .sf-thumb img');
    await shot('offline-photo-pending');
    // when submitted offline, then back online
    await page.click('[data-test=form-submit]');
    await page.waitForURL((u) => u.pathname === '/tasks'); // not the glob: '**/tasks' matches '/login?next=/tasks' too
    await page.waitForSelector('[data-test=outbox]');
    await context.setOffline(false);
    await page.waitForSelector('[data-test=outbox]', { state: 'detached', timeout: 30_000 });
    offline = false;
    // then the photo was uploaded first and the record holds its real reference
    await until(async () => (await kit.deps.db.query("SELECT id FROM record WHERE collection_key = 'fireInspection'")).length === 3);
    const [latest] = await kit.deps.db.query<{ data: string }>("SELECT data FROM record WHERE collection_key = 'fireInspection' ORDER BY created_at DESC LIMIT 1");
    expect(latest!.data).toContain('四号仓库');
    expect(latest!.data).not.toContain('pending:');
    const files = await kit.deps.db.query<{ id: string; mime: string }>('SELECT id, mime FROM file ORDER BY created_at DESC LIMIT 1');
    expect(Number((await kit.deps.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM file'))[0]!.n)).toBe(filesBefore + 1);
    expect(files[0]!.mime).toBe('image/jpeg');
    expect(latest!.data).toContain(files[0]!.id);
    await shot('offline-photo-synced');
  }, 90_000);

  it('ran without console errors or page errors', () => {
    expect(problems).toEqual([]);
  });
});
