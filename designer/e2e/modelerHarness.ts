import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (CI installs it). */
export const CHROMIUM = '/usr/bin/chromium';
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Builds designer/dist when it is older than its sources (the runtime serves it at `/`). */
export function ensureWebBuilt(): void {
  execFileSync(process.execPath, [path.join(root, 'designer/scripts/ensureBuilt.mjs')], { cwd: root, stdio: 'inherit' });
}

/** Headless Chromium with the flags this machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Collects console errors and page errors of a page (the e2e asserts there are none). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

/** Saves numbered screenshots under `designer/e2e/output/<suite>/` (git-ignored). */
export function screenshots(suite: string) {
  const dir = path.join(root, 'designer/e2e/output', suite);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let n = 0;
  return {
    dir,
    async shot(page: Page, name: string): Promise<string> {
      const file = path.join(dir, `${String(++n).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
  };
}

/** Logs in through the login page. */
export async function login(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await fillInput(page, 'login-username', username);
  await fillInput(page, 'login-password', password);
  await page.click('[data-test="login-submit"]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Fills an element-plus input or textarea by its `data-test` (on the input itself or on its wrapper). */
export async function fillInput(page: Page, dataTest: string, value: string): Promise<void> {
  const t = `[data-test="${dataTest}"]`;
  await page.locator(`input${t}, textarea${t}, ${t} input, ${t} textarea`).first().fill(value);
}

/** Picks the option `text` (substring; `exact` for the whole label) in an element-plus select: opens it, clicks the option in its popper, waits for a single select's popper to close. */
export async function pickOption(page: Page, selectSelector: string, text: string, opts: { exact?: boolean } = {}): Promise<void> {
  await page.locator(selectSelector).first().click();
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const item = page
    .locator('.el-select-dropdown:visible .el-select-dropdown__item')
    .filter({ hasText: opts.exact ? new RegExp(`^\\s*${escaped}\\s*$`) : text })
    .last();
  await item.click();
  const multiple = await page.locator(selectSelector).first().evaluate((el) => !!el.closest('.el-select')?.querySelector('.el-select__tags, .el-tag'));
  if (!multiple) await page.locator('.el-select-dropdown:visible').last().waitFor({ state: 'hidden' }).catch(() => undefined);
}
