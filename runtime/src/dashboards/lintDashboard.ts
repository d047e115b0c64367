import { SYSTEM_FIELDS, type CollectionContent } from '../definitions/CollectionContent';
import { DefinitionStore } from '../definitions/DefinitionStore';
import type { PathIssue } from '../definitions/engineAdapters';
import type { Queryable } from '../definitions/orgContext';
import type { ViewContent } from '../definitions/ViewContent';
import { DashboardContent, type RecordsSource } from './DashboardContent';

/** Where {@link dashboardIssues} looks definitions up (`'unchecked'`: exists, but its content cannot be seen here). */
export interface DashboardLookup {
  collection(key: string): Promise<CollectionContent | 'unchecked' | undefined>;
  view(key: string): Promise<Record<string, unknown> | 'unchecked' | undefined>;
}

/** Zod issues of a dashboard's content as path issues (`dashboard.invalid`). */
export function dashboardShapeIssues(raw: unknown): { issues: PathIssue[]; content?: DashboardContent } {
  const parsed = DashboardContent.safeParse(raw);
  if (parsed.success) return { issues: [], content: parsed.data };
  return { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: 'dashboard.invalid', message: i.message })) };
}

/**
 * The reference checks of a dashboard: a records source names a collection
 * and index (or system) fields of it — `sum`/`avg` on number fields, period
 * fields that are dates, no grouping by a date field (use a time bucket) —
 * and a drill-down ledger that is a plain view over the same collection;
 * rates and sorts name its measures; an aggregate-view source names a view
 * with an `aggregate` block, drill-downs name its count measures and plain
 * views over their collections.
 */
export async function dashboardIssues(d: DashboardContent, lookup: DashboardLookup): Promise<PathIssue[]> {
  const issues: PathIssue[] = [];
  for (const [i, w] of d.widgets.entries()) {
    const at = `widgets.${i}.source`;
    const src = w.source;
    if (src.kind === 'records') issues.push(...(await recordsIssues(at, src, lookup)));
    if (src.kind === 'records' && src.ignorePeriod && src.groupBy && 'time' in src.groupBy) {
      issues.push({ path: `${at}.ignorePeriod`, code: 'dashboard.time_without_period', message: 'A time series needs the period' });
    }
    if (src.kind === 'aggregateView') {
      const v = await lookup.view(src.view);
      if (!v) {
        issues.push({ path: `${at}.view`, code: 'dashboard.unknown_view', message: `View '${src.view}' has no published version here` });
        continue;
      }
      if (v === 'unchecked') continue;
      const agg = (v as unknown as ViewContent).aggregate;
      if (!agg) {
        issues.push({ path: `${at}.view`, code: 'dashboard.not_aggregate', message: `View '${src.view}' has no aggregate block` });
        continue;
      }
      for (const [measure, ledger] of Object.entries(src.drill ?? {})) {
        const m = agg.measures[measure];
        if (!m || (m.op !== 'count' && m.op !== 'sum')) {
          issues.push({ path: `${at}.drill.${measure}`, code: 'dashboard.drill_not_count', message: `'${measure}' is not a count or sum measure of '${src.view}'` });
          continue;
        }
        issues.push(...(await ledgerIssues(`${at}.drill.${measure}`, ledger, m.collection ?? (v.collection as string), lookup)));
      }
    }
  }
  return issues;
}

async function ledgerIssues(path: string, key: string, collection: string, lookup: DashboardLookup): Promise<PathIssue[]> {
  const v = await lookup.view(key);
  if (!v) return [{ path, code: 'dashboard.unknown_view', message: `View '${key}' has no published version here` }];
  if (v === 'unchecked') return [];
  if (v.type === 'dashboard' || v.aggregate !== undefined || v.collection !== collection) {
    return [{ path, code: 'dashboard.drill_not_ledger', message: `View '${key}' is not a ledger over '${collection}'` }];
  }
  return [];
}

