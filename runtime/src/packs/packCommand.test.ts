import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer } from '../testing/startTestServer';
import { demoTenantId } from './installBundledPacks';
import { packCommand } from './packCommand';
import { miniPack } from './testing/miniPack';

function writePack(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-pack-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** Runs `safeflow pack …` in-process; returns the exit code and what it printed. */
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await packCommand.run(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('safeflow pack validate | install | upgrade | export', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let tenantId: string;
  const env = { ...process.env };

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true, listen: false });
    tenantId = (await demoTenantId(server.runtime.deps))!;
    await server.runtime.close(0);
    process.env.DATA_DIR = server.dataDir;
    process.env.LOG_LEVEL = 'silent';
    if (server.databaseUrl) process.env.DATABASE_URL = server.databaseUrl;
  });
  afterAll(async () => {
    process.env = env;
    await server.dropDatabase();
  });

  it('validate prints every problem as "file path: [code] message" and exits 1; a valid pack exits 0', async () => {
    // given
    const files = miniPack();
    files['views/mini_site_ledger.json'] = files['views/mini_site_ledger.json']!.replace('"op": "eq"', '"op": "like"');
    files['processes/mini-inspection.bpmn'] = files['processes/mini-inspection.bpmn']!.replace('mini-check@latest', 'nope@latest');
    // when
    const bad = await run('validate', writePack(files));
    const good = await run('validate', writePack(miniPack()));
    // then
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('views/mini_site_ledger.json content.filters.0.op: [invalid_value]');
    expect(bad.err).toContain("processes/mini-inspection.bpmn inspect: [pack.unknown_reference] form 'nope'");
    expect(bad.err).toContain('2 problem(s)');
    expect(good.code).toBe(0);
    expect(good.out).toContain('pack mini 1.0.0 is valid: 5 definition(s), 1 seed file(s)');
  });

  it('validate --deep installs into a scratch database and reports what only a publish finds (here: more string index fields than slots)', async () => {
    // given: valid on its own, but seven string index fields do not fit the six string slots
    const files = miniPack();
    const col = JSON.parse(files['collections/mini_site.json']!);
    for (const f of ['s1', 's2', 's3', 's4', 's5']) {
      col.content.fields[f] = { type: 'string' };
      col.content.indexFields.push({ field: f });
    }
    files['collections/mini_site.json'] = JSON.stringify(col);
    const dir = writePack(files);
    // when
    const shallow = await run('validate', dir);
    const deep = await run('validate', dir, '--deep');
    const fine = await run('validate', writePack(miniPack()), '--deep');
    // then
    expect(shallow.code).toBe(0);
    expect(deep.code).toBe(1);
    expect(deep.err).toContain('collections/mini_site.json');
    expect(deep.err).toContain('scratch database');
    expect(fine.code, fine.err).toBe(0);
    expect(fine.out).toContain('installed in a scratch database: 5 definition(s) published, 2 demo record(s)');
  });

  it('install, install again (nothing changed), upgrade, export — the export validates', async () => {
    // when
    const v1 = writePack(miniPack('1.0.0'));
    const first = await run('install', v1, '--tenant', tenantId);
    const again = await run('install', v1, '--tenant', tenantId);
    const up = await run('upgrade', writePack(miniPack('1.1.0')), '--tenant', tenantId);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-export-'));
    const exported = await run('export', '--tenant', tenantId, '--pack', 'mini', '--out', out);
    const check = await run('validate', out);
    const wrong = await run('upgrade', v1, '--tenant', tenantId);
    // then
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain(`installed pack mini 1.0.0 in tenant ${tenantId}`);
    expect(first.out).toContain('published 5 definition version(s)');
    expect(again.out).toContain('already installed');
    expect(up.code, up.err).toBe(0);
    expect(up.out).toContain('upgraded 1.0.0 → pack mini 1.1.0');
    expect(up.out).toContain('migration renameField on mini_site');
    expect(exported.code, exported.err).toBe(0);
    expect(fs.existsSync(path.join(out, 'processes/mini-inspection.bpmn'))).toBe(true);
    expect(check.code, check.err).toBe(0);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('pack.not_newer');
  });
});
