import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SafeFlowError } from '@safeflow/engine/errors';
import { imageMimeOf } from '@safeflow/plugin-kit';
import type { Tx } from '../db/Database';
import { FileStorage } from '../files/FileStorage';

/** The folder of a pack's seed files (images the demo records refer to). */
export const SEED_FILES_DIR = 'seed/files/';

/** Is `file` (a pack-relative path) a seed file: `seed/files/<name>`, one level deep? */
export function isSeedFile(file: string): boolean {
  return file.startsWith(SEED_FILES_DIR) && /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(file.slice(SEED_FILES_DIR.length));
}

/** A file reference as a record's `fileRefs` field holds it. */
export interface SeedFileRef {
  fileId: string;
  name: string;
  size: number;
  mime: string;
  sha256: string;
}

/**
 * Stores the seed file `name` (`seed/files/<name>` of the pack, base64 in
 * `files`) as a file of `org`, in the caller's transaction: the row is
 * inserted in `tx`, the content written to `DATA_DIR/files` (a rolled-back
 * seed leaves the content file behind, unreferenced). Unknown names and
 * types other than PNG/JPEG are `pack.seed_failed` (400).
 */
export async function storeSeedFile(
  tx: Tx,
  dataDir: string,
  files: Record<string, string>,
  name: string,
  org: { id: string; path: string; tenantId: string },
  createdBy: string,
  at: number,
): Promise<SeedFileRef> {
  const text = files[SEED_FILES_DIR + name];
  if (text === undefined || !isSeedFile(SEED_FILES_DIR + name)) {
    throw new SafeFlowError('pack.seed_failed', `seed file '${name}' is not in the pack's ${SEED_FILES_DIR} folder`, { status: 400 });
  }
  const bytes = Buffer.from(text, 'base64');
  const mime = imageMimeOf(bytes);
  if (!mime) throw new SafeFlowError('pack.seed_failed', `seed file '${name}' is not a PNG or JPEG image`, { status: 400 });
  const storage = new FileStorage(dataDir);
  const id = crypto.randomUUID();
  const key = FileStorage.keyFor(id);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const tmp = path.join(storage.tmpDir, id);
  fs.mkdirSync(storage.tmpDir, { recursive: true, mode: 0o750 });
  fs.writeFileSync(tmp, bytes, { mode: 0o640 });
  await tx.execute(
    `INSERT INTO file (id, org_id, org_path, tenant_id, name, size, mime, sha256, storage_key, created_by, created_at, updated_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    [id, org.id, org.path, org.tenantId, name, bytes.length, mime, sha256, key, createdBy, at, at],
  );
  storage.place(tmp, key);
  return { fileId: id, name, size: bytes.length, mime, sha256 };
}

/** The names of the `{ "$file": "<name>" }` values anywhere in `value`. */
export function seedFileNames(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) seedFileNames(v, out);
  else if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === '$file' && typeof entries[0]![1] === 'string') out.add(entries[0]![1]);
    else for (const [, v] of entries) seedFileNames(v, out);
  }
  return out;
}