async function recordsIssues(at: string, src: RecordsSource, lookup: DashboardLookup): Promise<PathIssue[]> {
  const c = await lookup.collection(src.collection);
  if (!c) return [{ path: `${at}.collection`, code: 'dashboard.unknown_collection', message: `Collection '${src.collection}' has no published version here` }];
  const issues = await ledgerIssues(`${at}.view`, src.view, src.collection, lookup);
  if (c === 'unchecked') return issues;
  const typeOf = (f: string) => (f === 'createdAt' || f === 'updatedAt' ? 'date' : f in SYSTEM_FIELDS ? 'string' : c.fields[f]?.type);
  const indexed = (f: string) => f in SYSTEM_FIELDS || c.indexFields.some((ix) => ix.field === f);
  const check = (path: string, f: string, want?: 'date' | 'number') => {
    if (!indexed(f)) issues.push({ path, code: 'dashboard.not_indexed', message: `'${f}' is not an index field of '${src.collection}'` });
    else if (want === 'date' && typeOf(f) !== 'date') issues.push({ path, code: 'dashboard.not_date', message: `'${f}' is not a date field` });
    else if (want === 'number' && !['number', 'boolean'].includes(typeOf(f) ?? '')) issues.push({ path, code: 'dashboard.not_numeric', message: `'${f}' is not a number field` });
  };
  if (src.periodField) check(`${at}.periodField`, src.periodField, 'date');
  if (src.groupBy && 'field' in src.groupBy) {
    check(`${at}.groupBy.field`, src.groupBy.field);
    if (typeOf(src.groupBy.field) === 'date') issues.push({ path: `${at}.groupBy.field`, code: 'dashboard.group_by_date', message: `Group '${src.groupBy.field}' by a time bucket ({ "time": "month" }) instead` });
  }
  for (const [name, m] of Object.entries(src.measures)) {
    const mp = `${at}.measures.${name}`;
    if (m.op !== 'count') {
      if (!m.field) issues.push({ path: `${mp}.field`, code: 'dashboard.measure_field_missing', message: `A '${m.op}' measure names a field` });
      else check(`${mp}.field`, m.field, 'number');
    }
    if (m.periodField) check(`${mp}.periodField`, m.periodField, 'date');
    (m.where ?? []).forEach((w, j) => {
      check(`${mp}.where.${j}.field`, w.field);
      if (typeof w.value === 'object' && !Array.isArray(w.value) && typeOf(w.field) !== 'date') {
        issues.push({ path: `${mp}.where.${j}.value`, code: 'dashboard.not_date', message: `nowPlusDays compares dates; '${w.field}' is not a date field` });
      }
    });
  }
  const names = new Set([...Object.keys(src.measures), ...Object.keys(src.rates ?? {})]);
  for (const [name, r] of Object.entries(src.rates ?? {})) {
    for (const part of ['numerator', 'denominator'] as const) {
      const m = src.measures[r[part]];
      if (!m || m.op !== 'count') issues.push({ path: `${at}.rates.${name}.${part}`, code: 'dashboard.unknown_measure', message: `'${r[part]}' is not a count measure of this widget` });
    }
  }
  if (src.sort && !names.has(src.sort.by)) issues.push({ path: `${at}.sort.by`, code: 'dashboard.unknown_measure', message: `'${src.sort.by}' is not a measure or rate of this widget` });
  return issues;
}

/** Publish-time checks of a dashboard against the definitions published for `orgPath`. */
export async function lintDashboard(db: Queryable, orgPath: string, d: DashboardContent): Promise<PathIssue[]> {
  const published = async (kind: 'collection' | 'view', key: string) => {
    const def = await DefinitionStore.nearest(db, kind, key, orgPath);
    const ver = def?.publishedVersion ? await DefinitionStore.version(db, def.id, def.publishedVersion) : undefined;
    return ver?.content;
  };
  return dashboardIssues(d, {
    collection: async (key) => (await published('collection', key)) as CollectionContent | undefined,
    view: async (key) => (await published('view', key)) as Record<string, unknown> | undefined,
  });
}
