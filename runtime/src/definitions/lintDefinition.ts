import { CollectionContent, SYSTEM_FIELDS, slotFamily, type RecordSlot } from './CollectionContent';
import { ViewContent } from './ViewContent';
import { isDashboardContent } from '../dashboards/DashboardContent';
import { dashboardShapeIssues, lintDashboard } from '../dashboards/lintDashboard';
import { lintViewAggregate } from './lintViewAggregate';
import { ScheduleContent } from '../scheduler/ScheduleContent';
import { DefinitionStore, type DefinitionKind } from './DefinitionStore';
import { lintForm, lintRulesetContent, type PathIssue } from './engineAdapters';
import type { Queryable } from './orgContext';
import type { KnownTopics } from './process/KnownTopics';
import { lintProcess } from './process/lintProcess';

const SLOTS: Record<'s' | 'n' | 't', RecordSlot[]> = {
  s: ['ix_s1', 'ix_s2', 'ix_s3', 'ix_s4', 'ix_s5', 'ix_s6'],
  n: ['ix_n1', 'ix_n2', 'ix_n3', 'ix_n4'],
  t: ['ix_t1', 'ix_t2', 'ix_t3'],
};

/** Where a definition is being linted: its key, owner and tenant, and whether it is being published. */
export interface LintTarget {
  kind: DefinitionKind;
  key: string;
  orgPath: string;
  tenantId: string;
  phase: 'save' | 'publish';
  /** Topics served by known task types (process publish; default: the built-in workers' topics). */
  knownTopics?: KnownTopics;
}

/**
 * Lints a definition's content. On save: shape and safety (forms through the
 * engine's lintFormSchema — unsafe expressions are rejected with their path
 * — rulesets through lintRuleset, collections and views through their zod
 * schemas and internal consistency). On publish additionally the
 * cross-references (a view's collection: its columns, filters and sort must
 * be index fields, its export columns declared fields; a collection's
 * form) and the index-slot assignment of collections. Returns the issues and
 * the content to store (collections get their `slot`s on publish).
 */
export async function lintDefinition(db: Queryable, target: LintTarget, content: unknown): Promise<{ issues: PathIssue[]; content: unknown }> {
  switch (target.kind) {
    case 'form':
      return { issues: await lintFormContent(content), content };
    case 'ruleset':
      return { issues: await lintRulesetContent(content), content };
    case 'collection':
      return lintCollection(db, target, content);
    case 'view':
      return { issues: await lintView(db, target, content), content };
    case 'schedule': {
      const parsed = ScheduleContent.safeParse(content);
      return { issues: parsed.success ? [] : zodIssues(parsed.error), content };
    }
    case 'process':
      return lintProcess(db, target, content);
    default:
      return { issues: [], content };
  }
}

async function lintFormContent(content: unknown): Promise<PathIssue[]> {
  if (!content || typeof content !== 'object' || Array.isArray(content) || (content as { type?: unknown }).type !== 'object') {
    return [{ path: '', code: 'form.not_object_schema', message: 'A form is a JSON Schema of type "object"' }];
  }
  return lintForm(content);
}

function zodIssues(error: { issues: Array<{ path: PropertyKey[]; code: string; message: string }> }): PathIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message }));
}

async function lintCollection(db: Queryable, target: LintTarget, raw: unknown): Promise<{ issues: PathIssue[]; content: unknown }> {
  const parsed = CollectionContent.safeParse(raw);
  if (!parsed.success) return { issues: zodIssues(parsed.error), content: raw };
  const c = parsed.data;
  const issues: PathIssue[] = [];
  if (c.key !== target.key) issues.push({ path: 'key', code: 'collection.key_mismatch', message: `key must be '${target.key}'` });
  for (const [name, f] of Object.entries(c.fields)) {
    if (f.type === 'enum' && !f.enum) issues.push({ path: `fields.${name}.enum`, code: 'collection.enum_missing', message: 'An enum field lists its values' });
    if (name in SYSTEM_FIELDS) issues.push({ path: `fields.${name}`, code: 'collection.reserved_field', message: `'${name}' is a system field` });
  }
  const seen = new Set<string>();
  c.indexFields.forEach((ix, i) => {
    const f = c.fields[ix.field];
    if (!f) issues.push({ path: `indexFields.${i}.field`, code: 'collection.unknown_field', message: `'${ix.field}' is not a declared field` });
    else if (!slotFamily(f.type)) issues.push({ path: `indexFields.${i}.field`, code: 'collection.not_indexable', message: `A ${f.type} field cannot be indexed` });
    if (seen.has(ix.field)) issues.push({ path: `indexFields.${i}.field`, code: 'collection.duplicate_index', message: `'${ix.field}' is indexed twice` });
    seen.add(ix.field);
  });
  const states = new Set(c.states.map((s) => s.key));
  if (states.size !== c.states.length) issues.push({ path: 'states', code: 'collection.duplicate_state', message: 'State keys must be unique' });
  if (!states.has(c.initialState)) issues.push({ path: 'initialState', code: 'collection.unknown_state', message: `'${c.initialState}' is not a state` });
  c.transitions.forEach((t, i) => {
    if (!states.has(t.from)) issues.push({ path: `transitions.${i}.from`, code: 'collection.unknown_state', message: `'${t.from}' is not a state` });
    if (!states.has(t.to)) issues.push({ path: `transitions.${i}.to`, code: 'collection.unknown_state', message: `'${t.to}' is not a state` });
  });
  if (issues.length || target.phase === 'save') return { issues, content: c };

  if (c.formKey) {
    const form = await DefinitionStore.nearest(db, 'form', c.formKey, target.orgPath);
    if (!form?.publishedVersion) issues.push({ path: 'formKey', code: 'collection.unknown_form', message: `Form '${c.formKey}' has no published version here` });
  }
  const assigned = await assignSlots(db, target, c);
  return { issues: [...issues, ...assigned.issues], content: assigned.content };
}

