import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../runtime/src/testing/startTestServer';
import { DEMO_PASSWORD } from '../../runtime/src/seed/demoData';
import { CHROMIUM, ensureWebBuilt, launchChromium, login, pickOption, screenshots, watchErrors } from './modelerHarness';

const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn(`rules.e2e.test.ts skipped: ${CHROMIUM} is absent (CI installs Debian's chromium)`);
const lec = JSON.parse(fs.readFileSync(new URL('../../definitions/safety/rulesets/safety.lec.json', import.meta.url), 'utf8'));

/**
 * The Studio's rules pages in Debian's Chromium against a real server: the
 * ruleset editor's test panel evaluates safety.lec on the server; the LEC
 * editor labels a score, switches the 70 boundary (the preview recolours
 * D = 70), tries it, and publishes version 2 of safety.lec.
 */
describe.skipIf(!hasChromium)('Studio: ruleset and LEC editors (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let token: string;
  const shots = screenshots('rules');

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestServer({ seedDemo: true });
    token = (await server.request('POST', '/api/v1/auth/login', { body: { username: 'district.admin', password: DEMO_PASSWORD } })).body.accessToken;
    expect((await server.request('POST', '/api/v1/definitions/ruleset', { token, body: { key: 'safety.lec', name: 'LEC 定级', content: lec } })).status).toBe(201);
    expect((await server.request('POST', '/api/v1/definitions/ruleset/safety.lec/publish', { token, body: {} })).status).toBe(200);
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
  });

  it('evaluates a ruleset in the editor’s test panel', async () => {
    // given
    await login(page, server.url, 'district.admin', DEMO_PASSWORD);
    await page.click('[data-test="nav-studio.rules"]');
    await page.click('[data-test="edit-safety.lec"]');
    await page.waitForSelector('[data-test="rule-major"]');
    // when: L = 6, E = 6, C = 15 → D = 540
    await pickOption(page, '[data-test="fact-L"]', '6', { exact: true });
    await pickOption(page, '[data-test="fact-E"]', '6', { exact: true });
    await pickOption(page, '[data-test="fact-C"]', '15', { exact: true });
    await page.click('[data-test="run"]');
    // then
    await page.waitForSelector('[data-test="test-result"]');
    const text = await page.locator('[data-test="test-result"]').textContent();
    expect(text).toContain('"riskLevel": "major"');
    expect(text).toContain('540');
    await shots.shot(page, 'ruleset-test-panel');
  }, 90_000);

  it('switches the 70 boundary in the LEC editor, tries it and publishes a new safety.lec version', async () => {
    // given
    await page.goto(`${server.url}/studio/rules/safety.lec/lec`);
    await page.waitForSelector('[data-test="lec-preview"]');
    const cell70 = page.locator('[data-test="d-70"]');
    const blue = await cell70.evaluate((el) => getComputedStyle(el).backgroundColor);
    await shots.shot(page, 'lec-editor');
    // when
    await page.locator('[data-test="label-L-0"] input, input[data-test="label-L-0"]').first().fill('完全可以预料');
    await page.click('[data-test="seventy-switch"]');
    // then: the preview recolours D = 70 at once
    expect(await cell70.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(blue);
    // when: tried (L = 1, E = 10, C = 7 → D = 70) and published
    await pickOption(page, '[data-test="try-L"]', '1', { exact: true });
    await pickOption(page, '[data-test="try-E"]', '10', { exact: true });
    await pickOption(page, '[data-test="try-C"]', '7', { exact: true });
    await page.click('[data-test="try-run"]');
    await expect.poll(() => page.locator('[data-test="try-result"]').textContent()).toContain('一般风险');
    await page.click('[data-test="lec-publish"]');
    await page.waitForSelector('[data-test="lec-published"]:has-text("v2")');
    await shots.shot(page, 'lec-published');
    // then: version 2 is current and grades 70 as general
    const current = await server.request('GET', '/api/v1/definitions/ruleset/safety.lec', { token });
    expect(current.body.definition.publishedVersion).toBe(2);
    expect(current.body.version.content.params).toMatchObject({ generalLowerBoundInclusive: true, label_L_10: '完全可以预料' });
    const graded = await server.request('POST', '/api/v1/rulesets/safety.lec/evaluate', { token, body: { facts: { L: 1, E: 10, C: 7 } } });
    expect(graded.body).toMatchObject({ version: 2, outputs: { riskValue: 70, riskLevel: 'general', riskColor: 'yellow' } });
    expect(errors).toEqual([]);
  }, 90_000);

  it('lays the LEC editor out for a 390×844 phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/studio/rules/safety.lec/lec`);
    await page.waitForSelector('[data-test="lec-preview"]');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await shots.shot(page, 'phone-lec');
    expect(errors).toEqual([]);
  });
});
