import { SafeFlowError } from '@safeflow/engine/errors';
import type { CollectionContent } from '../definitions/CollectionContent';
import { escapeLike } from '../tenancy/DataScope';
import type { LedgerFilter } from '../records/LedgerQuery';
import type { DashboardWidget, RecordsSource } from './DashboardContent';
import { bucketKeyOfDay, bucketsOf, CST_MS } from './dashboardPeriod';
import { columnOf, conditionFilters, filtersSql, mergeFilters, rangeFilters, slotColumns } from './drillFilters';
import { ratePercent, type Drill, type WidgetData, type WidgetGroup } from './WidgetData';
import type { WidgetContext } from './WidgetContext';

const DAY_MS = 86_400_000;

interface GroupDef {
  key: string;
  label: { zh: string; en: string };
  orgId: string | null;
  path?: string;
  from?: number;
  to?: number;
}

/**
 * A records widget: per measure one SQL query over `record` in the caller's
 * `record.read` scope (and org subtree), on index slots only, with the
 * measure's conditions and the period on its date field — built from the
 * very ledger filters its drill-down carries, so a click opens exactly the
 * rows counted. Grouping: every org of a type in scope (zero-filled; each
 * record counts for its nearest such ancestor), an index field's values,
 * or the period's calendar buckets (zero-filled).
 */
