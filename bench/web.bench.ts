import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { ensureBuiltSpa, hasChromium, launchChromium } from '../designer/e2e/browser';
import { bpmn } from '../runtime/src/engine/testing/bpmn';
import { startEngineServer } from '../runtime/src/engine/testing/engineTestKit';
import { engineGatewayOf } from '../runtime/src/engineGateway/engineGatewayOf';
import { seedMatrix } from '../runtime/src/testing/seedMatrix';

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
};

/**
 * Gzip sizes from the Vite manifest: the entry (what every first visit
 * loads: its static import closure and CSS) and, per lazily loaded page,
 * what it adds on top. Checks that neither the entry nor a Workspace page
 * pulls in bpmn-js (only the record page's diagram does, lazily).
 */
export function bundleSizes(dist: string) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const gz = new Map<string, number>();
  const size = (file: string) => {
    if (!gz.has(file)) gz.set(file, zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length);
    return gz.get(file)!;
  };
  const closure = (key: string, seen = new Set<string>()): Set<string> => {
    const c = manifest[key];
    if (!c || seen.has(key)) return seen;
    seen.add(key);
    for (const i of c.imports ?? []) closure(i, seen);
    return seen;
  };
  const files = (keys: Set<string>) => new Set([...keys].flatMap((k) => [manifest[k]!.file, ...(manifest[k]!.css ?? [])]));
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const entryFiles = files(closure(entryKey));
  const sum = (fs_: Iterable<string>) => [...fs_].reduce((a, f) => a + size(f), 0);
  const isBpmn = (f: string) => /\/bpmn-[^/]*\.js$/.test(f);
  const pages: Record<string, { gzipKb: number; area: string; loadsBpmn: boolean }> = {};
  for (const [key, c] of Object.entries(manifest)) {
    if (!c.isDynamicEntry || !c.src?.endsWith('.vue') || !/Page\.vue$/.test(c.src)) continue;
    const own = [...files(closure(key))].filter((f) => !entryFiles.has(f));
    const area = c.src.includes('/studio/') ? 'studio' : c.src.includes('/workspace/') ? 'workspace' : 'shell';
    pages[c.src.replace(/^src\//, '')] = { gzipKb: kb(sum(own)), area, loadsBpmn: own.some(isBpmn) };
  }
  const bpmnChunk = Object.values(manifest).find((c) => isBpmn(c.file));
  return {
    entryGzipKb: kb(sum(entryFiles)),
    entryLoadsBpmn: [...entryFiles].some(isBpmn),
    workspacePagesLoadBpmn: Object.values(pages).some((p) => p.area === 'workspace' && p.loadsBpmn),
    bpmnChunkGzipKb: bpmnChunk ? kb(size(bpmnChunk.file)) : null,
    pages,
  };
}

/** A checklist of `n` fields: inputs, selects, radios and scored items in turn. */
export function bigForm(n: number) {
  const properties: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const k = `f${i}`;
    if (i % 4 === 0) properties[k] = { type: 'string', title: `检查项 ${i + 1} 说明`, 'x-component': 'Input' };
    else if (i % 4 === 1) properties[k] = { type: 'string', title: `检查项 ${i + 1} 类别`, enum: ['a', 'b', 'c'], 'x-component': 'Select' };
    else if (i % 4 === 2) properties[k] = { type: 'string', title: `检查项 ${i + 1} 是否合规`, enum: [{ label: '是', value: 'y' }, { label: '否', value: 'n' }], 'x-component': 'Radio.Group' };
    else properties[k] = { type: 'object', title: `检查项 ${i + 1}`, 'x-component': 'ScoredItem', 'x-component-props': { onFail: { requireNote: true } } };
  }
  return { type: 'object', properties };
}

