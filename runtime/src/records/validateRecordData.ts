import type { CollectionContent } from '../definitions/CollectionContent';
import type { PathIssue } from '../definitions/engineAdapters';

/**
 * Checks a record's data against its collection's fields: unknown fields
 * are rejected (records are strict; forms strip), types must match, enum
 * values must be listed, required fields present. `fileOwned` decides
 * whether a referenced file belongs to the writer's tenant and scope.
 */
export async function validateRecordData(
  c: CollectionContent,
  data: Record<string, unknown>,
  fileOwned: (fileId: string) => Promise<boolean>,
): Promise<PathIssue[]> {
  const issues: PathIssue[] = [];
  for (const key of Object.keys(data)) {
    if (!c.fields[key]) issues.push({ path: key, code: 'record.unknown_field', message: `'${key}' is not a field of '${c.key}'` });
  }
  for (const [name, f] of Object.entries(c.fields)) {
    const v = data[name];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) {
      if (f.required) issues.push({ path: name, code: 'required', message: `'${name}' is required` });
      continue;
    }
    const bad = (message: string) => issues.push({ path: name, code: 'record.invalid_type', message });
    switch (f.type) {
      case 'string':
        if (typeof v !== 'string') bad('must be a string');
        else if (v.length > 20000) bad('is too long');
        break;
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v)) bad('must be a number');
        break;
      case 'boolean':
        if (typeof v !== 'boolean') bad('must be true or false');
        break;
      case 'date':
        if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) bad('must be an ISO date');
        break;
      case 'enum':
        // the value received is named: a form whose options differ from the collection's values shows up in the incident
        if (typeof v !== 'string' || !f.enum?.includes(v)) issues.push({ path: name, code: 'record.invalid_option', message: `${shown(v)} is not one of ${f.enum?.join(', ')}` });
        break;
      case 'fileRefs':
        if (!Array.isArray(v)) bad('must be a list of file references');
        else {
          for (let i = 0; i < v.length; i++) {
            const ref = v[i] as { fileId?: unknown };
            if (!ref || typeof ref.fileId !== 'string') issues.push({ path: `${name}.${i}`, code: 'record.invalid_type', message: 'must be a file reference' });
            else if (!(await fileOwned(ref.fileId))) issues.push({ path: `${name}.${i}.fileId`, code: 'file.not_owned', message: `file '${ref.fileId}' is not available here` });
          }
        }
        break;
      default:
        break;
    }
  }
  return issues;
}

/** The values of the slot columns for `data`, per the collection's index-field → slot mapping. */
export function slotValues(c: CollectionContent, data: Record<string, unknown>): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const ix of c.indexFields) {
    if (!ix.slot) continue;
    const v = data[ix.field];
    if (v === undefined || v === null || v === '') out[ix.slot] = null;
    else if (ix.slot.startsWith('ix_s')) out[ix.slot] = String(v).slice(0, 191);
    else if (ix.slot.startsWith('ix_n')) out[ix.slot] = typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
    else out[ix.slot] = typeof v === 'number' ? v : Date.parse(String(v));
  }
  return out;
}

/** A received value for a message: JSON, at most 80 characters. */
function shown(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
