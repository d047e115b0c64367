import { z } from 'zod';

const field = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be a field name');
const literal = z.union([z.string().max(191), z.number().refine(Number.isFinite, 'a finite number'), z.boolean()]);

/** A time relative to the server clock at request time: now plus (or minus) this many days. */
export const RelativeTime = z.strictObject({ nowPlusDays: z.number().min(-36_500).max(36_500) });

/**
 * One condition of a measure: an index field (or a system field) compared
 * with a literal (`in`: a list) or, for date fields, a time relative to now
 * (`{ "nowPlusDays": 30 }`: expiring within 30 days; `0`: already past).
 */
export const AggregateCondition = z.strictObject({
  field,
  op: z.enum(['eq', 'ne', 'in', 'gt', 'gte', 'lt', 'lte']),
  value: z.union([literal, z.array(literal).min(1).max(100), RelativeTime]),
});
export type AggregateCondition = z.infer<typeof AggregateCondition>;

/**
 * One measure of an aggregate view: `count` of records, or `sum` / `avg` /
 * `min` / `max` of an index field, over `collection` (default: the view's),
 * restricted by `where` (index and system fields only) and by the request's
 * period on `periodField` (a date index field or createdAt / updatedAt;
 * default createdAt) — or, with `lookbackDays`, the days before the
 * request's `to` (default now), whatever `from` says ("in the last 12
 * months"). `groupField` overrides the view's `groupBy.field` for
 * this collection (field grouping only).
 */
export const AggregateMeasure = z.strictObject({
  collection: field.optional(),
  op: z.enum(['count', 'sum', 'avg', 'min', 'max']),
  field: field.optional(),
  where: z.array(AggregateCondition).max(20).optional(),
  periodField: field.optional(),
  lookbackDays: z.number().int().min(1).max(36_500).optional(),
  groupField: field.optional(),
  /** Count 0 when the collection is not installed (a module the tenant may not have) instead of refusing the view. */
  optional: z.boolean().optional(),
  title: z.strictObject({ zh: z.string().min(1).max(200), en: z.string().min(1).max(200) }).optional(),
});
export type AggregateMeasure = z.infer<typeof AggregateMeasure>;

/**
 * The `aggregate` block of a view: records grouped by an org type (each
 * record counts for its own org or nearest ancestor of that type; every org
 * of the type in the caller's scope is a group, zero-filled) or by an index
 * field; measures per group; optionally a published ruleset evaluated per
 * group (facts = the measures, the group org's `info` values and `groupKey`,
 * each only when the ruleset declares it) and a ranking by a measure or a
 * ruleset output.
 */
export const ViewAggregate = z.strictObject({
  groupBy: z.union([z.strictObject({ orgType: z.string().min(1).max(64) }), z.strictObject({ field })]),
  measures: z.record(field, AggregateMeasure).refine((m) => Object.keys(m).length >= 1 && Object.keys(m).length <= 40, '1–40 measures'),
  ruleset: z.strictObject({ key: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,127}$/), version: z.number().int().positive().optional() }).optional(),
  rankBy: z.strictObject({ field, dir: z.enum(['asc', 'desc']) }).optional(),
});
export type ViewAggregate = z.infer<typeof ViewAggregate>;
