/**
 * A short-lived private file holding `bytes`, for the libvips loaders whose options only a
 * file name can carry (`frame.jpg[shrink=2]`: sharp's buffer input has no way to pass them).
 * The file is created exclusively (`wx`, mode 0600: never follows a planted link in a shared
 * temp folder) and removed when `use` settles. Where no such file can be made (a temp folder
 * whose path has brackets of its own, a full or read-only disk) `fallback` runs instead.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

let seq = 0;

/** Runs `use` on a temp file holding `bytes` (name ending in `ext`), or `fallback` when none can be written. */
export async function withScratchFile<T>(bytes: Uint8Array, ext: string, use: (file: string) => Promise<T>, fallback: () => Promise<T>): Promise<T> {
  const dir = os.tmpdir();
  if (/[[\]]/.test(dir)) return fallback();
  const file = path.join(dir, `safeflow-frame-${process.pid}-${threadId}-${++seq}${ext}`);
  try {
    fs.writeFileSync(file, bytes, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') fs.rmSync(file, { force: true }); // a partial write of ours
    return fallback();
  }
  try {
    return await use(file);
  } finally {
    fs.rmSync(file, { force: true });
  }
}
