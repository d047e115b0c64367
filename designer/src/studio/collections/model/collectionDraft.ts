/** Bilingual text as collections store it. */
export interface I18n {
  zh: string;
  en: string;
}

/** Field types a collection may declare (runtime `CollectionFieldType`). */
export const FIELD_TYPES = ['string', 'number', 'boolean', 'date', 'enum', 'fileRefs', 'json'] as const;
/** A field type. */
export type FieldType = (typeof FIELD_TYPES)[number];

/** Content of a `collection` definition (runtime `CollectionContent`), as JSON. */
export interface CollectionContentJson {
  key: string;
  name: I18n;
  fields: Record<string, { type: FieldType; enum?: string[]; enumLabels?: Record<string, I18n>; required?: boolean; title?: I18n; writableBy?: string[] }>;
  indexFields: Array<{ field: string; slot?: string }>;
  states: Array<{ key: string; name: I18n }>;
  initialState: string;
  transitions: Array<{ from: string; to: string; roles: string[]; name: I18n }>;
  formKey?: string;
}

/** The editor's rows: plain strings where people type lists (enum values, roles). */
export interface CollectionDraft {
  key: string;
  name: I18n;
  fields: Array<{ name: string; type: FieldType; required: boolean; title: I18n; enumText: string; enumLabels?: Record<string, I18n>; writableBy?: string[] }>;
  indexFields: string[];
  states: Array<{ key: string; name: I18n }>;
  initialState: string;
  transitions: Array<{ from: string; to: string; rolesText: string; name: I18n }>;
  formKey: string;
  /** Slots assigned at publish, kept for the fields that stay indexed. */
  slots: Record<string, string>;
}

/** One problem the editor finds before asking the server (which lints again on save and publish). */
export interface DraftIssue {
  path: string;
  code: string;
}

const IDENT = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const SYSTEM = new Set(['status', 'createdAt', 'updatedAt', 'orgId']);
const list = (text: string) => [...new Set(text.split(/[,，\s]+/).map((s) => s.trim()).filter(Boolean))];
const text = (t: Partial<I18n> | undefined): I18n => ({ zh: t?.zh ?? '', en: t?.en ?? '' });

/** A new collection's draft: one text field and a two-state lifecycle. */
export function newCollectionDraft(key: string, name: string): CollectionDraft {
  return {
    key,
    name: { zh: name, en: name },
    fields: [{ name: 'title', type: 'string', required: true, title: { zh: '名称', en: 'Title' }, enumText: '' }],
    indexFields: ['title'],
    states: [
      { key: 'open', name: { zh: '进行中', en: 'Open' } },
      { key: 'closed', name: { zh: '已关闭', en: 'Closed' } },
    ],
    initialState: 'open',
    transitions: [{ from: 'open', to: 'closed', rolesText: 'safetyOfficer', name: { zh: '关闭', en: 'Close' } }],
    formKey: '',
    slots: {},
  };
}

/** The editor's copy of stored content. */
export function toDraft(c: CollectionContentJson): CollectionDraft {
  return {
    key: c.key,
    name: text(c.name),
    fields: Object.entries(c.fields ?? {}).map(([name, f]) => ({
      name,
      type: f.type,
      required: f.required === true,
      title: text(f.title),
      enumText: (f.enum ?? []).join(', '),
      ...(f.enumLabels ? { enumLabels: f.enumLabels } : {}),
      ...(f.writableBy ? { writableBy: f.writableBy } : {}),
    })),
    indexFields: (c.indexFields ?? []).map((i) => i.field),
    states: (c.states ?? []).map((s) => ({ key: s.key, name: text(s.name) })),
    initialState: c.initialState ?? '',
    transitions: (c.transitions ?? []).map((t) => ({ from: t.from, to: t.to, rolesText: t.roles.join(', '), name: text(t.name) })),
    formKey: c.formKey ?? '',
    slots: Object.fromEntries((c.indexFields ?? []).filter((i) => i.slot).map((i) => [i.field, i.slot!])),
  };
}

const i18nOut = (t: I18n, fallback: string): I18n => ({ zh: t.zh.trim() || t.en.trim() || fallback, en: t.en.trim() || t.zh.trim() || fallback });

