import fs from 'node:fs';
import path from 'node:path';
import { SafeFlowError } from '@safeflow/engine/errors';
import { checkPackReferences, type ReferenceContext } from './checkPackReferences';
import { readPack } from './readPack';
import { isSeedFile } from './seedFiles';
import type { PackIssue, PackSource } from './PackSource';

/** Largest pack (sum of file sizes) the runtime reads. */
export const MAX_PACK_BYTES = 20 * 1024 * 1024;

/** Reads every file under `dir` (relative POSIX paths → UTF-8 text; `seed/files/*` as base64). Hidden files and folders are skipped. */
export function readPackDir(dir: string): Record<string, string> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new SafeFlowError('pack.not_found', `No pack folder at ${dir}`, { status: 404 });
  }
  const files: Record<string, string> = {};
  let total = 0;
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) {
        // seed files (images of the demo data) are binary: carried as base64 text (see seedFiles.ts)
        const text = isSeedFile(r) ? fs.readFileSync(path.join(dir, r)).toString('base64') : fs.readFileSync(path.join(dir, r), 'utf8');
        total += text.length;
        if (total > MAX_PACK_BYTES) throw new SafeFlowError('pack.too_large', `The pack is larger than ${MAX_PACK_BYTES} bytes`, { status: 413 });
        files[r] = text;
      }
    }
  };
  walk('');
  return files;
}

/** The outcome of a validation: the pack when it is valid enough to read, and every issue. */
export interface PackValidation {
  pack?: PackSource;
  issues: PackIssue[];
}

/**
 * Validates a pack: file schemas and definition lint ({@link readPack}), then
 * every cross-file reference ({@link checkPackReferences}). `ctx.installed`
 * lets definitions already published in the target tenant satisfy references.
 */
export async function validatePack(files: Record<string, string>, ctx: ReferenceContext & { lint?: boolean } = {}): Promise<PackValidation> {
  const read = await readPack(files, { lint: ctx.lint });
  if (!read.pack) return read;
  const refs = await checkPackReferences(read.pack, ctx);
  return { pack: read.pack, issues: [...read.issues, ...refs] };
}

/** 400 `pack.invalid` with every issue in `details.issues` (`{file, path, code, message}`). */
export function packInvalid(issues: PackIssue[]): SafeFlowError {
  const head = issues.slice(0, 3).map((i) => `${i.file}${i.path ? ' ' + i.path : ''}: ${i.message}`).join('; ');
  return new SafeFlowError('pack.invalid', `The pack has ${issues.length} problem(s): ${head}`, { status: 400, details: { issues } });
}

/** One issue per line: `file path: [code] message`. */
export function formatIssues(issues: PackIssue[]): string {
  return issues.map((i) => `${i.file}${i.path ? ` ${i.path}` : ''}: [${i.code}] ${i.message}`).join('\n');
}
