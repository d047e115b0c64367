import { z } from 'zod';
import { I18nText } from './CollectionContent';
import { ViewAggregate } from './ViewAggregate';
import { ViewReminder } from './ViewReminder';

/** Filter operators a ledger understands. */
export const FilterOp = z.enum(['eq', 'ne', 'in', 'gt', 'gte', 'lt', 'lte', 'prefix']);
export type FilterOp = z.infer<typeof FilterOp>;

const field = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be a field name');
/** A column: the field, its title, and optionally its width in pixels (the Studio's views editor sets it). */
const column = z.strictObject({ field, title: I18nText, width: z.number().int().min(40).max(800).optional() });

/**
 * Content of a `view` definition: a ledger over one collection — its
 * columns, the filters it offers, its default sort and the columns of its
 * Excel/CSV export. Every field must be a declared index field of the
 * collection (or a system field: status, createdAt, updatedAt, orgId), so
 * every ledger query hits an index.
 */
export const ViewContent = z.strictObject({
  key: field,
  collection: field,
  columns: z.array(column).min(1),
  filters: z.array(z.strictObject({ field, op: FilterOp })),
  defaultSort: z.strictObject({ field, dir: z.enum(['asc', 'desc']) }),
  exportColumns: z.array(column),
  /** Grouped measures (rankings, compliance lists): see {@link ViewAggregate}; served by `GET /ledgers/:viewKey/aggregate`. */
  aggregate: ViewAggregate.optional(),
  /** Expiry reminders pushed to people as notifications: see {@link ViewReminder}. */
  reminders: z.array(ViewReminder).max(10).optional(),
});
export type ViewContent = z.infer<typeof ViewContent>;
