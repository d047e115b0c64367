/// <reference lib="dom" />
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../runtime/src/testing/startTestServer';
import { DEMO_PASSWORD } from '../../runtime/src/seed/demoData';
import { CHROMIUM, ensureWebBuilt, fillInput, launchChromium, login, pickOption, screenshots, watchErrors } from './modelerHarness';

const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn(`modeler.e2e.test.ts skipped: ${CHROMIUM} is absent (CI installs Debian's chromium)`);
const lec = JSON.parse(fs.readFileSync(new URL('../../definitions/safety/rules/safety.lec.json', import.meta.url), 'utf8')).content;
const inspectForm = { type: 'object', properties: { finding: { type: 'string', title: '检查结果', 'x-component': 'Input', required: true } } };

/**
 * The Studio's process modeler and instance monitor in Debian's Chromium
 * against a real server (demo seed, in-process rules worker): the district
 * admin models start → LEC grading (`rules` task, ruleset safety.lec) →
 * inspection (user task with the published form) → end with the palette's
 * context pad and SafeFlow's properties panel, sees the lint problem of an
 * unconfigured rules task on the element, publishes & deploys, starts an
 * instance in the monitor, and after the task is submitted sees it ended.
 */
describe.skipIf(!hasChromium)('Studio: process modeler and instance monitor (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let adminToken: string;
  const shots = screenshots('modeler');
  const KEY = 'e2e-site-inspection'; // not a pack key: the safety pack installs safety-inspection at start

  const canvasEl = (id: string) => page.locator(`[data-test="bpmn-canvas"] .djs-element.djs-shape[data-element-id="${id}"]`);
  const pad = (action: string) => page.click(`.djs-context-pad .entry[data-action="${action}"]`);
  const selectedId = async () => (await page.locator('[data-test="props-type"] code').textContent())!.trim();
  /** Selects an element (a click on the selected element would deselect it, as in diagram-js). */
  async function select(id: string) {
    const current = (await page.locator('[data-test="props-type"] code').count()) ? await selectedId() : '';
    if (current !== id) await canvasEl(id).click();
  }
  async function appendTask(from: string, name: string, replaceWith: string): Promise<string> {
    await select(from);
    await pad('append.append-task');
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
    await pad('replace');
    await page.click(`.djs-popup [data-id="${replaceWith}"]`);
    return selectedId();
  }

  beforeAll(async () => {
    ensureWebBuilt();
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    server = await startTestServer({ seedDemo: true });
    const res = await server.request('POST', '/api/v1/auth/login', { body: { username: 'district.admin', password: DEMO_PASSWORD } });
    adminToken = res.body.accessToken;
    for (const [kind, key, content] of [['form', 'inspect', inspectForm], ['ruleset', 'safety.lec', lec]] as const) {
      const c = await server.request('POST', `/api/v1/definitions/${kind}`, { token: adminToken, body: { key, name: kind === 'form' ? '现场检查表' : 'LEC 定级', content } });
      expect(c.status, c.text).toBe(201);
      const p = await server.request('POST', `/api/v1/definitions/${kind}/${key}/publish`, { token: adminToken, body: {} });
      expect(p.status, p.text).toBe(200);
    }
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page.setDefaultTimeout(10_000);
    errors = watchErrors(page);
  }, 180_000);
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) await shots.shot(page, 'FAILED');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    delete process.env.SAFEFLOW_INPROCESS_WORKERS;
  });

  it('models a process with a published form and a rules task, shows lint problems per element, publishes and deploys it', async () => {
    // given: logged in as the district admin, on the process list
    await login(page, server.url, 'district.admin', DEMO_PASSWORD);
    await page.click('[data-test="nav-studio.processes"]');
    await page.waitForSelector('[data-test="process-list"]');
    // when: a new process
    await page.click('[data-test="new-process"]');
    await fillInput(page, 'new-key', KEY);
    await fillInput(page, 'new-name', '安全检查');
    await page.click('[data-test="new-create"]');
    await page.waitForURL(`**/studio/processes/${KEY}`);
    await canvasEl('StartEvent_1').waitFor();
    await shots.shot(page, 'new-process');
    // the template's end event goes; start → rules task → user task → end
    await select('EndEvent_1');
    await pad('delete');
    const grade = await appendTask('StartEvent_1', 'LEC 定级', 'replace-with-rule-task');
    await pickOption(page, '[data-test="props-topic"]', 'rules');
    await page.click('[data-test="lint"]');
    await page.waitForSelector(`[data-test="issue-${grade}"]`);
    expect(await page.locator('[data-test="lint-issues"]').textContent()).toContain('规则任务未选择规则集');
    await shots.shot(page, 'lint-rules-task-without-ruleset');
    await select('StartEvent_1');
    await page.click(`[data-test="issue-${grade}"]`);
    expect(await selectedId()).toBe(grade);
    await pickOption(page, '[data-test="props-config-ruleset"]', 'safety.lec');
    await page.waitForSelector('[data-test="lint-issues"]', { state: 'detached' });
    const inspect = await appendTask(grade, '现场检查', 'replace-with-user-task');
    await pickOption(page, '[data-test="props-form"]', '现场检查表');
    await pickOption(page, '[data-test="props-candidate-groups"]', '企业安全员');
    await select(inspect);
    await pad('append.end-event');
    await shots.shot(page, 'modelled');
    // undo takes the end event away, redo brings it back
    await page.click('[data-test="undo"]');
    expect(await page.locator('[data-test="bpmn-canvas"] .djs-shape[data-element-id^="Event_"]').count()).toBe(0);
    await page.click('[data-test="redo"]');
    await page.click('[data-test="publish"]');
    await page.waitForSelector('[data-test="tag-published"]');
    await shots.shot(page, 'published');
    // then: version 1 is published and deployed, with the form pinned
    const def = await server.request('GET', `/api/v1/definitions/process/${KEY}`, { token: adminToken });
    expect(def.body.definition.publishedVersion).toBe(1);
    const content = def.body.version.content;
    expect(content.deployment.engineVersion).toBe(1);
    expect(content.deployedXml).toContain('camunda:formKey="safeflow:forms/inspect@1"');
    expect(content.deployedXml).toContain('camunda:candidateGroups="safetyOfficer"');
    expect(content.references).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'ruleset', key: 'safety.lec', element: grade })]));
    expect(await page.locator('[data-test="lint-issues"]').count()).toBe(0);
  }, 120_000);

  it('starts an instance in the monitor; after the inspection is submitted the monitor shows it ended', async () => {
    // given
    await page.goto(`${server.url}/studio/instances?process=${KEY}`);
    await page.click('[data-test="start-instance"]');
    await fillInput(page, 'start-variables', '{"L": 3, "E": 6, "C": 7}');
    await page.click('[data-test="start-confirm"]');
    await page.waitForSelector('[data-test="instance-list"] .el-table__row');
    await shots.shot(page, 'instance-started');
    const [inst] = (await server.request('GET', `/api/v1/processes/${KEY}/instances`, { token: adminToken })).body.items;
    // when: the task (after the rules worker graded it) is submitted with the form
    let taskId: string | undefined;
    for (let i = 0; i < 100 && !taskId; i++) {
      const d = await server.request('GET', `/api/v1/process-instances/${inst.id}`, { token: adminToken });
      taskId = d.body.tasks[0]?.id;
      if (!taskId) await new Promise((r) => setTimeout(r, 100));
    }
    await page.goto(`${server.url}/studio/instances/${inst.id}`);
    await page.waitForSelector('[data-test="instance-diagram"] .djs-element');
    await page.locator('[data-test^="token-"]').first().waitFor();
    await shots.shot(page, 'instance-waiting-at-inspection');
    const submit = await server.request('POST', `/api/v1/tasks/${taskId}/submit`, { token: adminToken, body: { values: { finding: '消防通道畅通' } } });
    expect(submit.status, submit.text).toBe(201);
    // then
    await page.goto(`${server.url}/studio/instances?process=${KEY}`);
    await page.waitForSelector(`[data-test="state-${inst.id}"]`);
    expect((await page.locator(`[data-test="state-${inst.id}"]`).textContent())!.trim()).toBe('已结束');
    await shots.shot(page, 'instance-list-ended');
    await page.click(`[data-test="state-${inst.id}"]`);
    await page.waitForSelector('[data-test="instance-state"]');
    expect((await page.locator('[data-test="instance-state"]').textContent())!.trim()).toBe('已结束');
    expect(await page.locator('[data-test^="token-"]').count()).toBe(0);
    await expect.poll(() => page.locator('[data-test="instance-variables"]').textContent()).toContain('riskLevel');
    await shots.shot(page, 'instance-ended');
    expect(errors).toEqual([]);
  }, 120_000);

  it('lays the modeler out for a 390×844 phone', async () => {
    // given
    await page.setViewportSize({ width: 390, height: 844 });
    // when
    await page.goto(`${server.url}/studio/processes/${KEY}`);
    await canvasEl('StartEvent_1').waitFor();
    // then
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shots.shot(page, 'phone-modeler');
    expect(errors).toEqual([]);
  });
});
