import { z } from 'zod';
import { I18nText } from '../definitions/CollectionContent';
import { AggregateCondition } from '../definitions/ViewAggregate';

const field = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be a field name');
const viewKey = field;

/** Time buckets a time series groups by (calendar buckets in Beijing time; weeks start on Monday). */
export const TimeBucket = z.enum(['day', 'week', 'month', 'quarter']);
export type TimeBucket = z.infer<typeof TimeBucket>;

/** One measure of a records source: `count` of records, or `sum` / `avg` of a number index field, restricted by `where`. */
export const DashboardMeasure = z.strictObject({
  op: z.enum(['count', 'sum', 'avg']),
  field: field.optional(),
  where: z.array(AggregateCondition).max(20).optional(),
  /** The date field the request's period applies to for this measure (default: the source's `periodField`). */
  periodField: field.optional(),
  title: I18nText,
});
export type DashboardMeasure = z.infer<typeof DashboardMeasure>;

/** A percentage of two count measures of the same source (`numerator / denominator × 100`, one decimal; `null` when the denominator is 0). */
export const DashboardRate = z.strictObject({ numerator: field, denominator: field, title: I18nText });
export type DashboardRate = z.infer<typeof DashboardRate>;

/**
 * Records of one collection, measured (and optionally grouped by an org
 * type, an index field or a time bucket of a date field) inside the
 * caller's scope and the request's period; `view` is the ledger each number
 * drills down to (a plain view over the same collection).
 */
export const RecordsSource = z.strictObject({
  kind: z.literal('records'),
  collection: field,
  view: viewKey,
  /** Date field the period applies to (an index date field, createdAt or updatedAt; default createdAt). */
  periodField: field.optional(),
  /** Count the current state regardless of the period (risk points in force, open hazards): no period filter. */
  ignorePeriod: z.boolean().optional(),
  groupBy: z
    .union([
      z.strictObject({ orgType: z.string().min(1).max(64) }),
      z.strictObject({ field }),
      /** Buckets of each measure's period field (a series over time: found by createdAt, closed by acceptedAt, ...). */
      z.strictObject({ time: TimeBucket }),
    ])
    .optional(),
  measures: z.record(field, DashboardMeasure).refine((m) => Object.keys(m).length >= 1 && Object.keys(m).length <= 8, '1–8 measures'),
  rates: z.record(field, DashboardRate).optional(),
  /** Group order (by a measure or rate; default: org name / field value / time). */
  sort: z.strictObject({ by: field, dir: z.enum(['asc', 'desc']) }).optional(),
  /** Keep the first N groups after sorting (rankings). */
  top: z.number().int().min(1).max(100).optional(),
});
export type RecordsSource = z.infer<typeof RecordsSource>;

/**
 * An aggregate view (`view.aggregate`: duty rankings, training and drill
 * compliance), computed as `GET /ledgers/:view/aggregate` does; `columns`
 * name the measures / ruleset outputs shown; `drill` maps a measure to the
 * ledger its counts open (its `where` and period become the filters).
 */
export const AggregateViewSource = z.strictObject({
  kind: z.literal('aggregateView'),
  view: viewKey,
  columns: z.array(z.strictObject({ field, title: I18nText })).min(1).max(8),
  drill: z.record(field, viewKey).optional(),
  top: z.number().int().min(1).max(100).optional(),
});
export type AggregateViewSource = z.infer<typeof AggregateViewSource>;

/** Occurrences of schedules (inspection rounds) whose target is in scope, by state (`done`, `late`, `missed` = 漏检 ...), in the period. */
export const OccurrencesSource = z.strictObject({
  kind: z.literal('schedule-occurrences'),
  /** Only these schedule keys (default: every schedule). */
  schedules: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,127}$/)).max(20).optional(),
});
export type OccurrencesSource = z.infer<typeof OccurrencesSource>;

/** Cameras in scope by their latest health status (ok / fault / unknown: never checked). */
export const CameraHealthSource = z.strictObject({ kind: z.literal('camera-health') });

export const WidgetSource = z.discriminatedUnion('kind', [RecordsSource, AggregateViewSource, OccurrencesSource, CameraHealthSource]);
export type WidgetSource = z.infer<typeof WidgetSource>;

/** One widget of a dashboard: how it is drawn and where its numbers come from. */
export const DashboardWidget = z.strictObject({
  id: field,
  type: z.enum(['kpi', 'line', 'bar', 'pie', 'donut', 'ranking', 'gauge']),
  title: I18nText,
  /** Columns of the 4-column desktop grid it spans (phones: always one column). */
  span: z.number().int().min(1).max(4).optional(),
  source: WidgetSource,
  /** Labels of group values (enum values of a grouped field: `{ "0": { zh: "一般", en: "General" } }`). */
  labels: z.record(z.string().max(191), I18nText).optional(),
  /** Colours of group values (`#rrggbb`), e.g. the risk colours. */
  colors: z.record(z.string().max(191), z.string().regex(/^#[0-9a-fA-F]{6}$/)).optional(),
});
export type DashboardWidget = z.infer<typeof DashboardWidget>;

/**
 * Content of a dashboard: a `view` definition with `type: "dashboard"` —
 * widgets over the records (and schedule occurrences, camera health) in the
 * caller's scope, computed by `GET /api/v1/dashboards/:key?orgId&period`.
 */
export const DashboardContent = z
  .strictObject({
    key: field,
    type: z.literal('dashboard'),
    title: I18nText,
    /** Whom the dashboard is for: listed (`GET /dashboards`) to callers with a membership at an org of these types (absent: everyone). Anyone in scope may still open it. */
    audience: z.strictObject({ orgTypes: z.array(z.string().min(1).max(64)).min(1).max(20) }).optional(),
    /** Period when the request names none. */
    defaultPeriod: z.enum(['month', 'quarter', 'year', 'last12Months']).optional(),
    widgets: z.array(DashboardWidget).min(1).max(40),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    d.widgets.forEach((w, i) => {
      if (seen.has(w.id)) ctx.addIssue({ code: 'custom', path: ['widgets', i, 'id'], message: `widget id '${w.id}' is used twice` });
      seen.add(w.id);
    });
  });
export type DashboardContent = z.infer<typeof DashboardContent>;

/** True when a view definition's content declares a dashboard. */
export function isDashboardContent(raw: unknown): boolean {
  return !!raw && typeof raw === 'object' && (raw as { type?: unknown }).type === 'dashboard';
}
