import { SYSTEM_FIELDS, type CollectionContent } from './CollectionContent';
import { DefinitionStore } from './DefinitionStore';
import type { PathIssue } from './engineAdapters';
import type { Queryable } from './orgContext';
import type { ViewContent } from './ViewContent';

/** Columns every aggregate view may show besides its measures and ruleset outputs. */
export const AGGREGATE_GROUP_COLUMNS = ['groupKey', 'groupName', 'rank'] as const;

/**
 * Where {@link viewAggregateIssues} looks definitions up: a collection's
 * content (`'unchecked'` when it exists but its fields cannot be seen, e.g.
 * installed outside a pack being validated), a ruleset's output names
 * (`'unchecked'` likewise); `undefined` when there is none.
 */
export interface AggregateLookup {
  collection(key: string): Promise<CollectionContent | 'unchecked' | undefined>;
  rulesetOutputs(key: string, version?: number): Promise<string[] | 'unchecked' | undefined>;
}

/**
 * The checks of a view's `aggregate` block: every measure's collection
 * exists (unless the measure is `optional`); `field`, `where`,
 * `periodField` and `groupField` name index fields (or system fields) of
 * it, `sum`/`avg` a number field, relative times date fields; the ruleset
 * exists; columns, sort, export columns and `rankBy` name a measure, a
 * ruleset output or a group column.
 */
export async function viewAggregateIssues(v: ViewContent, lookup: AggregateLookup): Promise<PathIssue[]> {
  const agg = v.aggregate!;
  const issues: PathIssue[] = [];
  for (const [name, m] of Object.entries(agg.measures)) {
    const at = `aggregate.measures.${name}`;
    const key = m.collection ?? v.collection;
    const c = await lookup.collection(key);
    if (!c) {
      if (!m.optional) issues.push({ path: `${at}.collection`, code: 'view.unknown_collection', message: `Collection '${key}' has no published version here (mark the measure optional to count 0 without it)` });
      continue;
    }
    if (c === 'unchecked') continue;
    const indexed = (f: string) => f in SYSTEM_FIELDS || c.indexFields.some((ix) => ix.field === f);
    const notIndexed = (path: string, f: string) => issues.push({ path, code: 'view.not_indexed', message: `'${f}' is not an index field of '${key}'` });
    if (m.op !== 'count') {
      if (!m.field) issues.push({ path: `${at}.field`, code: 'view.measure_field_missing', message: `A '${m.op}' measure names a field` });
      else if (!indexed(m.field)) notIndexed(`${at}.field`, m.field);
      else if ((m.op === 'sum' || m.op === 'avg') && !['number', 'boolean'].includes(c.fields[m.field]?.type ?? '')) {
        issues.push({ path: `${at}.field`, code: 'view.measure_not_numeric', message: `'${m.field}' is not a number field` });
      }
    }
    (m.where ?? []).forEach((w, i) => {
      if (!indexed(w.field)) notIndexed(`${at}.where.${i}.field`, w.field);
      else if (typeof w.value === 'object' && !Array.isArray(w.value) && !['createdAt', 'updatedAt'].includes(w.field) && c.fields[w.field]?.type !== 'date') {
        issues.push({ path: `${at}.where.${i}.value`, code: 'view.relative_time_not_date', message: `nowPlusDays compares dates; '${w.field}' is not a date field` });
      }
    });
    if (m.periodField && !indexed(m.periodField)) notIndexed(`${at}.periodField`, m.periodField);
    else if (m.periodField && !(m.periodField in SYSTEM_FIELDS) && c.fields[m.periodField]?.type !== 'date') {
      issues.push({ path: `${at}.periodField`, code: 'view.period_not_date', message: `'${m.periodField}' is not a date field` });
    }
    const gf = m.groupField ?? ('field' in agg.groupBy ? agg.groupBy.field : undefined);
    if (gf && !indexed(gf)) notIndexed(`${at}.groupField`, gf);
  }
  const known = new Set<string>([...Object.keys(agg.measures), ...AGGREGATE_GROUP_COLUMNS]);
  let columnsChecked = true;
  if (agg.ruleset) {
    const outputs = await lookup.rulesetOutputs(agg.ruleset.key, agg.ruleset.version);
    if (!outputs) issues.push({ path: 'aggregate.ruleset', code: 'view.unknown_ruleset', message: `Ruleset '${agg.ruleset.key}' has no such published version here` });
    else if (outputs === 'unchecked') columnsChecked = false;
    else for (const o of outputs) known.add(o);
  }
  if (!columnsChecked) return issues;
  const check = (path: string, f: string) => {
    if (!known.has(f)) issues.push({ path, code: 'view.unknown_aggregate_column', message: `'${f}' is not a measure, ruleset output or ${AGGREGATE_GROUP_COLUMNS.join('/')}` });
  };
  v.columns.forEach((c, i) => check(`columns.${i}.field`, c.field));
  v.exportColumns.forEach((c, i) => check(`exportColumns.${i}.field`, c.field));
  check('defaultSort.field', v.defaultSort.field);
  if (agg.rankBy) check('aggregate.rankBy.field', agg.rankBy.field);
  return issues;
}

/** Publish-time {@link viewAggregateIssues} against the definitions published for `orgPath`. */
export async function lintViewAggregate(db: Queryable, orgPath: string, v: ViewContent): Promise<PathIssue[]> {
  return viewAggregateIssues(v, {
    async collection(key) {
      const d = await DefinitionStore.nearest(db, 'collection', key, orgPath);
      const ver = d?.publishedVersion ? await DefinitionStore.version(db, d.id, d.publishedVersion) : undefined;
      return ver?.content as CollectionContent | undefined;
    },
    async rulesetOutputs(key, version) {
      const r = await DefinitionStore.nearest(db, 'ruleset', key, orgPath);
      const rv = r?.publishedVersion ? await DefinitionStore.version(db, r.id, version ?? r.publishedVersion) : undefined;
      if (!rv || rv.status === 'draft') return undefined;
      return Object.keys((rv.content as { outputs?: object }).outputs ?? {});
    },
  });
}
