import type { Database } from '../db/Database';
import { SYSTEM_FIELDS, type CollectionContent } from '../definitions/CollectionContent';

/** Languages of ledger cells. */
export type LedgerLocale = 'zh-CN' | 'en';

/** A checklist item of the collection's form (a ScoredItem field), for readable export columns. */
export interface ChecklistItem {
  /** Data path of the item's value in the record (`q1` or `items.q1`). */
  path: string;
  title: string;
}

const RESULT: Record<string, { zh: string; en: string }> = {
  pass: { zh: '合格', en: 'Pass' },
  fail: { zh: '不合格', en: 'Fail' },
  na: { zh: '不适用', en: 'N/A' },
};

/** True for a ScoredItem value (`{ result: pass|fail|na, note?, photos? }`). */
export function isScoredValue(v: unknown): v is { result: string; note?: string; photos?: unknown[] } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { result?: unknown }).result === 'string' && (v as { result: string }).result in RESULT;
}

/** `不合格：灭火器过期（2 张照片）`. */
export function scoredText(v: { result: string; note?: string; photos?: unknown[] }, locale: LedgerLocale): string {
  const r = RESULT[v.result]![locale === 'en' ? 'en' : 'zh'];
  const note = v.note?.trim();
  const photos = v.photos?.length ? (locale === 'en' ? ` (${v.photos.length} photos)` : `（${v.photos.length} 张照片）`) : '';
  return note ? `${r}${locale === 'en' ? ': ' : '：'}${note}${photos}` : `${r}${photos}`;
}

/** `YYYY-MM-DD HH:mm:ss` in UTC+8. */
export function chinaTime(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The checklist items (ScoredItem fields) of a form schema, in order, with their titles. */
export function checklistItems(schema: unknown, prefix = ''): ChecklistItem[] {
  const out: ChecklistItem[] = [];
  const props = (schema as { properties?: Record<string, Record<string, unknown>> } | null)?.properties;
  if (!props) return out;
  const entries = Object.entries(props).sort(([, a], [, b]) => Number(a['x-index'] ?? Infinity) - Number(b['x-index'] ?? Infinity));
  for (const [name, s] of entries) {
    if (s.type === 'void') out.push(...checklistItems(s, prefix));
    else if (s['x-component'] === 'ScoredItem') out.push({ path: prefix + name, title: String(s.title ?? name) });
    else if (s.type === 'object' && s.properties) out.push(...checklistItems(s, `${prefix}${name}.`));
  }
  return out;
}

/**
 * What a ledger cell needs to read as a 台账: org names instead of ids, state
 * and enum labels in the reader's language, dates in China time, checklist
 * answers as words.
 */
export class LedgerLabels {
  constructor(
    readonly collection: CollectionContent,
    readonly orgNames: ReadonlyMap<string, string>,
    readonly locale: LedgerLocale = 'zh-CN',
  ) {}

  /** Loads the names of the orgs of `orgIds` (one query). */
  static async load(db: Database, collection: CollectionContent, orgIds: Iterable<string>, locale: LedgerLocale = 'zh-CN'): Promise<LedgerLabels> {
    const ids = [...new Set(orgIds)];
    const names = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await db.query<{ id: string; name: string }>(`SELECT id, name FROM org WHERE id IN (${chunk.map(() => '?').join(',')})`, chunk);
      for (const r of rows) names.set(r.id, r.name);
    }
    return new LedgerLabels(collection, names, locale);
  }

  private text(t: { zh: string; en: string } | undefined, fallback: string): string {
    return t ? (this.locale === 'en' ? t.en : t.zh) : fallback;
  }

  /** The label of an enum value of `field` (the value itself when no label is declared). */
  enumLabel(field: string, value: string): string {
    return this.text(this.collection.fields[field]?.enumLabels?.[value], value);
  }

  /** The cell of `field` for a record (`data` may be read at a dotted path for checklist columns). */
  cell(item: { orgId: string; status: string; createdAt: number; updatedAt: number; data: Record<string, unknown> }, field: string): string | number | null {
    const c = this.collection;
    const en = this.locale === 'en';
    if (field === 'status') return this.text(c.states.find((s) => s.key === item.status)?.name, item.status);
    if (field === 'createdAt' || field === 'updatedAt') return chinaTime(item[field]);
    if (field === 'orgId') return this.orgNames.get(item.orgId) ?? item.orgId;
    if (field in SYSTEM_FIELDS) return null;
    const v = field.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), item.data);
    if (v === undefined || v === null) return null;
    const def = c.fields[field];
    if (def?.type === 'boolean' || typeof v === 'boolean') return v ? (en ? 'Yes' : '是') : en ? 'No' : '否';
    if (def?.type === 'number' && typeof v === 'number') return v;
    if (def?.type === 'enum') return Array.isArray(v) ? v.map((x) => this.enumLabel(field, String(x))).join('、') : this.enumLabel(field, String(v));
    if (def?.type === 'date' && (typeof v === 'number' || typeof v === 'string')) {
      const ms = typeof v === 'number' ? v : Date.parse(v);
      if (Number.isFinite(ms)) return /^\d{4}-\d{2}-\d{2}$/.test(String(v)) ? String(v) : chinaTime(ms);
    }
    if (isScoredValue(v)) return scoredText(v, this.locale);
    if (Array.isArray(v) && v.every((f) => typeof f === 'object' && f && 'fileId' in f)) return v.map((f) => (f as { name?: string; fileId: string }).name ?? f.fileId).join('、');
    if (typeof v === 'object') return JSON.stringify(v);
    if (typeof v === 'number') return v;
    return String(v);
  }
}
