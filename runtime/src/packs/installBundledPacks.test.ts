import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/startTestServer';
import { demoTenantId, installBundledPacks } from './installBundledPacks';
import { PackStore } from './PackStore';
import { miniPack } from './testing/miniPack';

function writePack(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-bundled-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('bundled packs at start', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let tenantId: string;
  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true, listen: false });
    tenantId = (await demoTenantId(server.runtime.deps))!;
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('installs a missing pack with its demo records, skips an up-to-date one, upgrades to a newer folder, and skips a changed folder without a new version', async () => {
    // given
    const deps = server.runtime.deps;
    const v1 = writePack(miniPack('1.0.0'));
    const changed = miniPack('1.0.0');
    changed['forms/mini-check.json'] = changed['forms/mini-check.json']!.replace('检查结果', '检查情况');
    // when
    const first = await installBundledPacks(deps, [v1]);
    const again = await installBundledPacks(deps, [v1]);
    const sameVersion = await installBundledPacks(deps, [writePack(changed)]);
    const upgraded = await installBundledPacks(deps, [writePack(miniPack('1.1.0'))]);
    // then
    expect(first.map((r) => [r.action, r.version, r.summary.seeded])).toEqual([['install', '1.0.0', 2]]);
    expect(again).toEqual([]);
    expect(sameVersion).toEqual([]);
    expect(upgraded.map((r) => [r.action, r.fromVersion, r.version])).toEqual([['upgrade', '1.0.0', '1.1.0']]);
    expect((await PackStore.get(deps.db, tenantId, 'mini'))!.version).toBe('1.1.0');
    expect((await PackStore.installs(deps.db, tenantId, 'mini')).map((i) => i.action)).toEqual(['install', 'upgrade']);
  });

  it('logs and skips a broken pack instead of failing the start', async () => {
    // given
    const broken = miniPack('1.0.0');
    broken['manifest.json'] = broken['manifest.json']!.replace('"id": "mini"', '"id": "other"').replace('"engine": ">=0.1.0 <1.0.0"', '"engine": ">=9.0.0"');
    // when
    const out = await installBundledPacks(server.runtime.deps, [writePack(broken)]);
    // then
    expect(out).toEqual([]);
    expect(await PackStore.get(server.runtime.deps.db, tenantId, 'other')).toBeUndefined();
  });
});
