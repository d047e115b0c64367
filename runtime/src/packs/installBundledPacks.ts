import { fileURLToPath } from 'node:url';
import type { AppDeps } from '../app/AppDeps';
import { DEMO_ORGS } from '../seed/demoData';
import { PackInstaller, type PackInstallResult } from './PackInstaller';
import { PackStore } from './PackStore';
import { compareVersions } from './semverRange';
import { readPackDir } from './validatePack';
import { PackManifest } from './packSchemas';
import { packHash } from './PackSource';

/** The packs shipped with SafeFlow, installed into the demo tenant at start (SEED_DEMO). */
export const BUNDLED_PACK_DIRS: string[] = [fileURLToPath(new URL('../../../definitions/safety', import.meta.url))];

/** The demo tenant: the top-level org the demo seed creates (`杭州市应急管理局`), if present. */
export async function demoTenantId(deps: Pick<AppDeps, 'db'>): Promise<string | undefined> {
  const root = DEMO_ORGS.find((o) => !o.parent)!;
  const [row] = await deps.db.query<{ id: string }>('SELECT id FROM org WHERE parent_id IS NULL AND type = ? AND name = ? ORDER BY created_at LIMIT 1', [root.type, root.name]);
  return row?.id;
}

/**
 * Brings the bundled packs of the demo tenant up to date at start: installs
 * a pack that is not installed (with its demo records), upgrades one whose
 * folder holds a newer version, and does nothing — two reads — when the
 * installed version and content hash match. A pack that fails is logged and
 * skipped, so a broken pack never keeps the server from starting.
 */
export async function installBundledPacks(deps: AppDeps, dirs = BUNDLED_PACK_DIRS): Promise<PackInstallResult[]> {
  const tenantId = await demoTenantId(deps);
  if (!tenantId) return [];
  const installer = new PackInstaller(deps);
  const out: PackInstallResult[] = [];
  for (const dir of dirs) {
    const t0 = performance.now();
    try {
      const files = readPackDir(dir);
      // the up-to-date check reads only the manifest and hashes the files (no lint): a restart costs milliseconds
      const manifest = PackManifest.safeParse(JSON.parse(files['manifest.json'] ?? 'null'));
      const installed = manifest.success ? await PackStore.get(deps.db, tenantId, manifest.data.id) : undefined;
      if (manifest.success && installed) {
        if (installed.version === manifest.data.version && installed.hash === packHash(files)) continue;
        if (compareVersions(manifest.data.version, installed.version) <= 0) {
          deps.logger.warn({ pack: manifest.data.id, installed: installed.version, folder: manifest.data.version }, 'bundled pack changed without a newer version: not reinstalled');
          continue;
        }
      }
      const opts = { tenantId, requester: { actorId: 'system', actorName: 'system' }, seed: deps.config.seedDemo };
      const r = installed ? await installer.upgrade(files, opts) : await installer.install(files, opts);
      out.push(r);
      deps.logger.info(
        { pack: r.packId, version: r.version, action: r.action, published: r.summary.published.length, seeded: r.summary.seeded, ms: Math.round(performance.now() - t0) },
        'bundled pack installed',
      );
    } catch (err) {
      deps.logger.error({ err, dir, details: (err as { details?: unknown }).details }, 'bundled pack not installed');
    }
  }
  return out;
}
