import JSZip from 'jszip';

/** Largest pack the runtime accepts (sum of the file texts), as in runtime/src/packs/validatePack.ts. */
export const MAX_PACK_BYTES = 20 * 1024 * 1024;

/** A file picked by the user: its path inside the chosen folder (or the file name) and a way to read it. */
export interface PickedFile {
  path: string;
  size: number;
  text(): Promise<string>;
}

/** Why an upload could not be turned into pack files (the page shows `studio.packs.upload.<reason>`). */
export class PackUploadError extends Error {
  constructor(readonly reason: 'empty' | 'too_large' | 'not_zip', message: string) {
    super(message);
    this.name = 'PackUploadError';
  }
}

/** Paths that never belong to a pack: hidden files and folders, macOS zip metadata. */
function skipped(path: string): boolean {
  return path.split('/').some((seg) => seg.startsWith('.') || seg === '__MACOSX');
}

/**
 * Drops the one folder every path starts with (a folder picked as a whole,
 * or a zip of a folder), so `safety/manifest.json` becomes `manifest.json`.
 * Paths are left alone when the pack's manifest is already at the top.
 */
export function stripCommonRoot(paths: string[]): Map<string, string> {
  const out = new Map(paths.map((p) => [p, p]));
  if (paths.includes('manifest.json') || paths.length === 0) return out;
  const first = paths[0]!.split('/')[0]!;
  if (!paths.every((p) => p.includes('/') && p.split('/')[0] === first)) return out;
  for (const p of paths) out.set(p, p.slice(first.length + 1));
  return out;
}

/** Reads picked files (a folder upload) into pack files: relative path → text. */
export async function packFilesFromPicked(picked: PickedFile[]): Promise<Record<string, string>> {
  const kept = picked.map((f) => ({ ...f, path: f.path.replace(/\\/g, '/').replace(/^\/+/, '') })).filter((f) => !skipped(f.path));
  if (!kept.length) throw new PackUploadError('empty', 'The upload holds no files');
  const total = kept.reduce((n, f) => n + f.size, 0);
  if (total > MAX_PACK_BYTES) throw new PackUploadError('too_large', `The pack is larger than ${MAX_PACK_BYTES} bytes`);
  const names = stripCommonRoot(kept.map((f) => f.path));
  const files: Record<string, string> = {};
  for (const f of kept) files[names.get(f.path)!] = await f.text();
  return files;
}

/** Reads a zip archive of a pack (the folder itself or its contents zipped) into pack files. */
export async function packFilesFromZip(data: Blob | ArrayBuffer | Uint8Array): Promise<Record<string, string>> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    throw new PackUploadError('not_zip', 'The file is not a zip archive');
  }
  const entries = Object.values(zip.files).filter((e) => !e.dir);
  return packFilesFromPicked(
    entries.map((e) => ({
      path: e.name,
      // uncompressed size is not exposed in the typings; the text length is checked after reading
      size: 0,
      text: () => e.async('string'),
    })),
  ).then((files) => {
    const total = Object.values(files).reduce((n, t) => n + t.length, 0);
    if (total > MAX_PACK_BYTES) throw new PackUploadError('too_large', `The pack is larger than ${MAX_PACK_BYTES} bytes`);
    return files;
  });
}

/** Zips pack files (an export) under one folder named after the pack: `<packId>/manifest.json`, … */
export async function zipPackFiles(packId: string, files: Record<string, string>): Promise<Blob> {
  const zip = new JSZip();
  for (const [p, text] of Object.entries(files)) zip.file(`${packId}/${p}`, text);
  return zip.generateAsync({ type: 'blob', compression: 'DEFLATE' });
}
