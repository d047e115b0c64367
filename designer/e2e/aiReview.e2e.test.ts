/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are read loosely */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildColourPatchModel, cellBox, parseDataYamlNames, parseYoloLabels } from '@safeflow/plugin-ai-detect';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../runtime/src/engine/testing/engineTestKit';
import { FRAME, PERSON_BOX, startAiReviewFixture, type AiReviewFixture } from '../../runtime/src/ai/testing/aiReviewFixture';
import { ensureBuiltSpa, hasChromium, launchChromium } from './browser';

const OUT = fileURLToPath(new URL('./output/aiReview', import.meta.url));

describe.skipIf(!hasChromium)('AI review screens in Chromium: an alarm confirmed on a phone becomes a hazard, another starts command dispatch; a sample’s box fixed by dragging is saved; a dataset version exported', () => {
  let f: AiReviewFixture;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  const problems: string[] = [];
  let step = 0;
  let alarm: { alarmId: string; processInstanceId: string; alarm: any };
  const shot = async (page: Page, name: string) => {
    step++;
    await page.screenshot({ path: path.join(OUT, `${String(step).padStart(2, '0')}-${name}.png`) });
  };
  const open = async (viewport: { width: number; height: number }, phone: boolean, username = f.fx.user('safetyOfficer', 1).username): Promise<Page> => {
    const context = await browser.newContext({ viewport, deviceScaleFactor: phone ? 2 : 1, isMobile: phone, hasTouch: phone, locale: 'zh-CN', acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    pages.push(page);
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(`${f.kit.server.url}/`);
    await page.fill('input[data-test=login-username]', username);
    await page.fill('input[data-test=login-password]', f.fx.password);
    await page.click('[data-test=login-submit]');
    // the pathname itself: the glob '**/tasks' also matches '/login?next=/tasks' before the login has finished
    await page.waitForURL((u) => u.pathname === '/tasks');
    return page;
  };

  beforeAll(async () => {
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(OUT, { recursive: true });
    ensureBuiltSpa();
    f = await startAiReviewFixture({ prefix: 'ae' });
    alarm = await f.raiseAlarm('E1');
    await f.raiseAlarm('E2'); // another enterprise's alarm, never shown to E1's officer
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await f?.close();
  }, 120_000);

  it('confirms an alarm on a 390×844 phone: the snapshot with its box, one tap, and the pack’s hazard record exists', async () => {
    // given the officer on a phone, on the alarm review
    const page = await open({ width: 390, height: 844 }, true);
    await page.goto(`${f.kit.server.url}/ai/alarms`);
    await page.getByText('AI 巡检告警审核').waitFor({ timeout: 15_000 }).catch(async (e) => {
      // seen once in ~10 runs on the loaded machine: keep what the page showed
      await shot(page, 'failure-alarms-page');
      throw new Error(`alarm review page not shown at ${page.url()}: ${(await page.locator('body').innerText()).slice(0, 300)}`, { cause: e });
    });
    const card = page.locator(`[data-test=alarm-${alarm.alarmId}]`);
    await card.locator('svg [data-test=box-rect-0]').waitFor();
    // only E1's alarm is listed
    expect(await page.locator('[data-test=alarm-list] > li').count()).toBe(1);
    // the drawn box sits where the person is: its SVG rect is in picture pixels
    const rect = card.locator('[data-test=box-rect-0]');
    expect(Number(await rect.getAttribute('x'))).toBe(PERSON_BOX.x1);
    expect(Number(await rect.getAttribute('width'))).toBe(PERSON_BOX.x2 - PERSON_BOX.x1);
    const confirm = card.locator('[data-test=alarm-confirm]');
    const box = (await confirm.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.height).toBeGreaterThanOrEqual(40);
    await shot(page, 'phone-alarm');
    // when the officer confirms it
    await confirm.click();
    await page.getByText('已确认，已生成隐患').waitFor();
    await card.waitFor({ state: 'detached' });
    await shot(page, 'phone-confirmed');
    // then the alarm is confirmed and the real safety-hazard registered a hazard for E1 with the snapshot
    const officer = f.creds('safetyOfficer');
    await until(async () => (await f.api(officer, 'GET', `/ai/alarms/${alarm.alarmId}`)).body.status === 'confirmed', 30_000);
    const { record } = await f.hazardOfPatrol(alarm.processInstanceId);
    expect(record.orgId).toBe(f.fx.orgs.E1.id);
    expect(record.data).toMatchObject({ source: '12', origin: 'ai-alarm', originId: alarm.alarmId });
    expect(record.data.photos[0].fileId).toBe(alarm.alarm.snapshotFileId);
    // and the confirmed tab lists it with the reviewer
    await page.click('[data-test=alarm-status] label:nth-child(2)');
    await page.getByText(`审核人：${f.fx.user('safetyOfficer', 1).username}`).waitFor();
  }, 120_000);

  it('fixes a sample’s box by dragging it and its corner, changes nothing else, saves; the API returns the new box', async () => {
    // given a second alarm of E1 elsewhere, confirmed through the API (two reviewed samples: one lands in val)
    const officer = f.creds('safetyOfficer');
    const second = await f.raiseAlarm('E1', cellBox(FRAME.W, FRAME.H, 640, 32, 14, 10));
    expect((await f.api(officer, 'POST', `/ai/alarms/${second.alarmId}/review`, { confirmed: true, revision: second.alarm.revision })).status).toBe(200);
    await until(async () => (await f.api(officer, 'GET', `/ai/alarms/${second.alarmId}`)).body.status === 'confirmed', 30_000);
    // and the first alarm's sample (labelled with the confirmed box) opened in the editor on a desktop
    const page = await open({ width: 1280, height: 900 }, false);
    await page.getByRole('menuitem', { name: 'AI 样本标注' }).click();
    await page.waitForURL('**/ai/samples');
    const sample = ((await f.api(officer, 'GET', '/ai/samples')).body.items as any[]).find((s) => s.alarmId === alarm.alarmId);
    await page.click(`[data-test=sample-${sample.id}]`);
    const editor = page.locator('[data-test=sample-editor]');
    await editor.locator('[data-test=box-rect-0]').waitFor();
    expect(sample.annotations).toEqual([{ label: 'person', box: PERSON_BOX }]);
    const svg = (await editor.locator('[data-test=box-canvas] .sf-box-stage > svg').boundingBox())!;
    const scale = svg.width / FRAME.W;
    const client = (x: number, y: number) => ({ x: svg.x + x * scale, y: svg.y + y * (svg.height / FRAME.H) });
    await shot(page, 'sample-before');
    // when the box is dragged 40 px right and 20 px down (picture pixels) by its middle
    const mid = client((PERSON_BOX.x1 + PERSON_BOX.x2) / 2, (PERSON_BOX.y1 + PERSON_BOX.y2) / 2);
    await page.mouse.move(mid.x, mid.y);
    await page.mouse.down();
    await page.mouse.move(mid.x + 20 * scale, mid.y + 10 * scale, { steps: 4 });
    await page.mouse.move(mid.x + 40 * scale, mid.y + 20 * scale, { steps: 4 });
    await page.mouse.up();
    // and its bottom-right corner pulled out to (x2 + 60, y2 + 30) of the moved box
    const moved = { x1: PERSON_BOX.x1 + 40, y1: PERSON_BOX.y1 + 20, x2: PERSON_BOX.x2 + 40, y2: PERSON_BOX.y2 + 20 };
    const corner = client(moved.x2, moved.y2);
    const target = client(moved.x2 + 60, moved.y2 + 30);
    await page.mouse.move(corner.x, corner.y);
    await page.mouse.down();
    await page.mouse.move(target.x, target.y, { steps: 6 });
    await page.mouse.up();
    await shot(page, 'sample-dragged');
    await editor.locator('[data-test=sample-save]').click();
    await page.getByText('标注已保存').waitFor();
    // then the API has the new box (within a pixel of the drag: screen pixels are ~2 picture pixels here)
    const after = ((await f.api(f.creds('safetyOfficer'), 'GET', '/ai/samples')).body.items as any[]).find((s) => s.id === sample.id);
    expect(after.revision).toBe(sample.revision + 1);
    expect(after.annotations).toHaveLength(1);
    expect(after.annotations[0].label).toBe('person');
    const b = after.annotations[0].box;
    const tol = 1 / scale + 0.5;
    expect(Math.abs(b.x1 - moved.x1)).toBeLessThanOrEqual(tol);
    expect(Math.abs(b.y1 - moved.y1)).toBeLessThanOrEqual(tol);
    expect(Math.abs(b.x2 - (moved.x2 + 60))).toBeLessThanOrEqual(tol);
    expect(Math.abs(b.y2 - (moved.y2 + 30))).toBeLessThanOrEqual(tol);
    const audit = await f.kit.deps.db.query<{ actor_name: string }>("SELECT actor_name FROM audit_log WHERE target_id = ? AND action = 'ai.sample.annotate'", [sample.id]);
    expect(audit.map((a) => a.actor_name)).toEqual([f.fx.user('safetyOfficer', 1).username]);
    await shot(page, 'sample-saved');

    // and on the datasets page a new version is frozen and exported as YOLO with the fixed box
    await page.getByRole('menuitem', { name: 'AI 数据集与模型' }).click();
    await page.waitForURL('**/ai/models');
    await page.locator('[data-test=dataset-labels]').click();
    await page.getByRole('option', { name: '人 person' }).click();
    await page.getByRole('option', { name: '安全帽 safehat' }).click();
    await page.keyboard.press('Escape');
    await page.click('[data-test=dataset-create]');
    await page.getByText(/已生成第 1 版/).waitFor();
    await page.locator('[data-test=dataset-table]').getByText('ppe v1').waitFor();
    await page.locator('[data-test=model-table]').getByText('ppe v1').waitFor();
    await shot(page, 'datasets-models');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=dataset-table] .el-table__body [data-test=export-yolo]').click()]);
    const yolo = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as { files: Record<string, string> };
    expect(parseDataYamlNames(yolo.files['data.yaml']!)).toEqual(['person', 'safehat']);
    const labelled = Object.entries(yolo.files).filter(([k]) => k.includes(sample.fileId)).flatMap(([, text]) => parseYoloLabels(text, FRAME.W, FRAME.H));
    expect(labelled).toHaveLength(1);
    expect(Math.abs(labelled[0]!.box.x2 - b.x2)).toBeLessThan(0.01);
    // and as one zip with the image
    const [zipped] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=dataset-table] .el-table__body [data-test=archive-yolo]').click()]);
    expect(zipped.suggestedFilename()).toBe('ppe-v1-yolo.zip');
    const zip = await JSZip.loadAsync(fs.readFileSync((await zipped.path())!));
    expect(Object.keys(zip.files).some((n) => n.startsWith('images/') && n.includes(sample.fileId))).toBe(true);
  }, 120_000);

  it('evaluates a retrained candidate per class against the active version and promotes it to all cameras', async () => {
    // given a candidate v2 imported through the API, and the models page
    const officer = f.creds('safetyOfficer');
    const v2 = await f.upload(officer, '/ai/models', buildColourPatchModel({ classes: [{ label: 'person', colour: 'red', stride: 32 }, { label: 'safehat', colour: 'green', stride: 16 }], layout: 'yolov5' }), 'ppe-v2.onnx', {
      orgId: f.fx.orgs.E1.id, key: 'ppe', labels: 'person,safehat', source: 'retrained on ppe@1',
    });
    expect(v2.body).toMatchObject({ version: 2, status: 'candidate' });
    const page = pages.at(-1)!;
    await page.reload();
    await page.locator('[data-test=model-table]').getByText('ppe v2').waitFor();
    // when v2 is evaluated on the dataset version
    await page.locator('[data-test=model-table] .el-table__body [data-test=eval-dataset-2]').click();
    await page.getByRole('option', { name: 'ppe v1' }).click();
    await page.locator('[data-test=model-table] .el-table__body [data-test=evaluate-2]').click();
    // then mAP and the per-class table show, against the active v1
    const evaluation = page.locator('[data-test=evaluation]');
    await evaluation.getByText('第 2 版评估结果').waitFor();
    await evaluation.getByText(/在用版本 mAP@0.5/).waitFor();
    const stored = (await f.api(officer, 'GET', `/ai/models/${v2.body.id}`)).body.evaluation;
    expect(stored.perClass.map((c: any) => c.classId)).toEqual([0]);
    expect(await page.locator('[data-test=per-class] .el-table__body tr').count()).toBe(stored.perClass.length);
    expect(await page.locator('[data-test=per-class] .el-table__body').innerText()).toContain('person');
    const evaluated = await f.kit.deps.db.query<{ actor_name: string }>("SELECT actor_name FROM audit_log WHERE target_id = ? AND action = 'ai.model.evaluate'", [v2.body.id]);
    expect(evaluated.map((a) => a.actor_name)).toEqual([f.fx.user('safetyOfficer', 1).username]);
    await shot(page, 'evaluation');
    // when promoted to all cameras
    await page.locator('[data-test=model-table] .el-table__body [data-test=promote-2]').click();
    await page.getByText('第 2 版已全部启用').waitFor();
    // then v2 is active and v1 retired
    const versions = ((await f.api(officer, 'GET', '/ai/models?key=ppe')).body.items as any[]).map((m) => [m.version, m.status]);
    expect(versions).toEqual([[2, 'active'], [1, 'retired']]);
    await shot(page, 'promoted');

    // when the city bureau hands a model of another key down, the enterprise sees it read-only, named by its org
    const cityModel = await f.upload(f.creds('cityBureauAdmin'), '/ai/models', buildColourPatchModel({ classes: [{ label: 'person', colour: 'red', stride: 32 }] }), 'city.onnx', {
      orgId: f.fx.orgs.C.id, key: 'city-person', labels: 'person', source: 'the city bureau',
    });
    expect(cityModel.status, cityModel.text).toBe(201);
    await page.reload();
    const handed = page.locator('[data-test=model-table] .el-table__body tr', { hasText: 'city-person v1' });
    await handed.locator('[data-test=model-inherited]').getByText('上级下发').waitFor();
    expect(await handed.locator('[data-test=model-org]').innerText()).toBe(cityModel.body.orgName);
    await handed.locator('[data-test=model-read-only]').waitFor();
    expect(await handed.locator('button').count()).toBe(0);
    await shot(page, 'inherited-model');
  }, 120_000);

  it('starts command dispatch from a second alarm on a 390×844 phone: the alarm is confirmed, the pack’s safety-dispatch registers the event from it, the dispatch page lists it', async () => {
    // given a second open alarm of E1 elsewhere in the frame, and the officer on a phone, on the alarm review
    const officer = f.creds('safetyOfficer');
    const second = await f.raiseAlarm('E1', cellBox(FRAME.W, FRAME.H, 640, 32, 2, 10));
    const page = await open({ width: 390, height: 844 }, true);
    await page.goto(`${f.kit.server.url}/ai/alarms`);
    const card = page.locator(`[data-test=alarm-${second.alarmId}]`);
    await card.locator('svg [data-test=box-rect-0]').waitFor({ timeout: 15_000 });
    const dispatch = card.locator('[data-test=alarm-dispatch]');
    expect(await dispatch.innerText()).toBe('启动指挥调度');
    const box = (await dispatch.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.height).toBeGreaterThanOrEqual(40);
    await shot(page, 'phone-dispatch-alarm');
    // when the officer presses 启动指挥调度
    await dispatch.click();
    await page.getByText('已确认，已启动指挥调度').waitFor();
    await card.waitFor({ state: 'detached' });
    await shot(page, 'phone-dispatched');
    // then the alarm is confirmed by the officer
    await until(async () => (await f.api(officer, 'GET', `/ai/alarms/${second.alarmId}`)).body.status === 'confirmed', 30_000);
    expect((await f.api(officer, 'GET', `/ai/alarms/${second.alarmId}`)).body.reviewedBy).toBe(f.fx.user('safetyOfficer', 1).username);
    // and the patrol started the pack's safety-dispatch (not safety-hazard), whose emergency event of E1 names this alarm as its source
    const { child, record: event } = await f.dispatchOfPatrol(second.processInstanceId);
    expect(event.orgId).toBe(f.fx.orgs.E1.id);
    expect(event.status).toBe('reported');
    expect(event.data).toMatchObject({ title: '作业人员未佩戴安全帽', source: 'alarm', sourceRef: second.alarmId, eventType: 'other', reporter: f.fx.user('safetyOfficer', 1).username, processInstanceId: child.id });
    const children = await f.kit.deps.db.query<{ definition_key: string }>('SELECT definition_key FROM process_instance WHERE super_instance_id = ?', [second.processInstanceId]);
    expect(children.map((c) => c.definition_key)).toEqual(['safety-dispatch']);
    // and the confirmed tab lists the alarm
    await page.click('[data-test=alarm-status] label:nth-child(2)');
    await card.getByText(`审核人：${f.fx.user('safetyOfficer', 1).username}`).waitFor();
    // and the dispatch page lists the event as reported; it opens on the event
    await page.goto(`${f.kit.server.url}/dispatch`);
    const listed = page.locator(`[data-test=dispatch-event-${event.id}]`);
    await listed.waitFor({ timeout: 15_000 });
    expect(await listed.innerText()).toContain('作业人员未佩戴安全帽');
    expect(await listed.innerText()).toContain('已接报');
    await shot(page, 'phone-dispatch-events');
    await listed.click();
    await page.waitForURL((u) => u.pathname === `/dispatch/${event.id}`);
    await page.locator('[data-test=dispatch-title]').getByText('作业人员未佩戴安全帽').waitFor();
    const status = page.locator('[data-test=dispatch-event-status]');
    expect(await status.getAttribute('data-status')).toBe('reported');
    expect(await status.innerText()).toBe('已接报');
    // the tag zooms in: shoot once it has its width
    await expect.poll(async () => (await status.boundingBox())?.width ?? 0, { timeout: 5_000 }).toBeGreaterThan(20);
    await shot(page, 'phone-dispatch-event');
  }, 120_000);

  it('shows an enterprise officer the tenant’s label library read-only: the city bureau manages it', async () => {
    const page = await open({ width: 1280, height: 900 }, false);
    await page.goto(`${f.kit.server.url}/ai/labels`);
    await page.locator('[data-test=labels-managed-above]').getByText(/由上级单位统一管理/).waitFor();
    expect(await page.locator('[data-test=label-add]').count()).toBe(0);
    expect(await page.locator('[data-test=label-override]').count()).toBe(0);
    const refused = await f.api(f.creds('safetyOfficer'), 'POST', '/ai/labels', { tenantId: f.tenantId, nameZh: '反光衣', nameEn: 'vest', colour: '#ff8800' });
    expect([refused.status, refused.body.code]).toEqual([403, 'label.managed_at_root']);
    // (the browser is not involved: no 403 is logged by the page)
  });

  it('manages labels (标签管理) as the city bureau: adds one with its colour, recolours it, overrides a platform label, removes it; the API has each step', async () => {
    const page = await open({ width: 1280, height: 900 }, false, f.fx.user('cityBureauAdmin').username);
    await page.goto(`${f.kit.server.url}/ai/labels`);
    await page.locator('[data-test=label-list]').waitFor();
    // the platform's seed labels are listed read-only, each with its colour
    const platform = page.locator('[data-test$=-platform]');
    expect(await platform.count()).toBe(10);
    expect(await page.locator('[data-test=label-person-platform] [data-test=label-edit]').count()).toBe(0);
    const officer = f.creds('safetyOfficer'); // reads what the bureau manages
    const labelsNow = async () => (await f.api(officer, 'GET', '/ai/labels')).body.items as { id: string; tenantId: string | null; nameZh: string; nameEn: string; colour: string; revision: number }[];
    // when a label is added with a colour typed in
    await page.locator('[data-test=label-add]').click();
    await page.locator('input[data-test=label-name-zh]').fill('反光衣');
    await page.locator('input[data-test=label-name-en]').fill('vest');
    await page.locator('input[data-test=label-colour-text]').fill('#ff8800');
    await page.locator('[data-test=label-save]').click();
    await page.locator('[data-test=label-vest-own]').waitFor();
    expect((await labelsNow()).find((l) => l.nameEn === 'vest')).toMatchObject({ tenantId: f.tenantId, nameZh: '反光衣', colour: '#ff8800', revision: 1 });
    expect(await page.locator('[data-test=label-vest-own] [data-test=label-swatch]').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 136, 0)');
    // a label with the same English name is refused in words
    await page.locator('[data-test=label-add]').click();
    await page.locator('input[data-test=label-name-zh]').fill('背心');
    await page.locator('input[data-test=label-name-en]').fill('vest');
    await page.locator('[data-test=label-save]').click();
    await page.locator('[data-test=label-error]').getByText('同名标签已存在').waitFor();
    // (the browser logs that intended 409 as a failed resource: not a problem of the page)
    await expect.poll(() => problems.findIndex((x) => x.includes('status of 409'))).toBeGreaterThanOrEqual(0);
    problems.splice(problems.findIndex((x) => x.includes('status of 409')), 1);
    await page.getByRole('button', { name: '取消' }).click();
    // when it is recoloured
    await page.locator('[data-test=label-vest-own] [data-test=label-edit]').click();
    expect(await page.locator('input[data-test=label-name-en]').isDisabled()).toBe(true);
    await page.locator('input[data-test=label-colour-text]').fill('#0055ff');
    await page.locator('[data-test=label-save]').click();
    await expect.poll(async () => (await labelsNow()).find((l) => l.nameEn === 'vest')?.colour).toBe('#0055ff');
    // when the platform's person label is overridden (same English name, the tenant's own colour)
    await page.locator('[data-test=label-person-platform] [data-test=label-override]').click();
    expect(await page.locator('input[data-test=label-name-en]').inputValue()).toBe('person');
    await page.locator('input[data-test=label-name-zh]').fill('作业人员');
    await page.locator('input[data-test=label-colour-text]').fill('#00aa44');
    await page.locator('[data-test=label-save]').click();
    await page.locator('[data-test=label-person-own]').waitFor();
    expect(await page.locator('[data-test=label-person-platform]').innerText()).toContain('已被本租户的标签覆盖');
    expect((await labelsNow()).filter((l) => l.nameEn === 'person').map((l) => [l.tenantId, l.nameZh, l.colour])).toEqual([[null, '人', expect.any(String)], [f.tenantId, '作业人员', '#00aa44']]);
    await shot(page, 'labels');
    // when the vest label is removed (after a confirmation)
    await page.locator('[data-test=label-vest-own] [data-test=label-remove]').click();
    await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click();
    await expect.poll(() => page.locator('[data-test=label-vest-own]').count()).toBe(0);
    expect((await labelsNow()).some((l) => l.nameEn === 'vest')).toBe(false);
  }, 120_000);

  it('ran without console errors or page errors', () => {
    expect(problems).toEqual([]);
  });
});
