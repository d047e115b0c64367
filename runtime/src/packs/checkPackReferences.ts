import { aggregateViewIssues } from './aggregateViewIssues';
import { isDashboardContent } from '../dashboards/DashboardContent';
import { packDashboardIssues } from './packDashboardIssues';
import { analyzeProcess } from '../definitions/process/analyzeProcess';
import { SYSTEM_FIELDS, type CollectionContent } from '../definitions/CollectionContent';
import type { ViewContent } from '../definitions/ViewContent';
import { validateRecordData } from '../records/validateRecordData';
import { shiftIso } from './applySeed';
import { EMPTY_DB } from './readPack';
import type { PackIssue, PackKind, PackSource } from './PackSource';
import { SEED_FILES_DIR } from './seedFiles';

/** Answers whether a definition outside the pack (already published in the target tenant) satisfies a reference. */
export type InstalledLookup = (kind: PackKind, key: string) => Promise<boolean>;

/** What a reference may be satisfied by besides the pack: nothing offline, the tenant's published definitions at install. */
export interface ReferenceContext {
  installed?: InstalledLookup;
  /** Task types served where the pack is installed (default: only what the manifest declares is checked). */
  taskTypes?: Set<string>;
}

/**
 * Checks every reference between the files of a pack: processes (BPMN parse
 * errors and their element ids, form keys, rulesets, collections, called
 * processes, external-task topics declared in `requires.taskTypes`),
 * collections' forms, views' collections and their index fields, schedule
 * targets (process, checklist form), seed files (collection, states, record
 * fields, refs) and i18n (both locales have the same keys; `def.<kind>.<key>`
 * names a definition of the pack).
 */
