/** A file reference found in record data. */
export interface FoundFile {
  path: string;
  fileId: string;
  name: string;
  mime: string;
}

/** Every image file reference in a record's data (photos fields, checklist item photos, signatures), depth-first. */
export function collectFileRefs(data: unknown, path = ''): FoundFile[] {
  if (Array.isArray(data)) return data.flatMap((v, i) => collectFileRefs(v, path ? `${path}.${i}` : String(i)));
  if (!data || typeof data !== 'object') return [];
  const o = data as Record<string, unknown>;
  if (typeof o.fileId === 'string' && typeof o.sha256 === 'string') {
    return [{ path, fileId: o.fileId, name: String(o.name ?? o.fileId), mime: String(o.mime ?? '') }];
  }
  return Object.entries(o).flatMap(([k, v]) => collectFileRefs(v, path ? `${path}.${k}` : k));
}
