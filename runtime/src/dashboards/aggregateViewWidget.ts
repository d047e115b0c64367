import { resolvePublishedForCaller } from '../definitions/resolveForCaller';
import type { CollectionContent } from '../definitions/CollectionContent';
import type { ViewContent } from '../definitions/ViewContent';
import type { LedgerFilter } from '../records/LedgerQuery';
import type { AggregateService } from '../records/AggregateService';
import type { AggregateViewSource, DashboardWidget } from './DashboardContent';
import { conditionFilters, mergeFilters, rangeFilters, slotColumns } from './drillFilters';
import type { Drill, WidgetData } from './WidgetData';
import type { WidgetContext } from './WidgetContext';

const DAY_MS = 86_400_000;

/**
 * An aggregate view (rankings, compliance lists) as a widget: the groups of
 * `GET /ledgers/:view/aggregate` for the period and subtree, the chosen
 * columns; a measure named in `drill` leads to that ledger filtered by the
 * measure's conditions, its period (or look-back window) and the group.
 */
export async function aggregateViewWidget(ctx: WidgetContext, aggregates: AggregateService, w: DashboardWidget, src: AggregateViewSource): Promise<Omit<WidgetData, 'id' | 'type' | 'title' | 'span' | 'error'>> {
  const result = await aggregates.aggregate(ctx.auth, src.view, { from: ctx.period.from, to: ctx.period.to, orgId: ctx.sub?.id });
  const view = (await resolvePublishedForCaller(ctx.db, ctx.auth, 'view', src.view, 'record.read', ctx.sub?.id)).version.content as ViewContent;
  const agg = view.aggregate!;
  const base = new Map<string, { filters: LedgerFilter[]; groupField?: string }>();
  for (const measureName of Object.keys(src.drill ?? {})) {
    const m = agg.measures[measureName];
    if (!m || (m.op !== 'count' && m.op !== 'sum')) continue;
    const collection = m.collection ?? view.collection;
    const c = (await resolvePublishedForCaller(ctx.db, ctx.auth, 'collection', collection, 'record.read', ctx.sub?.id)).version.content as CollectionContent;
    const columns = slotColumns(c);
    const dateField = m.periodField ?? 'createdAt';
    const from = m.lookbackDays !== undefined ? ctx.period.to - m.lookbackDays * DAY_MS : ctx.period.from;
    const filters = [...conditionFilters(m.where, columns, collection, ctx.now), ...rangeFilters(dateField, from, ctx.period.to)];
    base.set(measureName, { filters, groupField: 'field' in agg.groupBy ? (m.groupField ?? agg.groupBy.field) : undefined });
  }
  let groups = result.groups.map((g) => {
    const values: Record<string, number | null> = {};
    const drill: Record<string, Drill | null> = {};
    for (const col of src.columns) {
      const v = col.field in g.outputs ? g.outputs[col.field] : g.measures[col.field];
      values[col.field] = typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : null;
      const b = base.get(col.field);
      drill[col.field] = b
        ? {
            kind: 'ledger',
            view: src.drill![col.field]!,
            orgId: g.orgId ?? ctx.sub?.id ?? null,
            filters: mergeFilters([...b.filters, ...(b.groupField ? [{ field: b.groupField, op: 'eq' as const, values: [g.groupKey] }] : [])]),
          }
        : null;
    }
    return { key: g.groupKey, label: { zh: g.groupName, en: g.groupName }, color: w.colors?.[g.groupKey] ?? null, orgId: g.orgId, rank: g.rank, values, drill };
  });
  if (src.top) groups = groups.slice(0, src.top);
  return { series: src.columns.map((c) => ({ key: c.field, title: c.title, unit: 'number' as const })), groups, totals: { values: {}, drill: {} } };
}