export async function checkPackReferences(pack: PackSource, ctx: ReferenceContext = {}): Promise<PackIssue[]> {
  const issues: PackIssue[] = [];
  const byKind = new Map<PackKind, Map<string, PackSource['definitions'][number]>>();
  for (const d of pack.definitions) {
    if (!byKind.has(d.kind)) byKind.set(d.kind, new Map());
    byKind.get(d.kind)!.set(d.key, d);
  }
  const has = async (kind: PackKind, key: string) => !!byKind.get(kind)?.has(key) || (!!ctx.installed && (await ctx.installed(kind, key)));
  const collection = (key: string) => byKind.get('collection')?.get(key)?.content as CollectionContent | undefined;
  const declaredTopics = new Set(pack.manifest.requires?.taskTypes ?? []);

  for (const d of pack.definitions) {
    const at = (path: string, code: string, message: string) => issues.push({ file: d.file, path, code, message });
    if (d.kind === 'process') {
      const a = await analyzeProcess(EMPTY_DB, { key: d.key, orgPath: '/', tenantId: '', knownTopics: { topics: () => declaredTopics } }, d.content);
      for (const i of a.issues) at(i.path, i.code, i.message);
      for (const r of a.dangling) {
        if (r.kind === 'topic') at(r.element, 'pack.task_type_undeclared', `Topic '${r.key}' is not in manifest.json requires.taskTypes`);
        else if (!(await has(r.kind, r.key))) at(r.element, 'pack.unknown_reference', `${r.kind} '${r.key}' is neither in the pack nor installed`);
      }
      for (const m of String(d.content.xml).matchAll(/\bcalledElement="([^"$#{}]+)"/g)) {
        if (!(await has('process', m[1]!))) at('calledElement', 'pack.unknown_reference', `process '${m[1]}' (calledElement) is neither in the pack nor installed`);
      }
    } else if (d.kind === 'collection') {
      const formKey = (d.content as { formKey?: string }).formKey;
      if (formKey && !(await has('form', formKey))) at('content.formKey', 'pack.unknown_reference', `form '${formKey}' is neither in the pack nor installed`);
    } else if (d.kind === 'view' && isDashboardContent(d.content)) {
      issues.push(...(await packDashboardIssues(d.file, d.content, { collection, view: (key) => byKind.get('view')?.get(key)?.content, has })));
    } else if (d.kind === 'view') {
      const v = d.content as ViewContent;
      if (typeof v.collection !== 'string') continue;
      if (v.aggregate) {
        issues.push(...(await aggregateViewIssues(d.file, v, { collection, ruleset: (key) => byKind.get('ruleset')?.get(key)?.content, has })));
        continue;
      }
      const c = collection(v.collection);
      if (!c) {
        if (!(await has('collection', v.collection))) at('content.collection', 'pack.unknown_reference', `collection '${v.collection}' is neither in the pack nor installed`);
        continue;
      }
      issues.push(...viewFieldIssues(d.file, v, c));
    } else if (d.kind === 'schedule') {
      const action = (d.content as { action?: { process?: unknown; task?: { form?: unknown }; variables?: Record<string, unknown> } }).action;
      if (typeof action?.task?.form === 'string' && !(await has('form', action.task.form))) {
        at('content.action.task.form', 'pack.unknown_reference', `form '${action.task.form}' is neither in the pack nor installed`);
      }
      if (typeof action?.process === 'string' && !(await has('process', action.process))) {
        at('content.action.process', 'pack.unknown_reference', `process '${action.process}' is neither in the pack nor installed`);
      }
      for (const v of ['checklistKey', 'formKey'] as const) {
        const key = action?.variables?.[v];
        if (typeof key === 'string' && !(await has('form', key))) at(`content.action.variables.${v}`, 'pack.unknown_reference', `form '${key}' is neither in the pack nor installed`);
      }
    }
  }
  issues.push(...(await seedIssues(pack, collection, has)));
  issues.push(...i18nIssues(pack, byKind));
  return issues;
}

/** A view's columns, filters and sort must be index fields of its collection; export columns declared fields (as on publish). */
function viewFieldIssues(file: string, v: ViewContent, c: CollectionContent): PackIssue[] {
  const issues: PackIssue[] = [];
  const indexed = new Set((c.indexFields ?? []).map((ix) => ix.field));
  const isIndexed = (f: string) => indexed.has(f) || f in SYSTEM_FIELDS;
  const isField = (f: string) => f in (c.fields ?? {}) || f in SYSTEM_FIELDS;
  const not = (path: string, f: string) => issues.push({ file, path, code: 'view.not_indexed', message: `'${f}' is not an index field of collection '${v.collection}'` });
  (v.filters ?? []).forEach((f, i) => !isIndexed(f.field) && not(`content.filters.${i}.field`, f.field));
  // a grouped view (`aggregate`: rankings, compliance lists) names measures, not index fields: its own lint runs on publish (`validate --deep`)
  if ((v as { aggregate?: unknown }).aggregate !== undefined) return issues;
  if (v.defaultSort && !isIndexed(v.defaultSort.field)) not('content.defaultSort.field', v.defaultSort.field);
  (v.columns ?? []).forEach((col, i) => !isIndexed(col.field) && not(`content.columns.${i}.field`, col.field));
  (v.exportColumns ?? []).forEach((col, i) => {
    if (!isField(col.field)) issues.push({ file, path: `content.exportColumns.${i}.field`, code: 'view.unknown_field', message: `'${col.field}' is not a field of collection '${v.collection}'` });
  });
  return issues;
}

const isRefValue = (v: unknown, k: string): v is Record<string, string> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as Record<string, unknown>)[k] === 'string';

