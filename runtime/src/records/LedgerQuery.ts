import { SafeFlowError } from '@safeflow/engine/errors';
import { FilterOp } from '../definitions/ViewContent';

/** One ledger filter as the client sent it. */
export interface LedgerFilter {
  field: string;
  op: FilterOp;
  values: string[];
}

/** A parsed ledger request: filters, sort, page. */
export interface LedgerQuery {
  filters: LedgerFilter[];
  sort?: { field: string; dir: 'asc' | 'desc' };
  page: number;
  pageSize: number;
  orgId?: string;
}

const KNOWN = new Set(['sort', 'page', 'pageSize', 'orgId', 'format']);

/**
 * Parses `filter[field][op]=value` (`in` takes a comma-separated list or
 * repeated parameters), `sort=field:dir`, `page` (from 1) and `pageSize`
 * (1–200, default 20). Malformed parameters are 400 `ledger.invalid_filter`
 * / `ledger.invalid_sort` / `request.invalid`.
 */
export function parseLedgerQuery(query: Record<string, string | string[] | undefined>, maxPageSize = 200): LedgerQuery {
  const filters: LedgerFilter[] = [];
  for (const [name, raw] of Object.entries(query)) {
    if (raw === undefined || KNOWN.has(name)) continue;
    const m = /^filter\[([A-Za-z][A-Za-z0-9_]*)\]\[([a-z]+)\]$/.exec(name);
    if (!m) {
      throw new SafeFlowError('ledger.invalid_filter', `Unknown query parameter '${name}' (filters are filter[field][op]=value)`, { status: 400, details: { parameter: name } });
    }
    const op = FilterOp.safeParse(m[2]);
    if (!op.success) {
      throw new SafeFlowError('ledger.invalid_filter', `Unknown filter operator '${m[2]}' on '${m[1]}'`, { status: 400, details: { field: m[1], op: m[2] } });
    }
    const list = Array.isArray(raw) ? raw : [raw];
    const values = op.data === 'in' ? list.flatMap((v) => v.split(',')).filter((v) => v !== '') : [list[list.length - 1]!];
    if (values.length === 0 || values.length > 100) {
      throw new SafeFlowError('ledger.invalid_filter', `Filter '${m[1]}' needs 1–100 values`, { status: 400, details: { field: m[1] } });
    }
    filters.push({ field: m[1]!, op: op.data, values });
  }
  let sort: LedgerQuery['sort'];
  const s = one(query.sort);
  if (s) {
    const m = /^([A-Za-z][A-Za-z0-9_]*)(?::(asc|desc))?$/.exec(s);
    if (!m) throw new SafeFlowError('ledger.invalid_sort', `Sort must be field:asc or field:desc, got '${s}'`, { status: 400 });
    sort = { field: m[1]!, dir: (m[2] as 'asc' | 'desc') ?? 'asc' };
  }
  const page = int(one(query.page), 1, 1, Number.MAX_SAFE_INTEGER, 'page');
  const pageSize = int(one(query.pageSize), 20, 1, maxPageSize, 'pageSize');
  return { filters, sort, page, pageSize, orgId: one(query.orgId) };
}

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[v.length - 1] : v;
}

function int(v: string | undefined, def: number, min: number, max: number, name: string): number {
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new SafeFlowError('request.invalid', `${name} must be an integer from ${min} to ${max}`, { status: 400, details: { issues: [{ path: `query.${name}`, code: 'invalid', message: 'out of range' }] } });
  }
  return n;
}
