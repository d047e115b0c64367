// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the engine's ambient bpmn-moddle declaration is outside the designer tsconfig; this harness imports the runtime
/// <reference path="../../../engine/src/bpmn/types/bpmn-moddle.d.ts" />
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestServer } from '../../../runtime/src/testing/startTestServer';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where this suite's screenshots go (git-ignored). */
export const OUTPUT_DIR = path.join(here, 'output');

/** Builds `designer/dist` when it is older than the sources (the same check `npm start` runs). */
export function ensureBuilt(): void {
  execFileSync(process.execPath, [path.join(here, '../../scripts/ensureBuilt.mjs')], { stdio: 'inherit', timeout: 240_000 });
}

/** A real runtime with demo data serving the built SPA, and a headless Debian Chromium. */
export async function startStudio() {
  ensureBuilt();
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  const server = await startTestServer({ seedDemo: true });
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
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