/** Seed files: known collection, states and fields; unique record refs; `$ref` to a seeded record; `$file` to a file of seed/files. */
async function seedIssues(
  pack: PackSource,
  collection: (key: string) => CollectionContent | undefined,
  has: (kind: PackKind, key: string) => Promise<boolean>,
): Promise<PackIssue[]> {
  const issues: PackIssue[] = [];
  const refs = new Map<string, string>();
  for (const { file, seed } of pack.seeds) {
    seed.records.forEach((r, i) => {
      if (refs.has(r.ref)) issues.push({ file, path: `records.${i}.ref`, code: 'pack.seed_duplicate_ref', message: `ref '${r.ref}' is used twice (also in ${refs.get(r.ref)})` });
      refs.set(r.ref, file);
    });
  }
  for (const { file, seed } of pack.seeds) {
    const c = collection(seed.collection);
    if (!c) {
      if (!(await has('collection', seed.collection))) issues.push({ file, path: 'collection', code: 'pack.unknown_reference', message: `collection '${seed.collection}' is neither in the pack nor installed` });
      continue;
    }
    const states = new Set((c.states ?? []).map((s) => s.key));
    for (const [i, r] of seed.records.entries()) {
      if (r.status && !states.has(r.status)) issues.push({ file, path: `records.${i}.status`, code: 'pack.seed_unknown_state', message: `'${r.status}' is not a state of '${seed.collection}'` });
      const unknownRefs: string[] = [];
      const badDurations: string[] = [];
      const missingFiles: string[] = [];
      const resolve = (v: unknown, at: string): unknown => {
        if (isRefValue(v, '$ref')) {
          if (!refs.has(v.$ref)) unknownRefs.push(at);
          return '00000000-0000-4000-8000-000000000000';
        }
        if (isRefValue(v, '$org')) return '00000000-0000-4000-8000-000000000000';
        if (isRefValue(v, '$file')) {
          if (pack.files[SEED_FILES_DIR + v.$file] === undefined) missingFiles.push(at);
          return { fileId: '00000000-0000-4000-8000-000000000000', name: v.$file };
        }
        if (isRefValue(v, '$now')) {
          try {
            return shiftIso(new Date(Date.UTC(2026, 0, 1)), v.$now);
          } catch {
            badDurations.push(at);
            return '2026-01-01T00:00:00.000Z';
          }
        }
        if (Array.isArray(v)) return v.map((x, j) => resolve(x, `${at}.${j}`));
        if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x, `${at}.${k}`)]));
        return v;
      };
      const data = resolve(r.data, `records.${i}.data`) as Record<string, unknown>;
      for (const at of unknownRefs) issues.push({ file, path: at, code: 'pack.seed_unknown_ref', message: 'No seed record has this ref' });
      for (const at of missingFiles) issues.push({ file, path: at, code: 'pack.seed_unknown_file', message: `No such file in ${SEED_FILES_DIR}` });
      for (const at of badDurations) issues.push({ file, path: at, code: 'pack.seed_bad_duration', message: '$now takes an ISO 8601 duration such as -P3D or P1M' });
      for (const p of await validateRecordData(c, data, () => Promise.resolve(true))) {
        issues.push({ file, path: `records.${i}.data.${p.path}`, code: p.code, message: p.message });
      }
    }
  }
  return issues;
}

/** Both locales carry the same keys; `def.<kind>.<key>` keys name a definition of the pack. */
function i18nIssues(pack: PackSource, byKind: Map<PackKind, Map<string, unknown>>): PackIssue[] {
  const issues: PackIssue[] = [];
  const zh = pack.i18n['zh-CN'];
  const en = pack.i18n.en;
  if (!zh && !en) return issues;
  for (const [locale, other, mine] of [['zh-CN', en, zh], ['en', zh, en]] as const) {
    if (!mine) {
      issues.push({ file: `i18n/${locale}.json`, path: '', code: 'pack.i18n_missing', message: `i18n/${locale}.json is missing (the other locale exists)` });
      continue;
    }
    for (const k of Object.keys(other ?? {})) {
      if (!(k in mine)) issues.push({ file: `i18n/${locale}.json`, path: k, code: 'pack.i18n_missing', message: `'${k}' has no ${locale} text` });
    }
    for (const k of Object.keys(mine)) {
      const m = /^def\.([a-z]+)\.(.+)$/.exec(k);
      if (m && !byKind.get(m[1] as PackKind)?.has(m[2]!)) {
        issues.push({ file: `i18n/${locale}.json`, path: k, code: 'pack.i18n_unknown_definition', message: `No ${m[1]} '${m[2]}' in the pack` });
      }
    }
  }
  return issues;
}
