import fs from 'node:fs';
import { fileTypeFromFile } from 'file-type';
import { SafeFlowError } from '@safeflow/engine/errors';

/** The type SafeFlow stores and serves a file as. */
export interface DetectedType {
  mime: string;
  /** Canonical extension of the type (no dot). */
  ext: string;
}

/** Types accepted by their magic bytes (what `file-type` reports). */
const SNIFFED: ReadonlyMap<string, string> = new Map([
  ['image/jpeg', 'jpg'],
  ['image/png', 'png'],
  ['image/webp', 'webp'],
  ['image/gif', 'gif'],
  ['image/heic', 'heic'],
  ['image/heif', 'heif'],
  ['application/pdf', 'pdf'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx'],
]);

/**
 * Legacy Office files are OLE compound files (`application/x-cfb`), a
 * container also used by installers; they are accepted only with a legacy
 * Office extension and then served as that Office type.
 */
const LEGACY_OFFICE: ReadonlyMap<string, string> = new Map([
  ['doc', 'application/msword'],
  ['xls', 'application/vnd.ms-excel'],
  ['ppt', 'application/vnd.ms-powerpoint'],
]);

/** Text types, which have no magic bytes: accepted only by extension, and only if the content is clean UTF-8. */
const TEXT: ReadonlyMap<string, string> = new Map([
  ['txt', 'text/plain'],
  ['csv', 'text/csv'],
]);

/** Is `mime` an image type (served inline, without the sandbox CSP)? */
export function isImageMime(mime: string): boolean {
  return mime.startsWith('image/');
}

/**
 * Decides the type of an uploaded file from its bytes; the declared content
 * type is ignored and the declared name is consulted only where the format
 * has no magic (TXT/CSV) or is an ambiguous container (legacy Office CFB).
 * Accepts images (JPEG, PNG, WebP, GIF, HEIC/HEIF), PDF, Office documents
 * (DOCX/XLSX/PPTX, DOC/XLS/PPT) and UTF-8 plain text/CSV without NUL bytes,
 * shebangs or markup. Everything else — executables (ELF, PE, Mach-O),
 * scripts, HTML, SVG/XML, archives — throws `file.type_not_allowed` (415).
 */
export async function detectFileType(filePath: string, declaredName: string): Promise<DetectedType> {
  const declaredExt = /\.([A-Za-z0-9]{1,10})$/.exec(declaredName)?.[1]?.toLowerCase() ?? '';
  const sniffed = await fileTypeFromFile(filePath);
  if (sniffed) {
    const ext = SNIFFED.get(sniffed.mime);
    if (ext) return { mime: sniffed.mime, ext };
    const legacy = LEGACY_OFFICE.get(declaredExt);
    if (sniffed.mime === 'application/x-cfb' && legacy) return { mime: legacy, ext: declaredExt };
    throw notAllowed(`Files of type ${sniffed.mime} are not accepted`, sniffed.mime);
  }
  const textMime = TEXT.get(declaredExt);
  if (textMime && (await isCleanText(filePath))) return { mime: textMime, ext: declaredExt };
  throw notAllowed('The file type could not be recognised as an accepted type', undefined);
}

/** Valid UTF-8, no NUL bytes, not a script (`#!`) and not HTML/SVG/XML markup. */
async function isCleanText(filePath: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let head = '';
  try {
    for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
      if (chunk.includes(0)) return false;
      const text = decoder.decode(chunk, { stream: true });
      if (head.length < 1024) head += text.slice(0, 1024 - head.length);
    }
    decoder.decode();
  } catch {
    return false;
  }
  const start = head.replace(/^\ufeff/, '').trimStart().toLowerCase();
  if (start.startsWith('#!')) return false;
  if (/^<(\?xml|!doctype|html|svg|script|head|body|iframe)\b/.test(start)) return false;
  return true;
}

function notAllowed(message: string, detected: string | undefined): SafeFlowError {
  return new SafeFlowError('file.type_not_allowed', message, {
    status: 415,
    details: { detected: detected ?? null, allowed: [...SNIFFED.keys(), ...LEGACY_OFFICE.values(), ...TEXT.values()] },
  });
}
