/** Longest display name kept, in characters (the extension is preserved when cutting). */
export const MAX_FILE_NAME_LENGTH = 200;

/**
 * Turns a client-supplied file name into a safe display name: only the last
 * path segment (`../../etc/passwd` → `passwd`, `C:\\x\\y.pdf` → `y.pdf`),
 * Unicode NFC, without control, bidi-override and zero-width characters,
 * without leading dots or surrounding spaces, at most 200 characters (the
 * extension kept). Returns `fallback` when nothing is left. The result is a
 * label only: storage paths never contain it.
 */
export function sanitizeFileName(raw: string | undefined | null, fallback = 'file'): string {
  let name = (raw ?? '').normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  name = name.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, '');
  name = name.trim().replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (!name) return fallback;
  const chars = Array.from(name);
  if (chars.length <= MAX_FILE_NAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (ext.length > 0 && ext.length <= 16) {
    return chars.slice(0, MAX_FILE_NAME_LENGTH - ext.length).join('').trimEnd() + ext.join('');
  }
  return chars.slice(0, MAX_FILE_NAME_LENGTH).join('').trimEnd();
}

/**
 * `Content-Disposition` value for `name`: an ASCII fallback `filename` plus
 * the exact name as RFC 5987 `filename*` (UTF-8, percent-encoded).
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'file';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
