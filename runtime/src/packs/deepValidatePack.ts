import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SafeFlowError } from '@safeflow/engine/errors';
import { createRuntime } from '../app/createRuntime';
import { loadConfig } from '../config/loadConfig';
import { moduleFactories } from '../modules';
import { demoTenantId } from './installBundledPacks';
import { PackInstaller, type PackInstallResult } from './PackInstaller';
import { packsModule } from './packs.module';
import type { PackIssue } from './PackSource';

/**
 * The deep check of `safeflow pack validate --deep`: installs the pack, with
 * its demo records, into a throwaway SQLite database with the demo tenant
 * (after the `base` packs it builds on), so every publish-time check runs
 * exactly as on a real install — collection slots, views over published
 * collections, process references and deployment, seed records. The
 * database is deleted afterwards. Returns the install result, or the
 * issues (file, path, code, message) of the first failing definition.
 */
export async function deepValidatePack(
  files: Record<string, string>,
  base: Array<Record<string, string>> = [],
): Promise<{ result?: PackInstallResult; issues: PackIssue[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-pack-deep-'));
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', ENGINE_URL: undefined };
  delete env.DATABASE_URL;
  delete env.ENGINE_URL;
  const config = loadConfig(env, { seedDemo: true });
  const rt = await createRuntime(config, { modules: moduleFactories.filter((m) => m !== packsModule) });
  try {
    const tenantId = (await demoTenantId(rt.deps))!;
    const installer = new PackInstaller(rt.deps);
    const opts = { tenantId, requester: { actorId: 'system', actorName: 'validate --deep' }, seed: true };
    for (const b of base) await installer.install(b, opts);
    try {
      return { result: await installer.install(files, opts), issues: [] };
    } catch (err) {
      if (!(err instanceof SafeFlowError)) throw err;
      const issues = (err.details as { issues?: PackIssue[] } | undefined)?.issues;
      return { issues: issues?.length && issues[0]!.file !== undefined ? issues : [{ file: '', path: '', code: err.code, message: err.message }] };
    }
  } finally {
    await rt.close(0);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
