import type { CollectionContentJson, I18n } from '../../collections/model/collectionDraft';

/** Filter operators a ledger understands (runtime `FilterOp`). */
export const FILTER_OPS = ['eq', 'ne', 'in', 'gt', 'gte', 'lt', 'lte', 'prefix'] as const;
/** A filter operator. */
export type FilterOp = (typeof FILTER_OPS)[number];

/** One column of a view. */
export interface ViewColumn {
  field: string;
  title: I18n;
  width?: number;
}

/** Content of a `view` definition (runtime `ViewContent`), as JSON; `aggregate` is kept as it was. */
export interface ViewContentJson {
  key: string;
  collection: string;
  columns: ViewColumn[];
  filters: Array<{ field: string; op: FilterOp }>;
  defaultSort: { field: string; dir: 'asc' | 'desc' };
  exportColumns: ViewColumn[];
  aggregate?: unknown;
}

/** A field a view may use: the collection's index fields and the system fields, with their titles. */
export interface ViewField {
  field: string;
  title: I18n;
  system: boolean;
}

/** The system fields every collection has (ledgers sort and filter on them too). */
export const SYSTEM_FIELDS: ViewField[] = [
  { field: 'status', title: { zh: '状态', en: 'State' }, system: true },
  { field: 'createdAt', title: { zh: '创建时间', en: 'Created' }, system: true },
  { field: 'updatedAt', title: { zh: '更新时间', en: 'Updated' }, system: true },
  { field: 'orgId', title: { zh: '单位', en: 'Organisation' }, system: true },
];

/** The fields of `collection` a view may show, filter and sort on: its index fields (the ledger queries hit an index), then the system fields. */
export function viewFields(collection: CollectionContentJson): ViewField[] {
  const indexed = collection.indexFields.map((ix) => ({
    field: ix.field,
    title: collection.fields[ix.field]?.title ?? { zh: ix.field, en: ix.field },
    system: false,
  }));
  return [...indexed, ...SYSTEM_FIELDS];
}

/** A new view over a collection: its first index field and the state as columns, newest first. */
export function newView(key: string, collection: CollectionContentJson): ViewContentJson {
  const fields = viewFields(collection);
  const first = fields.find((f) => !f.system);
  const columns = [...(first ? [first] : []), fields.find((f) => f.field === 'status')!].map((f) => ({ field: f.field, title: { ...f.title } }));
  return { key, collection: collection.key, columns, filters: [], defaultSort: { field: 'createdAt', dir: 'desc' }, exportColumns: [] };
}

/** Moves the item at `from` to position `to` (a drag in the column list); a new array. */
export function moveItem<T>(items: T[], from: number, to: number): T[] {
  if (from === to || from < 0 || from >= items.length) return items;
  const out = [...items];
  const [it] = out.splice(from, 1);
  out.splice(Math.max(0, Math.min(to, out.length)), 0, it!);
  return out;
}

/** A column for `field` titled as the collection titles it. */
export function columnFor(field: string, fields: ViewField[]): ViewColumn {
  const f = fields.find((x) => x.field === field);
  return { field, title: f ? { ...f.title } : { zh: field, en: field } };
}

/** One problem found before the server is asked (it lints again on save and publish). */
export interface ViewIssue {
  path: string;
  code: string;
}

/** Problems of a view draft: no columns, a field that is not indexed, a column twice, an empty title, a bad width. */
export function viewIssues(view: ViewContentJson, fields: ViewField[]): ViewIssue[] {
  const known = new Set(fields.map((f) => f.field));
  const issues: ViewIssue[] = [];
  if (!view.columns.length) issues.push({ path: 'columns', code: 'view.no_columns' });
  const check = (list: ViewColumn[], name: string) => {
    const seen = new Set<string>();
    list.forEach((c, i) => {
      if (!known.has(c.field)) issues.push({ path: `${name}.${i}.field`, code: 'view.not_indexed' });
      if (seen.has(c.field)) issues.push({ path: `${name}.${i}.field`, code: 'view.duplicate_column' });
      seen.add(c.field);
      if (!c.title.zh.trim() || !c.title.en.trim()) issues.push({ path: `${name}.${i}.title`, code: 'view.title_missing' });
      if (c.width !== undefined && (!Number.isInteger(c.width) || c.width < 40 || c.width > 800)) issues.push({ path: `${name}.${i}.width`, code: 'view.bad_width' });
    });
  };
  check(view.columns, 'columns');
  check(view.exportColumns, 'exportColumns');
  view.filters.forEach((f, i) => {
    if (!known.has(f.field)) issues.push({ path: `filters.${i}.field`, code: 'view.not_indexed' });
  });
  if (!known.has(view.defaultSort.field)) issues.push({ path: 'defaultSort.field', code: 'view.not_indexed' });
  return issues;
}

/** The content as saved: widths left out when unset. */
export function toContent(view: ViewContentJson): ViewContentJson {
  const clean = (c: ViewColumn): ViewColumn => (c.width ? { field: c.field, title: c.title, width: c.width } : { field: c.field, title: c.title });
  return { ...view, columns: view.columns.map(clean), exportColumns: view.exportColumns.map(clean) };
}