/** The content to save. Empty titles are dropped, one-language names fill the other, enum labels of removed values are dropped. */
export function fromDraft(d: CollectionDraft): CollectionContentJson {
  const fields: CollectionContentJson['fields'] = {};
  for (const f of d.fields) {
    const values = f.type === 'enum' ? list(f.enumText) : [];
    const labels = f.enumLabels ? Object.fromEntries(Object.entries(f.enumLabels).filter(([v]) => values.includes(v))) : undefined;
    fields[f.name.trim()] = {
      type: f.type,
      ...(values.length ? { enum: values } : {}),
      ...(labels && Object.keys(labels).length ? { enumLabels: labels } : {}),
      ...(f.required ? { required: true } : {}),
      ...(f.title.zh.trim() || f.title.en.trim() ? { title: i18nOut(f.title, f.name) } : {}),
      ...(f.writableBy?.length ? { writableBy: f.writableBy } : {}),
    };
  }
  return {
    key: d.key,
    name: i18nOut(d.name, d.key),
    fields,
    indexFields: d.indexFields.filter((f) => f in fields).map((field) => (d.slots[field] ? { field, slot: d.slots[field] } : { field })),
    states: d.states.map((s) => ({ key: s.key.trim(), name: i18nOut(s.name, s.key) })),
    initialState: d.initialState,
    transitions: d.transitions.map((t) => ({ from: t.from, to: t.to, roles: list(t.rolesText), name: i18nOut(t.name, `${t.from}→${t.to}`) })),
    ...(d.formKey.trim() ? { formKey: d.formKey.trim() } : {}),
  };
}

/**
 * What the editor can tell before saving: identifiers, duplicates, reserved
 * names, enum values, indexable types, states and transitions. The server's
 * lint (save and publish) stays authoritative.
 */
export function draftIssues(d: CollectionDraft): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const names = new Set<string>();
  d.fields.forEach((f, i) => {
    const n = f.name.trim();
    if (!IDENT.test(n)) issues.push({ path: `fields.${i}.name`, code: 'collection.bad_name' });
    else if (SYSTEM.has(n)) issues.push({ path: `fields.${i}.name`, code: 'collection.reserved_field' });
    else if (names.has(n)) issues.push({ path: `fields.${i}.name`, code: 'collection.duplicate_field' });
    names.add(n);
    if (f.type === 'enum' && list(f.enumText).length === 0) issues.push({ path: `fields.${i}.enum`, code: 'collection.enum_missing' });
  });
  const types = new Map(d.fields.map((f) => [f.name.trim(), f.type]));
  d.indexFields.forEach((f, i) => {
    const type = types.get(f);
    if (!type) issues.push({ path: `indexFields.${i}`, code: 'collection.unknown_field' });
    else if (type === 'fileRefs' || type === 'json') issues.push({ path: `indexFields.${i}`, code: 'collection.not_indexable' });
  });
  if (d.indexFields.length > 13) issues.push({ path: 'indexFields', code: 'collection.too_many_indexes' });
  const states = new Set<string>();
  d.states.forEach((s, i) => {
    if (!IDENT.test(s.key.trim())) issues.push({ path: `states.${i}.key`, code: 'collection.bad_name' });
    else if (states.has(s.key.trim())) issues.push({ path: `states.${i}.key`, code: 'collection.duplicate_state' });
    states.add(s.key.trim());
  });
  if (d.states.length === 0) issues.push({ path: 'states', code: 'collection.no_states' });
  if (!states.has(d.initialState)) issues.push({ path: 'initialState', code: 'collection.unknown_state' });
  d.transitions.forEach((t, i) => {
    if (!states.has(t.from)) issues.push({ path: `transitions.${i}.from`, code: 'collection.unknown_state' });
    if (!states.has(t.to)) issues.push({ path: `transitions.${i}.to`, code: 'collection.unknown_state' });
    if (list(t.rolesText).length === 0) issues.push({ path: `transitions.${i}.roles`, code: 'collection.no_roles' });
  });
  return issues;
}
