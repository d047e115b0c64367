import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (the only browser these tests use). */
export const CHROMIUM = '/usr/bin/chromium';
/** True when Chromium is installed (the browser tests skip otherwise). */
export const hasChromium = existsSync(CHROMIUM);

/** Launches headless Chromium with the flags that keep it off the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Builds designer/dist when it is stale (the same check `npm start` runs); returns its path. */
export function ensureBuiltSpa(): string {
  const script = fileURLToPath(new URL('../scripts/ensureBuilt.mjs', import.meta.url));
  execFileSync(process.execPath, [script], { stdio: 'inherit' });
  return fileURLToPath(new URL('../dist', import.meta.url));
}