/** `npm run bench -- web`. */
export async function benchWeb(): Promise<Record<string, unknown>> {
  const dist = ensureBuiltSpa();
  const bundle = bundleSizes(dist);
  const log = (m: string) => process.stderr.write(`web bench: ${m}\n`);
  log(`entry ${bundle.entryGzipKb} kB gzip`);

  process.env.SAFEFLOW_INPROCESS_WORKERS = 'false';
  const kit = await startEngineServer();
  try {
    log('server up, seeding');
    const fx = await seedMatrix(kit.server, { prefix: 'wb' });
    const officer = fx.user('safetyOfficer', 1);
    const api = (method: string, p: string, body?: unknown) =>
      kit.server.request(method, `/api/v1${p}`, { body, headers: { authorization: `Bearer ${officer.token}` } });
    for (const [key, content] of [['bench200', bigForm(200)]] as const) {
      if ((await api('POST', '/definitions/form', { key, name: '200 项检查表', content })).status !== 201) throw new Error('form create failed');
      if ((await api('POST', '/definitions/form/bench200/publish', {})).status !== 200) throw new Error('form publish failed');
    }
    const xml = bpmn(
      'benchInbox',
      `<startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="t"/>
       <userTask id="t" name="日常巡检" camunda:candidateGroups="safetyOfficer" camunda:dueDate="P7D" camunda:formKey="safeflow:forms/bench200@latest"/>
       <sequenceFlow id="f2" sourceRef="t" targetRef="end"/><endEvent id="end"/>`,
    );
    if ((await kit.deploy({ 'bench.bpmn': xml }, { 'tenant-id': fx.orgs.C.id })).status !== 200) throw new Error('deploy failed');
    log('starting 1,000 instances');
    const gw = engineGatewayOf(kit.deps);
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) await gw.startProcess({ key: 'benchInbox', tenantId: fx.orgs.C.id, orgId: fx.orgs.E1.id, businessKey: `XJ-${i}` });
    const seedMs = Math.round(performance.now() - t0);

    log(`seeded in ${seedMs} ms; timing the inbox`);
    // inbox: first page, a middle page and a text search, 60 calls each kind, sequential
    const times: Record<string, number[]> = { first: [], middle: [], search: [] };
    let total = 0;
    for (let i = 0; i < 60; i++) {
      for (const [k, q] of [['first', '?page=1&pageSize=20'], ['middle', '?page=25&pageSize=20'], ['search', '?q=XJ-99&pageSize=20']] as const) {
        const s = performance.now();
        const r = await api('GET', `/tasks${q}`);
        times[k]!.push(performance.now() - s);
        if (r.status !== 200) throw new Error(`inbox ${r.status} ${r.text}`);
        if (k === 'first') total = r.body.total;
      }
    }
    const all = Object.values(times).flat();

    let form200: Record<string, unknown> = { skipped: 'no /usr/bin/chromium' };
    if (hasChromium) {
      log('timing the 200-field form in Chromium');
      const login = await kit.server.request('POST', '/api/v1/auth/login', { body: { username: officer.username, password: fx.password } });
      const inbox = await api('GET', '/tasks?pageSize=1');
      const taskId = inbox.body.items[0].id as string;
      const browser = await launchChromium();
      try {
        const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
        await ctx.addInitScript((session: string) => localStorage.setItem('safeflow.session', session), JSON.stringify({ accessToken: login.body.accessToken, refreshToken: login.body.refreshToken, expiresAt: Date.now() + 3_600_000 }));
        const page = await ctx.newPage();
        const runs: number[] = [];
        for (let i = 0; i < 6; i++) {
          await page.goto(`${kit.server.url}/tasks/${taskId}`);
          // interactive: the progress bar knows all 200 fields, the first section's fields are rendered, the submit button is there
          await page.waitForFunction(
            () =>
              (document.querySelector('[data-test=form-progress]')?.textContent ?? '').includes('/200') &&
              document.querySelectorAll('.sf-section-body .formily-element-plus-form-item').length >= 12 &&
              !!document.querySelector('[data-test=form-submit]'),
            undefined,
            { timeout: 60_000 },
          );
          runs.push(await page.evaluate(() => performance.now()));
        }
        form200 = { coldMs: Math.round(runs[0]!), warmMedianMs: Math.round([...runs.slice(1)].sort((a, b) => a - b)[2]!), runsMs: runs.map(Math.round) };
      } finally {
        await browser.close();
      }
    }
    return {
      bundleGzipKb: { entry: bundle.entryGzipKb, bpmnChunk: bundle.bpmnChunkGzipKb, pages: Object.fromEntries(Object.entries(bundle.pages).map(([k, v]) => [k, v.gzipKb])) },
      entryLoadsBpmn: bundle.entryLoadsBpmn,
      workspacePagesLoadBpmn: bundle.workspacePagesLoadBpmn,
      form200InteractiveMs: (form200 as { warmMedianMs?: number }).warmMedianMs ?? null,
      inboxP95Ms: pct(all, 95),
      detail: {
        form200,
        inbox: { tasks: total, seedMs, p50Ms: pct(all, 50), p95ByKind: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, pct(v, 95)])), database: kit.deps.db.dialect },
        pages: bundle.pages,
        dist: path.relative(fileURLToPath(new URL('..', import.meta.url)), dist),
      },
    };
  } finally {
    // the runtime's close() never settles after this run (no handle left: node would exit 13 mid-benchmark); give it 5 s, then go on
    await Promise.race([kit.close(), new Promise((r) => setTimeout(r, 5000))]);
    delete process.env.SAFEFLOW_INPROCESS_WORKERS;
  }
}