/**
 * Maps index fields to slot columns, stable across versions and variants:
 * a field keeps the slot any published version of this collection key in
 * the tenant gave it, and slots once used are never given to another field.
 */
async function assignSlots(db: Queryable, target: LintTarget, c: CollectionContent): Promise<{ issues: PathIssue[]; content: CollectionContent }> {
  const rows = await db.query<{ content: string }>(
    `SELECT v.content FROM definition_version v JOIN definition d ON d.id = v.definition_id
     WHERE d.kind = 'collection' AND d.def_key = ? AND d.tenant_id = ? AND v.status <> 'draft'`,
    [target.key, target.tenantId],
  );
  const known = new Map<string, RecordSlot>();
  const used = new Set<RecordSlot>();
  for (const r of rows) {
    const prev = JSON.parse(r.content) as CollectionContent;
    for (const ix of prev.indexFields) {
      if (!ix.slot) continue;
      used.add(ix.slot);
      const fam = slotFamily(c.fields[ix.field]?.type ?? 'json');
      if (fam && ix.slot.startsWith(`ix_${fam}`)) known.set(ix.field, ix.slot);
    }
  }
  const issues: PathIssue[] = [];
  const indexFields = c.indexFields.map((ix, i) => {
    const fam = slotFamily(c.fields[ix.field]!.type)!;
    let slot = known.get(ix.field);
    if (!slot) {
      slot = SLOTS[fam].find((s) => !used.has(s));
      if (!slot) {
        issues.push({ path: `indexFields.${i}`, code: 'collection.no_free_slot', message: `No free index slot of kind '${fam}' left for '${ix.field}'` });
        return { field: ix.field };
      }
      used.add(slot);
    }
    return { field: ix.field, slot };
  });
  return { issues, content: { ...c, indexFields } };
}

async function lintView(db: Queryable, target: LintTarget, raw: unknown): Promise<PathIssue[]> {
  if (isDashboardContent(raw)) return lintDashboardView(db, target, raw);
  const parsed = ViewContent.safeParse(raw);
  if (!parsed.success) return zodIssues(parsed.error);
  const v = parsed.data;
  const issues: PathIssue[] = [];
  if (v.key !== target.key) issues.push({ path: 'key', code: 'view.key_mismatch', message: `key must be '${target.key}'` });
  if (issues.length || target.phase === 'save') return issues;
  const col = await DefinitionStore.nearest(db, 'collection', v.collection, target.orgPath);
  const cv = col?.publishedVersion ? await DefinitionStore.version(db, col.id, col.publishedVersion) : undefined;
  if (!cv) return [{ path: 'collection', code: 'view.unknown_collection', message: `Collection '${v.collection}' has no published version here` }];
  const c = cv.content as CollectionContent;
  const indexed = new Set(c.indexFields.map((ix) => ix.field));
  const isIndexed = (f: string) => indexed.has(f) || f in SYSTEM_FIELDS;
  const isField = (f: string) => f in c.fields || f in SYSTEM_FIELDS;
  v.filters.forEach((f, i) => {
    if (!isIndexed(f.field)) issues.push({ path: `filters.${i}.field`, code: 'view.not_indexed', message: `'${f.field}' is not an index field of '${v.collection}'` });
  });
  if (v.aggregate) return [...issues, ...(await lintViewAggregate(db, target.orgPath, v))];
  if (!isIndexed(v.defaultSort.field)) issues.push({ path: 'defaultSort.field', code: 'view.not_indexed', message: `'${v.defaultSort.field}' is not an index field of '${v.collection}'` });
  v.columns.forEach((col, i) => {
    if (!isIndexed(col.field)) issues.push({ path: `columns.${i}.field`, code: 'view.not_indexed', message: `'${col.field}' is not an index field of '${v.collection}'` });
  });
  v.exportColumns.forEach((col, i) => {
    if (!isField(col.field)) issues.push({ path: `exportColumns.${i}.field`, code: 'view.unknown_field', message: `'${col.field}' is not a field of '${v.collection}'` });
  });
  return issues;
}

/** A view of `type: "dashboard"` (runtime/src/dashboards): its shape on save, its references on publish. */
async function lintDashboardView(db: Queryable, target: LintTarget, raw: unknown): Promise<PathIssue[]> {
  const { issues, content } = dashboardShapeIssues(raw);
  if (!content) return issues;
  if (content.key !== target.key) return [{ path: 'key', code: 'view.key_mismatch', message: `key must be '${target.key}'` }];
  if (target.phase === 'save') return [];
  return lintDashboard(db, target.orgPath, content);
}
