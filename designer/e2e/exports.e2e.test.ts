import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../runtime/src/seed/demoData';
import { startTestServer } from '../../runtime/src/testing/startTestServer';
import { ensureBuiltSpa, hasChromium, launchChromium } from './browser';

const OUT = fileURLToPath(new URL('./output/exports', import.meta.url));

describe.skipIf(!hasChromium)('exports in the browser (phone, zh-CN, demo tenant)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  let recordId: string;
  const problems: string[] = [];
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: path.join(OUT, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: false });
  };

  beforeAll(async () => {
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(OUT, { recursive: true });
    ensureBuiltSpa();
    server = await startTestServer({ seedDemo: true });
    const [row] = await server.runtime.deps.db.query<{ id: string }>(
      "SELECT r.id FROM record r JOIN org o ON o.id = r.org_id WHERE r.collection_key = 'safety_enterprise' AND o.name = 'A区精密制造有限公司'",
    );
    recordId = row!.id;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', acceptDownloads: true });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await server?.dropDatabase();
  });

  it("starts the dossier export from the enterprise's record page, shows its progress and downloads the PDF", async () => {
    // given the safety officer of enterprise A, logged in on a phone
    await page.goto(`${server.url}/login`);
    await page.fill('input[data-test=login-username]', 'safety.a');
    await page.fill('input[data-test=login-password]', DEMO_PASSWORD);
    await page.click('[data-test=login-submit]');
    await page.waitForURL((u) => u.pathname === '/tasks'); // not the glob: '**/tasks' matches '/login?next=/tasks' too
    // when they open A's archive record and start the dossier export
    await page.goto(`${server.url}/records/safety_enterprise/${recordId}`);
    await page.getByText('A区精密制造有限公司').first().waitFor();
    await shot('record-page');
    await page.click('[data-test=record-dossier] [data-test=export-start]');
    // then the progress shows, then the download is offered
    await page.locator('[data-test=export-progress]').waitFor();
    await shot('progress');
    await page.locator('[data-test=export-download]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-test=export-progress]').innerText()).toContain('已完成');
    await shot('done');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export-download]')]);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(path.join(OUT, 'dossier.pdf'), bytes);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/一企一册\.pdf$/);
  }, 90_000);

  it('lists the job on the exports page with its download', async () => {
    // when
    await page.goto(`${server.url}/exports`);
    // then
    await page.locator('[data-test=exports-list] li[data-status=done]').first().waitFor();
    expect(await page.locator('[data-test=exports-list] li').first().innerText()).toContain('一企一册');
    await shot('exports-page');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=exports-download]').first().click()]);
    expect(fs.readFileSync(await download.path()).subarray(0, 4).toString('latin1')).toBe('%PDF');
  }, 60_000);

  it('shows the hazard statistics of the scope and exports them as a PDF in the background', async () => {
    // when
    await page.goto(`${server.url}/hazard-statistics`);
    await page.locator('[data-test=stats-table]').waitFor();
    await page.click('[data-test=export-start]');
    await page.locator('[data-test=export-download]').waitFor({ timeout: 30_000 });
    // then
    expect(await page.locator('[data-test=stats-table]').innerText()).toContain('合计');
    await shot('hazard-statistics');
  }, 60_000);

  it('exports a ledger as Excel in the background from the ledger page', async () => {
    // when
    await page.goto(`${server.url}/ledgers/safety_hazard_ledger`);
    await page.getByText('配电房门口堆放纸箱').first().waitFor();
    await page.click('[data-test=export-start]');
    await page.locator('[data-test=export-download]').waitFor({ timeout: 30_000 });
    await shot('ledger-export');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export-download]')]);
    // then an xlsx (a zip) of the ledger
    expect(fs.readFileSync(await download.path()).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(download.suggestedFilename()).toMatch(/^safety_hazard_ledger-\d{4}-\d{2}-\d{2}\.xlsx$/);
  }, 60_000);

  it('ran without console errors or page errors', () => {
    expect(problems).toEqual([]);
  });
});
