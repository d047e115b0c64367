import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startTestServer } from '../../../runtime/src/testing/startTestServer';
import { ensureBuiltSpa, launchChromium } from '../browser';

export { hasChromium } from '../browser';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where this suite's screenshots go (git-ignored). */
export const OUTPUT_DIR = path.join(here, 'output');

/** A real runtime with demo data serving the built SPA, and headless Debian Chromium (the web engineer's e2e harness). */
export async function startStudio() {
  ensureBuiltSpa();
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  const server = await startTestServer({ seedDemo: true });
  const browser = await launchChromium();
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await server.dropDatabase();
    },
  };
}

/** Collects console errors and uncaught page errors (the suite asserts there are none). */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** Saves a full-page screenshot under {@link OUTPUT_DIR}. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUTPUT_DIR, `${name}.png`), fullPage: true });
}
