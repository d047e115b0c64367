import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import type { AuthContext } from '../http/AuthContext';
import { DataScope, escapeLike } from '../tenancy/DataScope';
import { SYSTEM_FIELDS, type CollectionContent } from '../definitions/CollectionContent';
import type { ViewContent } from '../definitions/ViewContent';
import { resolvePublishedForCaller } from '../definitions/resolveForCaller';
import { resolveActingOrg } from '../definitions/orgContext';
import type { LedgerQuery } from './LedgerQuery';
import { isDashboardContent } from '../dashboards/DashboardContent';

/** One row of a ledger page. */
export interface LedgerItem {
  id: string;
  orgId: string;
  status: string;
  createdAt: number;
  updatedAt: number;
  revision: number;
  data: Record<string, unknown>;
}

interface Column {
  sql: string;
  family: 's' | 'n' | 't';
}

/** A ledger request resolved against its view and collection: SQL predicate, order and columns. */
export interface LedgerPlan {
  view: ViewContent;
  collection: CollectionContent;
  where: string;
  params: unknown[];
  scopeWhere: string;
  scopeParams: unknown[];
  orderBy: string;
  /** MySQL/MariaDB index for the page's id query, when the query shape calls for one. */
  indexHint?: string;
  statusOnly: boolean;
}

/**
 * Ledgers: pages of records through a view. Filters and sorts are allowed on
 * the collection's declared index fields (mapped to slot columns with
 * composite indexes) and the system fields only. `total` is the exact count
 * of the filtered rows up to a limit (10,000 by default; `totalCapped` says
 * when it stopped there); `countsByState` counts the records of the caller's
 * scope (and `orgId` subtree) per state, ignoring field filters, and is read
 * from the `record_count` table kept in step with every record change.
 */
export class LedgerService {
  /**
   * @param totalLimit `total` is exact up to this many rows; above it the
   * count stops there and `totalCapped` is true (counting a million index
   * entries on every page view is what makes big ledgers slow).
   */
  constructor(
    private readonly deps: AppDeps,
    private readonly totalLimit = 10_000,
  ) {}

  /** Resolves the view (or takes `draft`, a view being edited in the Studio) and its collection for the caller and compiles the query. */
  async plan(auth: AuthContext, viewKey: string, q: LedgerQuery, draft?: ViewContent): Promise<LedgerPlan> {
    const db = this.deps.db;
    const view = draft ?? ((await resolvePublishedForCaller(db, auth, 'view', viewKey, 'record.read', q.orgId)).version.content as ViewContent);
    if (isDashboardContent(view)) throw new SafeFlowError('ledger.not_ledger', `View '${viewKey}' is a dashboard (GET /api/v1/dashboards/${viewKey})`, { status: 400 });
    const collection = (await resolvePublishedForCaller(db, auth, 'collection', view.collection, 'record.read', q.orgId)).version.content as CollectionContent;
    const columns = new Map<string, Column>();
    for (const [f, s] of Object.entries(SYSTEM_FIELDS)) columns.set(f, { sql: `r.${s.column}`, family: s.family });
    for (const ix of collection.indexFields) {
      if (ix.slot) columns.set(ix.field, { sql: `r.${ix.slot}`, family: ix.slot.charAt(3) as Column['family'] });
    }

    const scope = await this.scopeSql(auth);
    const sub = q.orgId ? await resolveActingOrg(db, auth, q.orgId, 'record.read') : undefined;
    const scopeWhere = ['r.collection_key = ?', scope.sql, ...(sub ? ["r.org_path LIKE ? ESCAPE '!'"] : [])].join(' AND ');
    const scopeParams: unknown[] = [view.collection, ...scope.params, ...(sub ? [escapeLike(sub.path) + '%'] : [])];

    const where: string[] = [scopeWhere];
    const params: unknown[] = [...scopeParams];
    for (const f of q.filters) {
      const col = columns.get(f.field);
      if (!col) {
        throw new SafeFlowError('ledger.invalid_filter', `'${f.field}' is not an index field of '${view.collection}'; ledgers filter on index fields only`, {
          status: 400,
          details: { field: f.field, allowed: [...columns.keys()] },
        });
      }
      const values = f.values.map((v) => coerce(v, col.family, f.field));
      switch (f.op) {
        case 'in':
          where.push(`${col.sql} IN (${values.map(() => '?').join(', ')})`);
          params.push(...values);
          break;
        case 'prefix':
          if (col.family !== 's') throw new SafeFlowError('ledger.invalid_filter', `'prefix' works on text fields only ('${f.field}')`, { status: 400, details: { field: f.field } });
          where.push(`${col.sql} LIKE ? ESCAPE '!'`);
          params.push(escapeLike(String(values[0])) + '%');
          break;
        default:
          where.push(`${col.sql} ${OPS[f.op]} ?`);
          params.push(values[0]);
      }
    }
    const sort = q.sort ?? view.defaultSort;
    const sortCol = columns.get(sort.field);
    if (!sortCol) {
      throw new SafeFlowError('ledger.invalid_sort', `'${sort.field}' is not an index field of '${view.collection}'`, { status: 400, details: { field: sort.field } });
    }
    const dir = sort.dir === 'desc' ? 'DESC' : 'ASC';
    // The tie-breaker is the row's position in every secondary index (SQLite: rowid; InnoDB: the primary key), so the order comes from the index.
    const tie = db.dialect === 'sqlite' ? 'r.rowid' : 'r.id';
    const orderBy = sortCol.sql === 'r.created_at' ? `r.created_at ${dir}, ${tie} ${dir}` : `${sortCol.sql} ${dir}, r.created_at ${dir}, ${tie} ${dir}`;
    // MySQL/MariaDB hint for the page's id query: with a state filter and the newest-first order, walk the (state, created_at) index of the
    // tenant, or the (org, state, ...) index of an org-subtree scope, instead of the optimizer's habit of scanning (tenant, created_at) with row reads.
    const statusEq = q.filters.some((f) => f.field === 'status' && f.op === 'eq');
    const byCreated = sortCol.sql === 'r.created_at';
    const indexHint = !statusEq || !byCreated || scope.sql === '1=1' ? undefined : scope.sql.includes('org_id IN') ? 'ix_record_org_state' : scope.sql.includes('org_path') ? undefined : 'ix_record_state_created';
    return { view, collection, where: where.join(' AND '), params, scopeWhere, scopeParams, orderBy, indexHint, statusOnly: q.filters.every((f) => f.field === 'status') };
  }

