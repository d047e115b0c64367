import type { Queryable } from '../definitions/orgContext';
import { PackStore } from './PackStore';
import type { PackKind, PackSource } from './PackSource';
import { compareVersions } from './semverRange';

/** How one definition file of an uploaded pack compares with what the pack installed in the tenant. */
export type PackFileChange = 'added' | 'changed' | 'unchanged' | 'removed';

/** One row of the diff the Studio shows before an install or upgrade. */
export interface PackFilePlan {
  file: string;
  kind: PackKind;
  key: string;
  change: PackFileChange;
}

/** What installing an uploaded pack into a tenant would do (nothing is written to find out). */
export interface PackPlan {
  /** `install` when the pack is not installed, `upgrade` for a newer version, `none` for the installed version and content, `refused` otherwise. */
  action: 'install' | 'upgrade' | 'none' | 'refused';
  installedVersion: string | null;
  files: PackFilePlan[];
}

const ORDER: Record<PackFileChange, number> = { changed: 0, added: 1, removed: 2, unchanged: 3 };

/**
 * Compares an uploaded pack with the same pack installed in the tenant, file
 * by file: a definition whose source hash differs from the one the pack last
 * published is `changed`, one the pack never published `added`, one the
 * installed pack owns but the upload lacks `removed` (the installer keeps
 * it; the diff says so). Changed files first.
 */
export async function planPackChanges(db: Queryable, tenantId: string, pack: PackSource): Promise<PackPlan> {
  const m = pack.manifest;
  const installed = await PackStore.get(db, tenantId, m.id);
  const owned = new Map((installed ? await PackStore.definitions(db, tenantId, m.id) : []).map((d) => [`${d.kind}:${d.key}`, d]));
  const files: PackFilePlan[] = pack.definitions.map((d) => {
    const row = owned.get(`${d.kind}:${d.key}`);
    owned.delete(`${d.kind}:${d.key}`);
    const change: PackFileChange = !row ? 'added' : row.sourceHash === d.sourceHash ? 'unchanged' : 'changed';
    return { file: d.file, kind: d.kind, key: d.key, change };
  });
  for (const row of owned.values()) files.push({ file: row.file, kind: row.kind, key: row.key, change: 'removed' });
  files.sort((a, b) => ORDER[a.change] - ORDER[b.change] || a.file.localeCompare(b.file));
  return { action: actionFor(installed, m.version, pack.hash), installedVersion: installed?.version ?? null, files };
}

function actionFor(installed: { version: string; hash: string } | undefined, version: string, hash: string): PackPlan['action'] {
  if (!installed) return 'install';
  if (installed.version === version) return installed.hash === hash ? 'none' : 'refused';
  return compareVersions(version, installed.version) > 0 ? 'upgrade' : 'refused';
}
