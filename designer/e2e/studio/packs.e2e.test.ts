import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { miniPack } from '../../../runtime/src/packs/testing/miniPack';
import { validatePack } from '../../../runtime/src/packs/validatePack';
import { DEMO_PASSWORD } from '../../../runtime/src/seed/demoData';
import { hasChromium, OUTPUT_DIR, shot, startStudio, watchConsole } from './studioBrowser';

/** The bundled safety pack's version, from its manifest. */
const safetyVersion = (JSON.parse(fs.readFileSync(new URL('../../../definitions/safety/manifest.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Writes pack files under `<tmp>/<name>/` (a folder the user picks). */
function writeFolder(name: string, files: Record<string, string>): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sf-pack-e2e-')), name);
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), text);
  }
  return dir;
}

async function login(page: Page, url: string, username: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.locator('input[data-test=login-username], [data-test=login-username] input').first().fill(username);
  await page.locator('input[data-test=login-password], [data-test=login-password] input').first().fill(DEMO_PASSWORD);
  await page.locator('[data-test=login-submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

describe.skipIf(!hasChromium)('Studio template packs in Chromium', () => {
  let studio: Awaited<ReturnType<typeof startStudio>>;
  beforeAll(async () => {
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    studio = await startStudio();
  }, 300_000);
  afterAll(async () => {
    await studio?.close();
    delete process.env.SAFEFLOW_INPROCESS_WORKERS;
  });

  it('a broken folder shows its problems per file; a valid zip is diffed and installed; the export downloads a pack that validates', async () => {
    // given: the city administrator on the packs screen, the safety pack installed with the demo data
    const page = await studio.browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const errors = watchConsole(page);
    await login(page, studio.server.url, 'city.admin');
    await page.goto(`${studio.server.url}/studio/packs`);
    await expect.poll(() => page.locator('[data-test=pack-version-safety]').textContent()).toBe(safetyVersion);
    await shot(page, 'packs-01-installed');

    // when: a broken copy of a pack is imported as a folder (a form whose key does not match its file, a stray file)
    const broken = miniPack('1.0.0');
    broken['forms/mini-check.json'] = broken['forms/mini-check.json']!.replace('"key": "mini-check"', '"key": "mini-other"');
    broken['stray.txt'] = 'not a pack file';
    await page.locator('[data-test=pack-folder-input]').setInputFiles(writeFolder('mini', broken));
    // then: each file with its own problems, path and code
    const formIssues = page.locator('[data-test="pack-issues-forms/mini-check.json"]');
    await formIssues.waitFor();
    await expect.poll(() => formIssues.textContent()).toContain('pack.key_mismatch');
    expect(await formIssues.textContent()).toContain('key');
    expect(await page.locator('[data-test="pack-issues-stray.txt"]').textContent()).toContain('pack.unknown_file');
    expect(await page.locator('[data-test=pack-apply]').count()).toBe(0);
    await shot(page, 'packs-02-broken-per-file');

    // when: the valid pack is imported as a zip
    const zip = new JSZip();
    for (const [p, text] of Object.entries(miniPack('1.0.0'))) zip.file(`mini/${p}`, text);
    const zipPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sf-pack-zip-')), 'mini.zip');
    fs.writeFileSync(zipPath, await zip.generateAsync({ type: 'nodebuffer' }));
    await page.locator('[data-test=pack-zip-input]').setInputFiles(zipPath);
    // then: the diff lists every definition as new, and installing shows the result and the new row
    await page.locator('[data-test=pack-apply]').waitFor();
    const diff = await page.locator('[data-test=pack-diff] .el-table__body').textContent();
    for (const f of ['forms/mini-check.json', 'rules/mini.lec.json', 'collections/mini_site.json', 'views/mini_site_ledger.json', 'processes/mini-inspection.bpmn']) {
      expect(diff).toContain(f);
    }
    await shot(page, 'packs-03-diff');
    await page.locator('[data-test=pack-apply]').click();
    await page.locator('[data-test=pack-installed]').waitFor();
    await expect.poll(() => page.locator('[data-test=pack-version-mini]').textContent()).toBe('1.0.0');
    await shot(page, 'packs-04-installed');

    // when: the history is opened and the pack exported
    await page.locator('[data-test=pack-history-mini]').click();
    await expect.poll(() => page.locator('[data-test=pack-installs] .el-table__body tr').count()).toBe(1);
    await page.keyboard.press('Escape');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=pack-export-mini]').click()]);
    const saved = path.join(OUTPUT_DIR, 'packs-export-mini.zip');
    await download.saveAs(saved);
    // then: the zip holds the pack under mini/, and its files validate
    const back = await JSZip.loadAsync(fs.readFileSync(saved));
    const files: Record<string, string> = {};
    for (const e of Object.values(back.files).filter((x) => !x.dir)) files[e.name.replace(/^mini\//, '')] = await e.async('string');
    expect(download.suggestedFilename()).toBe('mini-1.0.0.zip');
    expect(Object.keys(files)).toContain('manifest.json');
    expect(Object.keys(files)).toContain('processes/mini-inspection.bpmn');
    expect((await validatePack(files)).issues).toEqual([]);

    // and: the screen is usable on a phone
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('[data-test=pack-list]').waitFor();
    await shot(page, 'packs-05-phone');
    expect(errors).toEqual([]);
    await page.close();
  });
});
