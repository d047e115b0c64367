import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCorpus } from './browserParity.entry';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`browserParity.test.ts skipped: ${CHROMIUM} is absent (CI installs Debian's chromium)`);

describe.skipIf(!hasChromium)('forms in the browser (Chromium)', () => {
  let outDir: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'sf-forms-bundle-'));
    await build({
      configFile: false,
      logLevel: 'silent',
      root: fileURLToPath(new URL('.', import.meta.url)),
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: {
        outDir,
        emptyOutDir: true,
        minify: false,
        lib: {
          entry: fileURLToPath(new URL('./browserParity.entry.ts', import.meta.url)),
          formats: ['iife'],
          name: 'SafeFlowFormsParity',
          fileName: () => 'bundle.js',
        },
      },
    });
    const bundle = readFileSync(
      join(
        outDir,
        readdirSync(outDir).find((f) => f.endsWith('.js'))!,
      ),
      'utf8',
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage();
    await page.goto('about:blank');
    await page.addScriptTag({ content: bundle });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('validates the whole corpus exactly as Node does', async () => {
    // given
    const inNode = JSON.parse(JSON.stringify(await runCorpus()));
    // when
    const inBrowser = await page.evaluate(() =>
      (globalThis as unknown as { runCorpus: () => Promise<unknown> }).runCorpus(),
    );
    // then
    expect(inNode.length).toBeGreaterThanOrEqual(25);
    expect(inBrowser).toEqual(inNode);
  });

  it('runs the safe compiler: {{typeof process}} does not evaluate and fulfill.run never runs', async () => {
    // when
    const probes = await page.evaluate(() => {
      const w = globalThis as unknown as {
        probeTitle: (t: string) => { title?: unknown; error?: string };
        probeRun: (s: string) => { error?: string };
        __sfPwned?: unknown;
      };
      return {
        typeofProcess: w.probeTitle('{{typeof process}}'),
        typeofWindow: w.probeTitle('{{typeof window}}'),
        assign: w.probeTitle('{{(window.__sfPwned = 1)}}'),
        iife: w.probeTitle('{{(function(){ window.__sfPwned = 1 })()}}'),
        constructorEscape: w.probeTitle("{{''.constructor.constructor('window.__sfPwned = 1')()}}"),
        run: w.probeRun('window.__sfPwned = 1'),
        plain: w.probeTitle('{{1 + 2}}'),
        pwned: w.__sfPwned,
      };
    });
    // then
    expect(probes.typeofProcess).toEqual({ error: expect.stringMatching(/^expression\./) });
    expect(probes.typeofWindow).toEqual({ error: expect.stringMatching(/^expression\./) });
    expect(probes.assign.error).toMatch(/^expression\./);
    expect(probes.iife.error).toMatch(/^expression\./);
    expect(probes.constructorEscape.error).toMatch(/^expression\./);
    expect(probes.run.error).toMatch(/^expression\./);
    expect(probes.plain).toEqual({ title: 3 });
    expect(probes.pwned).toBeUndefined();
  });
});
