import { SYSTEM_FIELDS, type CollectionContent } from './CollectionContent';
import { DefinitionStore } from './DefinitionStore';
import type { PathIssue } from './engineAdapters';
import type { Queryable } from './orgContext';
import type { ViewContent } from './ViewContent';

/** Columns every aggregate view may show besides its measures and ruleset outputs. */
export const AGGREGATE_GROUP_COLUMNS = ['groupKey', 'groupName', 'rank'] as const;

/**
 * Publish-time checks of a view's `aggregate` block: every measure's
 * collection is published here; `field`, `where`, `periodField` and
 * `groupField` name index fields (or system fields) of it, `sum`/`avg` a
 * number field; the ruleset is published; columns, sort, export columns and
 * `rankBy` name a measure, a ruleset output or a group column.
 */
export async function lintViewAggregate(db: Queryable, orgPath: string, v: ViewContent): Promise<PathIssue[]> {
  const agg = v.aggregate!;
  const issues: PathIssue[] = [];
  const collections = new Map<string, CollectionContent | undefined>();
  const load = async (key: string) => {
    if (!collections.has(key)) {
      const d = await DefinitionStore.nearest(db, 'collection', key, orgPath);
      const ver = d?.publishedVersion ? await DefinitionStore.version(db, d.id, d.publishedVersion) : undefined;
      collections.set(key, ver?.content as CollectionContent | undefined);
    }
    return collections.get(key);
  };
  for (const [name, m] of Object.entries(agg.measures)) {
    const at = `aggregate.measures.${name}`;
    const key = m.collection ?? v.collection;
    const c = await load(key);
    if (!c) {
      issues.push({ path: `${at}.collection`, code: 'view.unknown_collection', message: `Collection '${key}' has no published version here` });
      continue;
    }
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
    if (m.periodField && !(m.periodField in SYSTEM_FIELDS) && c.fields[m.periodField]?.type !== 'date') {
      issues.push({ path: `${at}.periodField`, code: 'view.period_not_date', message: `'${m.periodField}' is not a date field` });
    }
    const gf = m.groupField ?? ('field' in agg.groupBy ? agg.groupBy.field : undefined);
    if (gf && !indexed(gf)) notIndexed(`${at}.groupField`, gf);
  }
  const known = new Set<string>([...Object.keys(agg.measures), ...AGGREGATE_GROUP_COLUMNS]);
  if (agg.ruleset) {
    const r = await DefinitionStore.nearest(db, 'ruleset', agg.ruleset.key, orgPath);
    const rv = r?.publishedVersion ? await DefinitionStore.version(db, r.id, agg.ruleset.version ?? r.publishedVersion) : undefined;
    if (!rv || rv.status === 'draft') issues.push({ path: 'aggregate.ruleset', code: 'view.unknown_ruleset', message: `Ruleset '${agg.ruleset.key}' has no such published version here` });
    else for (const o of Object.keys((rv.content as { outputs?: object }).outputs ?? {})) known.add(o);
  }
  const check = (path: string, f: string) => {
    if (!known.has(f)) issues.push({ path, code: 'view.unknown_aggregate_column', message: `'${f}' is not a measure, ruleset output or ${AGGREGATE_GROUP_COLUMNS.join('/')}` });
  };
  v.columns.forEach((c, i) => check(`columns.${i}.field`, c.field));
  v.exportColumns.forEach((c, i) => check(`exportColumns.${i}.field`, c.field));
  check('defaultSort.field', v.defaultSort.field);
  if (agg.rankBy) check('aggregate.rankBy.field', agg.rankBy.field);
  return issues;
}
