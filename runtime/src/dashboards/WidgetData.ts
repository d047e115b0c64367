import { z } from 'zod';

const I18n = z.object({ zh: z.string(), en: z.string() });

/** Where a number leads: the ledger rows it counts (`GET /ledgers/:view?filter[..]&orgId`), or the occurrences / cameras it counts. */
export const Drill = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ledger'),
    view: z.string(),
    orgId: z.string().nullable(),
    filters: z.array(z.object({ field: z.string(), op: z.string(), values: z.array(z.string()) })),
  }),
  z.object({ kind: z.literal('occurrences'), query: z.record(z.string(), z.string()) }),
  z.object({ kind: z.literal('cameras'), query: z.record(z.string(), z.string()) }),
]);
export type Drill = z.infer<typeof Drill>;

/** One group (a bar, a slice, a point, a ranking row) of a widget: its values and where each leads. */
export const WidgetGroup = z.object({
  key: z.string(),
  label: I18n,
  color: z.string().nullable(),
  orgId: z.string().nullable(),
  rank: z.number().int().nullable(),
  values: z.record(z.string(), z.number().nullable()),
  drill: z.record(z.string(), Drill.nullable()),
});
export type WidgetGroup = z.infer<typeof WidgetGroup>;

/** The computed data of one widget: its series (measures, rates, columns), groups (empty when ungrouped) and totals. */
export const WidgetData = z.object({
  id: z.string(),
  type: z.string(),
  title: I18n,
  span: z.number().int(),
  series: z.array(z.object({ key: z.string(), title: I18n, unit: z.enum(['count', 'number', 'percent']) })),
  groups: z.array(WidgetGroup),
  totals: z.object({ values: z.record(z.string(), z.number().nullable()), drill: z.record(z.string(), Drill.nullable()) }),
  /** A widget whose source failed (e.g. its collection is not installed for this tenant): the reason in words; the others still show. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type WidgetData = z.infer<typeof WidgetData>;

/** `GET /api/v1/dashboards/:key` */
export const DashboardData = z.object({
  key: z.string(),
  title: I18n,
  period: z.object({ label: z.string(), from: z.number(), to: z.number() }),
  orgId: z.string().nullable(),
  widgets: z.array(WidgetData),
});
export type DashboardData = z.infer<typeof DashboardData>;

/** The rate of two counts in percent, one decimal; null when the denominator is 0. */
export function ratePercent(numerator: number | null | undefined, denominator: number | null | undefined): number | null {
  if (!denominator) return null;
  return Math.round(((numerator ?? 0) / denominator) * 1000) / 10;
}