  /**
   * The caller's `record.read` scope (from {@link DataScope}) as SQL on `r`,
   * shaped for the composite indexes: a root that is a whole tenant becomes
   * `r.tenant_id = ?`; any other subtree root becomes `r.tenant_id = ? AND
   * r.org_id IN (<the orgs of that subtree>)` (read from the org tree, so it
   * follows the current tree), or an org-path prefix test for subtrees of
   * more than 1,000 orgs.
   */
  async scopeSql(auth: AuthContext): Promise<{ sql: string; params: unknown[] }> {
    const scope = DataScope.of(auth, 'record.read');
    if (scope.all) return { sql: '1=1', params: [] };
    if (scope.roots.length === 0) return { sql: '1=0', params: [] };
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const root of scope.roots) {
      const tenantId = auth.memberships.find((m) => m.orgPath === root)!.tenantId;
      if (root === `/${tenantId}/`) {
        parts.push('r.tenant_id = ?');
        params.push(tenantId);
        continue;
      }
      const orgs = await this.deps.db.query<{ id: string }>("SELECT id FROM org WHERE path LIKE ? ESCAPE '!' LIMIT 1001", [escapeLike(root) + '%']);
      if (orgs.length > 0 && orgs.length <= 1000) {
        parts.push(`(r.tenant_id = ? AND r.org_id IN (${orgs.map(() => '?').join(', ')}))`);
        params.push(tenantId, ...orgs.map((o) => o.id));
      } else {
        parts.push("(r.tenant_id = ? AND r.org_path LIKE ? ESCAPE '!')");
        params.push(tenantId, escapeLike(root) + '%');
      }
    }
    return { sql: `(${parts.join(' OR ')})`, params };
  }

  /** One page, the exact filtered total and the per-state counts. */
  async page(auth: AuthContext, viewKey: string, q: LedgerQuery, draft?: ViewContent) {
    const db = this.deps.db;
    const tp = performance.now();
    const plan = await this.plan(auth, viewKey, q, draft);
    const t0 = performance.now();
    const rows = await db.query<Record<string, unknown>>(this.pageSql(plan), [...plan.params, q.pageSize, (q.page - 1) * q.pageSize]);
    const t1 = performance.now();
    const countsByState = await this.countsByState(plan);
    const t2 = performance.now();
    let total: number;
    let totalCapped = false;
    const statusFilters = q.filters.filter((f) => f.field === 'status');
    if (plan.statusOnly && statusFilters.every((f) => f.op === 'eq' || f.op === 'in')) {
      const allowed = statusFilters.reduce<Set<string> | undefined>((acc, f) => new Set(f.values.filter((v) => !acc || acc.has(v))), undefined);
      total = Object.entries(countsByState).reduce((sum, [state, n]) => sum + (!allowed || allowed.has(state) ? n : 0), 0);
    } else {
      const [c] = await db.query<{ n: number | string }>(
        `SELECT COUNT(*) AS n FROM (SELECT 1 AS x FROM record r WHERE ${plan.where} LIMIT ?) capped`,
        [...plan.params, this.totalLimit + 1],
      );
      total = Number(c?.n ?? 0);
      if (total > this.totalLimit) {
        total = this.totalLimit;
        totalCapped = true;
      }
    }
    this.deps.logger.debug(
      { viewKey, planMs: +(t0 - tp).toFixed(1), itemsMs: +(t1 - t0).toFixed(1), countsMs: +(t2 - t1).toFixed(1), totalMs: +(performance.now() - t2).toFixed(1) },
      'ledger page',
    );
    return {
      items: rows.map(toItem),
      total,
      totalCapped,
      page: q.page,
      pageSize: q.pageSize,
      countsByState,
      columns: plan.view.columns,
    };
  }

  /**
   * The page query. On MySQL/MariaDB a deferred join: the ids of the page
   * are picked from the indexes alone (sorting only index entries, never the
   * JSON documents), then the 20 rows are read by primary key. SQLite reads
   * the page directly (its plans walk the index in order).
   */
  private pageSql(plan: LedgerPlan): string {
    const cols = 'r.id, r.org_id, r.status, r.created_at, r.updated_at, r.revision, r.data';
    if (this.deps.db.dialect === 'sqlite') return `SELECT ${cols} FROM record r WHERE ${plan.where} ORDER BY ${plan.orderBy} LIMIT ? OFFSET ?`;
    const hint = plan.indexHint ? ` FORCE INDEX (${plan.indexHint})` : '';
    return `SELECT ${cols} FROM (SELECT r.id AS pid FROM record r${hint} WHERE ${plan.where} ORDER BY ${plan.orderBy} LIMIT ? OFFSET ?) p JOIN record r ON r.id = p.pid ORDER BY ${plan.orderBy}`;
  }

  private async countsByState(plan: LedgerPlan): Promise<Record<string, number>> {
    const where = plan.scopeWhere.replace(/\br\./g, 'rc.');
    const rows = await this.deps.db.query<{ status: string; n: number | string }>(
      `SELECT rc.status, SUM(rc.n) AS n FROM record_count rc WHERE ${where} GROUP BY rc.status`,
      plan.scopeParams,
    );
    const out: Record<string, number> = Object.fromEntries(plan.collection.states.map((s) => [s.key, 0]));
    for (const r of rows) out[r.status] = Number(r.n);
    return out;
  }

  /** Every matching row in order, in batches (for exports); yields `batchSize` rows at a time. */
  async *rows(plan: LedgerPlan, batchSize = 2000): AsyncGenerator<LedgerItem[]> {
    for (let offset = 0; ; offset += batchSize) {
      const rows = await this.deps.db.query<Record<string, unknown>>(
        this.pageSql(plan),
        [...plan.params, batchSize, offset],
      );
      if (rows.length) yield rows.map(toItem);
      if (rows.length < batchSize) return;
    }
  }
}

const OPS = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function coerce(v: string, family: Column['family'], field: string): string | number {
  if (family === 's') return v;
  const n = family === 't' && !/^-?\d+(\.\d+)?$/.test(v) ? Date.parse(v) : Number(v);
  if (!Number.isFinite(n)) {
    throw new SafeFlowError('ledger.invalid_filter', `'${v}' is not a valid ${family === 't' ? 'date' : 'number'} for '${field}'`, { status: 400, details: { field } });
  }
  return n;
}

function toItem(r: Record<string, unknown>): LedgerItem {
  return {
    id: String(r.id),
    orgId: String(r.org_id),
    status: String(r.status),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    revision: Number(r.revision),
    data: JSON.parse(String(r.data)),
  };
}
