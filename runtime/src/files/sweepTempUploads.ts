import fs from 'node:fs';
import path from 'node:path';

/** Temporary uploads older than this are leftovers of a crash (1 h). */
export const TEMP_UPLOAD_MAX_AGE_MS = 3600 * 1000;

/**
 * Removes files in `tmpDir` last modified more than `maxAgeMs` before `now`:
 * uploads interrupted by a crash. Younger files may belong to an upload in
 * progress on another node sharing the directory, so they stay. Returns how
 * many were removed; a missing directory counts as empty.
 */
export function sweepTempUploads(tmpDir: string, now: number, maxAgeMs = TEMP_UPLOAD_MAX_AGE_MS): number {
  let names: string[];
  try {
    names = fs.readdirSync(tmpDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  let removed = 0;
  for (const name of names) {
    const file = path.join(tmpDir, name);
    try {
      const stat = fs.statSync(file);
      if (stat.isFile() && stat.mtimeMs < now - maxAgeMs) {
        fs.rmSync(file, { force: true });
        removed++;
      }
    } catch {
      // vanished meanwhile (finished by its upload): nothing to do
    }
  }
  return removed;
}