export async function recordsWidget(ctx: WidgetContext, w: DashboardWidget, src: RecordsSource, c: CollectionContent): Promise<Omit<WidgetData, 'id' | 'type' | 'title' | 'span' | 'error'>> {
  const columns = slotColumns(c);
  const { period, now } = ctx;
  const groupBy = src.groupBy;

  let groups: GroupDef[] = [];
  if (groupBy && 'orgType' in groupBy) groups = await ctx.orgGroups(groupBy.orgType);
  if (groupBy && 'time' in groupBy) groups = bucketsOf(period, groupBy.time).map((b) => ({ key: b.key, label: { zh: b.key, en: b.key }, orgId: null, from: b.from, to: b.to }));

  const perMeasure = new Map<string, Map<string, number | null>>();
  const baseFilters = new Map<string, LedgerFilter[]>();
  // measures on the same date field share one scan: each measure's conditions become a CASE inside it
  const batches = new Map<string, string[]>();
  for (const [name, m] of Object.entries(src.measures)) {
    baseFilters.set(name, conditionFilters(m.where, columns, src.collection, now));
    const dateField = m.periodField ?? src.periodField ?? 'createdAt';
    batches.set(dateField, [...(batches.get(dateField) ?? []), name]);
  }
  for (const [dateField, names] of batches) {
    const dateCol = columnOf(columns, src.collection, dateField);
    const range = filtersSql(src.ignorePeriod ? [] : rangeFilters(dateField, period.from, period.to), columns, src.collection);
    const where = ['r.collection_key = ?', ctx.scope.sql, ...range.where];
    const params: unknown[] = [src.collection, ...ctx.scope.params, ...range.params];
    if (ctx.sub) {
      where.push("r.org_path LIKE ? ESCAPE '!'");
      params.push(escapeLike(ctx.sub.path) + '%');
    }
    let groupSql: string | undefined;
    if (groupBy && 'orgType' in groupBy) groupSql = 'r.org_id';
    else if (groupBy && 'field' in groupBy) {
      groupSql = columnOf(columns, src.collection, groupBy.field).sql;
      where.push(`${groupSql} IS NOT NULL`);
    } else if (groupBy && 'time' in groupBy) {
      groupSql = ctx.db.dialect === 'sqlite' ? `CAST((${dateCol.sql} + ${CST_MS}) / ${DAY_MS} AS INTEGER)` : `FLOOR((${dateCol.sql} + ${CST_MS}) / ${DAY_MS})`;
    }
    const select: string[] = [];
    const selectParams: unknown[] = [];
    const used = [dateCol.sql, ...(groupSql ? [groupSql] : [])];
    names.forEach((name, i) => {
      const m = src.measures[name]!;
      const merged = mergeFilters(baseFilters.get(name)!);
      const cond = filtersSql(merged, columns, src.collection);
      used.push(...merged.map((x) => columnOf(columns, src.collection, x.field).sql));
      const when = cond.where.length ? cond.where.join(' AND ') : '1=1';
      const fieldSql = m.op === 'count' ? '1' : columnOf(columns, src.collection, m.field!).sql;
      if (m.op !== 'count') used.push(fieldSql);
      select.push(`${m.op === 'count' ? 'COUNT' : 'SUM'}(CASE WHEN ${when} THEN ${fieldSql} END) AS v${i}`, `COUNT(CASE WHEN ${when} THEN ${fieldSql} END) AS n${i}`);
      selectParams.push(...cond.params, ...cond.params);
    });
    const hint = indexHint(ctx, used);
    const rows = await ctx.db.query<Record<string, unknown>>(
      `SELECT ${groupSql ?? "'all'"} AS g, ${select.join(', ')} FROM record r${hint} WHERE ${where.join(' AND ')}${groupSql ? ` GROUP BY ${groupSql}` : ''}`,
      [...selectParams, ...params],
    );
    const orgPaths = groupBy && 'orgType' in groupBy ? await ctx.orgPaths(rows.map((r) => String(r.g))) : undefined;
    const parts = names.map(() => new Map<string, { v: number; n: number }>());
    for (const r of rows) {
      let key = String(r.g);
      if (groupBy && 'orgType' in groupBy) {
        const path = orgPaths!.get(key) ?? '';
        const owner = groups.filter((g) => path.startsWith(g.path!)).sort((a, b) => b.path!.length - a.path!.length)[0];
        if (!owner) continue;
        key = owner.key;
      } else if (groupBy && 'time' in groupBy) key = bucketKeyOfDay(Number(r.g), groupBy.time);
      names.forEach((_, i) => {
        const p = parts[i]!.get(key) ?? { v: 0, n: 0 };
        p.v += r[`v${i}`] === null ? 0 : Number(r[`v${i}`]);
        p.n += Number(r[`n${i}`]);
        parts[i]!.set(key, p);
      });
    }
    names.forEach((name, i) => {
      const op = src.measures[name]!.op;
      const out = new Map<string, number | null>();
      for (const [k, p] of parts[i]!) if (p.n > 0 || op === 'count') out.set(k, op === 'avg' ? (p.n ? p.v / p.n : null) : p.v);
      perMeasure.set(name, out);
    });
  }
  if (groupBy && 'field' in groupBy) {
    const keys = new Set<string>();
    for (const m of perMeasure.values()) for (const k of m.keys()) keys.add(k);
    const declared = Object.keys(w.labels ?? {});
    const rest = [...keys].filter((k) => !declared.includes(k)).sort();
    groups = [...declared, ...rest].map((k) => ({ key: k, label: w.labels?.[k] ?? { zh: k, en: k }, orgId: null }));
  }

  const drillOf = (name: string, g: GroupDef | undefined): Drill | null => {
    const m = src.measures[name]!;
    const dateField = m.periodField ?? src.periodField ?? 'createdAt';
    const extra: LedgerFilter[] = g && groupBy && 'field' in groupBy ? [{ field: groupBy.field, op: 'eq', values: [g.key] }] : [];
    const range = src.ignorePeriod && !g?.from ? [] : rangeFilters(dateField, g?.from ?? period.from, g?.to ?? period.to);
    try {
      return { kind: 'ledger', view: src.view, orgId: g?.orgId ?? ctx.sub?.id ?? null, filters: mergeFilters([...baseFilters.get(name)!, ...range, ...extra]) };
    } catch (err) {
      // a group value the measure's own condition excludes (status = closed, grouped by status): it counts 0 and lists nothing
      if (err instanceof SafeFlowError && err.code === 'dashboard.conflicting_filters') return null;
      throw err;
    }
  };
  const valuesOf = (key: string | undefined) => {
    const values: Record<string, number | null> = {};
    for (const [name, m] of Object.entries(src.measures)) {
      const v = perMeasure.get(name)!.get(key ?? 'all');
      values[name] = v === undefined ? (m.op === 'avg' ? null : 0) : v === null ? null : Math.round(v * 100) / 100;
    }
    for (const [name, r] of Object.entries(src.rates ?? {})) values[name] = ratePercent(values[r.numerator], values[r.denominator]);
    return values;
  };
  const drillsOf = (g: GroupDef | undefined) => {
    const drill: Record<string, Drill | null> = {};
    for (const name of Object.keys(src.measures)) drill[name] = drillOf(name, g);
    for (const [name, r] of Object.entries(src.rates ?? {})) drill[name] = drillOf(r.numerator, g);
    return drill;
  };

  let out: WidgetGroup[] = groups.map((g) => ({ key: g.key, label: g.label, color: w.colors?.[g.key] ?? null, orgId: g.orgId, rank: null, values: valuesOf(g.key), drill: drillsOf(g) }));
  if (src.sort) {
    const by = src.sort.by;
    const sign = src.sort.dir === 'desc' ? -1 : 1;
    out.sort((a, b) => {
      const va = a.values[by];
      const vb = b.values[by];
      if (va === null || vb === null || va === undefined || vb === undefined) return va == null && vb == null ? 0 : va == null ? 1 : -1;
      return sign * (va - vb) || a.label.zh.localeCompare(b.label.zh);
    });
    let prev: number | null | undefined;
    out.forEach((g, i) => {
      const v = g.values[by];
      if (v === null || v === undefined) return;
      g.rank = i > 0 && v === prev ? out[i - 1]!.rank : i + 1;
      prev = v;
    });
  }
  if (src.top) out = out.slice(0, src.top);
  const series = [
    ...Object.entries(src.measures).map(([key, m]) => ({ key, title: m.title, unit: m.op === 'count' ? ('count' as const) : ('number' as const) })),
    ...Object.entries(src.rates ?? {}).map(([key, r]) => ({ key, title: r.title, unit: 'percent' as const })),
  ];
  return { series, groups: out, totals: groupBy ? { values: {}, drill: {} } : { values: valuesOf(undefined), drill: drillsOf(undefined) } };
}

/** The columns of `ix_record_org_state` (MySQL/MariaDB), by their SQL on `record r`. */
const ORG_STATE_COLUMNS = new Set(['r.org_id', 'r.status', 'r.ix_s1', 'r.created_at']);

/**
 * MySQL/MariaDB hint: when the scope is a list of orgs and every column the
 * query reads is in `(tenant, collection, org, status, ix_s1, created_at)`,
 * count from that index alone (the optimizer otherwise walks the
 * created-at index and reads every row of the period).
 */
function indexHint(ctx: WidgetContext, columns: string[]): string {
  if (ctx.db.dialect !== 'mysql' || !ctx.scope.sql.includes('r.org_id IN') || ctx.sub) return '';
  return columns.every((c) => ORG_STATE_COLUMNS.has(c)) ? ' FORCE INDEX (ix_record_org_state)' : '';
}
