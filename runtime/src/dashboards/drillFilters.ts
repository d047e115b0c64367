import { SafeFlowError } from '@safeflow/engine/errors';
import { SYSTEM_FIELDS, type CollectionContent } from '../definitions/CollectionContent';
import type { AggregateCondition } from '../definitions/ViewAggregate';
import type { LedgerFilter } from '../records/LedgerQuery';

const DAY_MS = 86_400_000;

/** A slot column of a collection: its SQL on `record r` and its family (text, number, time). */
export interface SlotColumn {
  sql: string;
  family: 's' | 'n' | 't';
}

/** The system fields and the index fields (with their slots) of a collection. */
export function slotColumns(c: CollectionContent): Map<string, SlotColumn> {
  const out = new Map<string, SlotColumn>();
  for (const [f, s] of Object.entries(SYSTEM_FIELDS)) out.set(f, { sql: `r.${s.column}`, family: s.family });
  for (const ix of c.indexFields) if (ix.slot) out.set(ix.field, { sql: `r.${ix.slot}`, family: ix.slot.charAt(3) as SlotColumn['family'] });
  return out;
}

/** A column of `c` or 400 `dashboard.invalid_field` (the lint refuses such a definition; this guards a collection changed since). */
export function columnOf(columns: Map<string, SlotColumn>, collection: string, f: string): SlotColumn {
  const x = columns.get(f);
  if (!x) throw new SafeFlowError('dashboard.invalid_field', `'${f}' is not an index field of '${collection}'`, { status: 400, details: { field: f, collection } });
  return x;
}

/** A ledger filter value (what `filter[field][op]=value` would carry) for a condition literal; relative times resolved against `now`. */
function literalText(v: unknown, family: SlotColumn['family'], now: number): string {
  if (v && typeof v === 'object' && 'nowPlusDays' in v) return String(now + (v as { nowPlusDays: number }).nowPlusDays * DAY_MS);
  if (typeof v === 'boolean') return family === 's' ? String(v) : v ? '1' : '0';
  if (family === 't' && typeof v === 'string' && !/^-?\d+(\.\d+)?$/.test(v)) return String(Date.parse(v));
  return String(v);
}

/** The ledger filters equivalent to a measure's conditions (so a drill-down counts exactly what the measure counts). */
export function conditionFilters(where: AggregateCondition[] | undefined, columns: Map<string, SlotColumn>, collection: string, now: number): LedgerFilter[] {
  return (where ?? []).map((w) => {
    const col = columnOf(columns, collection, w.field);
    const values = Array.isArray(w.value) ? w.value : [w.value];
    return { field: w.field, op: w.op, values: values.map((v) => literalText(v, col.family, now)) };
  });
}

/**
 * Merges filters on the same field and operator, as one ledger request can
 * carry only one `filter[field][op]`: range bounds keep the narrower one,
 * `in` lists intersect; two different `eq` / `ne` values cannot be merged
 * (400 `dashboard.conflicting_filters`).
 */
export function mergeFilters(filters: LedgerFilter[]): LedgerFilter[] {
  const out = new Map<string, LedgerFilter>();
  for (const f of filters) {
    const k = `${f.field}\u0000${f.op}`;
    const prev = out.get(k);
    if (!prev) {
      out.set(k, { ...f, values: [...f.values] });
      continue;
    }
    if (f.op === 'lt' || f.op === 'lte') prev.values = [String(Math.min(Number(prev.values[0]), Number(f.values[0])))];
    else if (f.op === 'gt' || f.op === 'gte') prev.values = [String(Math.max(Number(prev.values[0]), Number(f.values[0])))];
    else if (f.op === 'in') prev.values = prev.values.filter((v) => f.values.includes(v));
    else if (prev.values[0] !== f.values[0]) {
      throw new SafeFlowError('dashboard.conflicting_filters', `Two '${f.op}' conditions on '${f.field}' cannot be one ledger filter`, { status: 400, details: { field: f.field } });
    }
  }
  return [...out.values()];
}

const OPS = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** The SQL of ledger filters on `record r`, coerced as the ledger coerces them (the drill-down and the number are one predicate). */
export function filtersSql(filters: LedgerFilter[], columns: Map<string, SlotColumn>, collection: string): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  for (const f of filters) {
    const col = columnOf(columns, collection, f.field);
    const values = f.values.map((v) => (col.family === 's' ? v : Number(v)));
    if (values.some((v) => typeof v === 'number' && !Number.isFinite(v))) {
      throw new SafeFlowError('dashboard.invalid_field', `A value of '${f.field}' is not a number or date`, { status: 400, details: { field: f.field } });
    }
    if (f.op === 'in') {
      if (!values.length) {
        where.push('1=0');
        continue;
      }
      where.push(`${col.sql} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    } else if (f.op === 'prefix') {
      throw new SafeFlowError('dashboard.invalid_field', `'prefix' is not a measure condition`, { status: 400 });
    } else {
      where.push(`${col.sql} ${OPS[f.op]} ?`);
      params.push(values[0]);
    }
  }
  return { where, params };
}

/** The filters restricting `field` to `[from, to)`. */
export function rangeFilters(field: string, from: number, to: number): LedgerFilter[] {
  return [
    { field, op: 'gte', values: [String(from)] },
    { field, op: 'lt', values: [String(to)] },
  ];
}
