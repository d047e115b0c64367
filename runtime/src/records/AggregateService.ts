import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import type { AuthContext } from '../http/AuthContext';
import { DataScope, escapeLike } from '../tenancy/DataScope';
import { SYSTEM_FIELDS, type CollectionContent } from '../definitions/CollectionContent';
import type { ViewContent } from '../definitions/ViewContent';
import type { AggregateCondition, AggregateMeasure, ViewAggregate } from '../definitions/ViewAggregate';
import { DefinitionStore } from '../definitions/DefinitionStore';
import { evaluateRulesetContent } from '../definitions/engineAdapters';
import { resolvePublishedForCaller } from '../definitions/resolveForCaller';
import { resolveActingOrg } from '../definitions/orgContext';
import { LedgerService } from './LedgerService';

/** What an aggregate request may narrow: a period (epoch ms, `from` inclusive, `to` exclusive) and an org subtree. */
export interface AggregateQuery {
  from?: number;
  to?: number;
  orgId?: string;
}

/** One group of an aggregate view: its key and name, measures, ruleset outputs and rank. */
export interface AggregateGroup {
  groupKey: string;
  groupName: string;
  orgId: string | null;
  measures: Record<string, number | string | null>;
  outputs: Record<string, unknown>;
  rank: number | null;
}

/** The answer of {@link AggregateService.aggregate}. */
export interface AggregateResult {
  view: string;
  groupBy: ViewAggregate['groupBy'];
  period: { from: number | null; to: number | null };
  ruleset: { key: string; version: number } | null;
  columns: ViewContent['columns'];
  groups: AggregateGroup[];
}

interface Part {
  v: number | string | null;
  n: number;
}

/**
 * Aggregate views (rankings, compliance lists): for each measure one
 * `GROUP BY` query over the `record` table, inside the caller's
 * `record.read` scope (the same predicate as the ledgers), on index slots
 * only; groups by org type are every org of that type in scope, each
 * collecting the records of its subtree (zero-filled, so a group with no
 * activity is still listed — "no drill" is a fact too). Then the view's
 * ruleset is evaluated per group (read-only: no decision log) and the groups
 * are ranked (competition ranking: 1, 1, 3).
 */
export class AggregateService {
  private readonly ledgers: LedgerService;

  constructor(private readonly deps: AppDeps) {
    this.ledgers = new LedgerService(deps);
  }

  /** Computes the aggregate view `viewKey` for the caller. 400 `ledger.not_aggregate` for a plain view. */
  async aggregate(auth: AuthContext, viewKey: string, q: AggregateQuery): Promise<AggregateResult> {
    const db = this.deps.db;
    const resolved = await resolvePublishedForCaller(db, auth, 'view', viewKey, 'record.read', q.orgId);
    const view = resolved.version.content as ViewContent;
    const agg = view.aggregate;
    if (!agg) throw new SafeFlowError('ledger.not_aggregate', `View '${viewKey}' has no aggregate block`, { status: 400 });
    if (q.from !== undefined && q.to !== undefined && q.from >= q.to) {
      throw new SafeFlowError('ledger.invalid_period', "'from' must be before 'to'", { status: 400 });
    }
    const scope = await this.ledgers.scopeSql(auth);
    const sub = q.orgId ? await resolveActingOrg(db, auth, q.orgId, 'record.read') : undefined;

    const perMeasure = new Map<string, Map<string, Part>>();
    for (const [name, m] of Object.entries(agg.measures)) {
      perMeasure.set(name, await this.measure(auth, view, agg, m, scope, sub?.path, q));
    }

    let groups: Array<{ key: string; name: string; orgId: string | null; info: Record<string, unknown> }>;
    if ('orgType' in agg.groupBy) {
      groups = await this.orgGroups(auth, agg.groupBy.orgType, sub?.path);
      const owner = await this.ownerOf(groups, perMeasure);
      for (const [name, partials] of perMeasure) perMeasure.set(name, regroup(partials, owner, agg.measures[name]!.op));
    } else {
      const keys = new Set<string>();
      for (const partials of perMeasure.values()) for (const k of partials.keys()) keys.add(k);
      groups = [...keys].sort().map((k) => ({ key: k, name: k, orgId: null, info: {} }));
    }

    let ruleset: { content: unknown; version: number } | undefined;
    if (agg.ruleset) {
      const r = await DefinitionStore.resolvePublished(db, 'ruleset', agg.ruleset.key, resolved.definition.orgPath, agg.ruleset.version);
      ruleset = { content: r.version.content, version: r.version.version };
    }
    const declared = ruleset ? Object.keys((ruleset.content as { facts?: object }).facts ?? {}) : [];

    const out: AggregateGroup[] = [];
    for (const g of groups) {
      const measures: AggregateGroup['measures'] = {};
      for (const [name, m] of Object.entries(agg.measures)) {
        const p = perMeasure.get(name)!.get(g.key);
        measures[name] = finish(m.op, p);
      }
      let outputs: Record<string, unknown> = {};
      if (ruleset) {
        const pool: Record<string, unknown> = { ...g.info, groupKey: g.key, groupName: g.name, ...measures };
        const facts = Object.fromEntries(declared.filter((f) => pool[f] !== undefined && pool[f] !== null).map((f) => [f, pool[f]]));
        try {
          outputs = (await evaluateRulesetContent(ruleset.content, facts)).outputs;
        } catch (err) {
          if (err instanceof SafeFlowError) {
            throw new SafeFlowError(err.code, `Group '${g.name}': ${err.message}`, { status: 400, details: { group: g.key, ...(err.details as object | undefined) } });
          }
          throw err;
        }
      }
      out.push({ groupKey: g.key, groupName: g.name, orgId: g.orgId, measures, outputs, rank: null });
    }
    if (agg.rankBy) rank(out, agg.rankBy);
    return {
      view: viewKey,
      groupBy: agg.groupBy,
      period: { from: q.from ?? null, to: q.to ?? null },
      ruleset: ruleset && agg.ruleset ? { key: agg.ruleset.key, version: ruleset.version } : null,
      columns: view.columns,
      groups: out,
    };
  }

  /** One measure's partial values by group column (org id for org grouping). */
  private async measure(
    auth: AuthContext,
    view: ViewContent,
    agg: ViewAggregate,
    m: AggregateMeasure,
    scope: { sql: string; params: unknown[] },
    subPath: string | undefined,
    q: AggregateQuery,
  ): Promise<Map<string, Part>> {
    const key = m.collection ?? view.collection;
    let c: CollectionContent;
    try {
      c = (await resolvePublishedForCaller(this.deps.db, auth, 'collection', key, 'record.read')).version.content as CollectionContent;
    } catch (err) {
      if (m.optional && err instanceof SafeFlowError && (err.status === 404 || err.status === 409)) return new Map();
      throw err;
    }
    const column = columnsOf(c);
    const col = (f: string) => {
      const x = column.get(f);
      if (!x) throw new SafeFlowError('ledger.invalid_aggregate', `'${f}' is not an index field of '${key}'`, { status: 400, details: { field: f } });
      return x;
    };
    const where = ['r.collection_key = ?', scope.sql];
    const params: unknown[] = [key, ...scope.params];
    if (subPath) {
      where.push("r.org_path LIKE ? ESCAPE '!'");
      params.push(escapeLike(subPath) + '%');
    }
    const now = this.deps.clock.now().getTime();
    for (const w of m.where ?? []) condition(col(w.field), w, where, params, now);
    const period = col(m.periodField ?? 'createdAt');
    const to = q.to;
    const from = m.lookbackDays !== undefined ? (q.to ?? now) - m.lookbackDays * DAY_MS : q.from;
    if (from !== undefined) {
      where.push(`${period.sql} >= ?`);
      params.push(from);
    }
    if (to !== undefined) {
      where.push(`${period.sql} < ?`);
      params.push(to);
    }
    const groupSql = 'orgType' in agg.groupBy ? 'r.org_id' : col(m.groupField ?? agg.groupBy.field).sql;
    if (!('orgType' in agg.groupBy)) where.push(`${groupSql} IS NOT NULL`);
    const valueSql = m.op === 'count' ? 'COUNT(*)' : `${m.op === 'avg' ? 'SUM' : m.op.toUpperCase()}(${col(m.field!).sql})`;
    const countSql = m.op === 'count' ? 'COUNT(*)' : `COUNT(${col(m.field!).sql})`;
    const rows = await this.deps.db.query<{ g: unknown; v: unknown; n: unknown }>(
      `SELECT ${groupSql} AS g, ${valueSql} AS v, ${countSql} AS n FROM record r WHERE ${where.join(' AND ')} GROUP BY ${groupSql}`,
      params,
    );
    return new Map(rows.map((r) => [String(r.g), { v: r.v === null ? null : typeof r.v === 'string' && !/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(r.v) ? r.v : Number(r.v), n: Number(r.n) }]));
  }

  /** Every live org of `orgType` inside the caller's `record.read` scope (and `subPath`), by name. */
  private async orgGroups(auth: AuthContext, orgType: string, subPath: string | undefined) {
    const scope = DataScope.of(auth, 'record.read').sql('o.path');
    const extra = subPath ? " AND o.path LIKE ? ESCAPE '!'" : '';
    const rows = await this.deps.db.query<{ id: string; name: string; path: string; info: unknown }>(
      `SELECT o.id, o.name, o.path, o.info FROM org o WHERE o.type = ? AND o.archived = 0 AND ${scope.sql}${extra} ORDER BY o.name, o.id`,
      [orgType, ...scope.params, ...(subPath ? [escapeLike(subPath) + '%'] : [])],
    );
    return rows.map((r) => ({
      key: r.id,
      name: r.name,
      orgId: r.id,
      path: r.path,
      info: (typeof r.info === 'string' ? JSON.parse(r.info) : (r.info ?? {})) as Record<string, unknown>,
    }));
  }

  /** The group (org id) each record org of the partials belongs to: itself or its nearest ancestor among the groups. */
  private async ownerOf(groups: Array<{ key: string; path?: string }>, perMeasure: Map<string, Map<string, Part>>): Promise<Map<string, string>> {
    const ids = new Set<string>();
    for (const partials of perMeasure.values()) for (const k of partials.keys()) ids.add(k);
    const owner = new Map<string, string>();
    if (!ids.size) return owner;
    const byPath = [...groups].filter((g) => g.path).sort((a, b) => b.path!.length - a.path!.length);
    const list = [...ids];
    for (let i = 0; i < list.length; i += 500) {
      const chunk = list.slice(i, i + 500);
      const rows = await this.deps.db.query<{ id: string; path: string }>(`SELECT id, path FROM org WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk);
      for (const r of rows) {
        const g = byPath.find((x) => r.path.startsWith(x.path!));
        if (g) owner.set(r.id, g.key);
      }
    }
    return owner;
  }
}

function columnsOf(c: CollectionContent): Map<string, { sql: string; family: 's' | 'n' | 't' }> {
  const out = new Map<string, { sql: string; family: 's' | 'n' | 't' }>();
  for (const [f, s] of Object.entries(SYSTEM_FIELDS)) out.set(f, { sql: `r.${s.column}`, family: s.family });
  for (const ix of c.indexFields) if (ix.slot) out.set(ix.field, { sql: `r.${ix.slot}`, family: ix.slot.charAt(3) as 's' | 'n' | 't' });
  return out;
}

const DAY_MS = 86_400_000;
const OPS = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function coerce(v: string | number | boolean, family: 's' | 'n' | 't', field: string): string | number {
  if (family === 's') return String(v);
  const n = typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'number' ? v : family === 't' && !/^-?\d+(\.\d+)?$/.test(v) ? Date.parse(v) : Number(v);
  if (!Number.isFinite(n)) throw new SafeFlowError('ledger.invalid_aggregate', `'${String(v)}' is not a valid value for '${field}'`, { status: 400, details: { field } });
  return n;
}

function condition(col: { sql: string; family: 's' | 'n' | 't' }, w: AggregateCondition, where: string[], params: unknown[], now: number) {
  const raw = w.value;
  if (typeof raw === 'object' && !Array.isArray(raw)) {
    if (col.family !== 't') throw new SafeFlowError('ledger.invalid_aggregate', `'${w.field}' is not a date field; nowPlusDays compares dates`, { status: 400, details: { field: w.field } });
    where.push(`${col.sql} ${w.op === 'in' ? '=' : OPS[w.op]} ?`);
    params.push(now + raw.nowPlusDays * DAY_MS);
    return;
  }
  const values = (Array.isArray(raw) ? raw : [raw]).map((v) => coerce(v, col.family, w.field));
  if (w.op === 'in') {
    where.push(`${col.sql} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  } else {
    where.push(`${col.sql} ${OPS[w.op]} ?`);
    params.push(values[0]);
  }
}

/** Merges partials keyed by record org into partials keyed by group org. */
function regroup(partials: Map<string, Part>, owner: Map<string, string>, op: AggregateMeasure['op']): Map<string, Part> {
  const out = new Map<string, Part>();
  for (const [org, p] of partials) {
    const g = owner.get(org);
    if (!g) continue;
    const prev = out.get(g);
    if (!prev) {
      out.set(g, { ...p });
      continue;
    }
    prev.n += p.n;
    if (p.v === null) continue;
    if (prev.v === null) prev.v = p.v;
    else if (op === 'min') prev.v = p.v < prev.v ? p.v : prev.v;
    else if (op === 'max') prev.v = p.v > prev.v ? p.v : prev.v;
    else prev.v = Number(prev.v) + Number(p.v);
  }
  return out;
}

function finish(op: AggregateMeasure['op'], p: Part | undefined): number | string | null {
  if (op === 'count') return p ? Number(p.v) : 0;
  if (op === 'sum') return p && p.v !== null ? Number(p.v) : 0;
  if (!p || p.v === null || p.n === 0) return null;
  if (op === 'avg') return Math.round((Number(p.v) / p.n) * 1e6) / 1e6;
  return p.v;
}

/** Competition ranking (1, 1, 3) by a measure or an output; groups without a value come last, unranked. */
function rank(groups: AggregateGroup[], by: { field: string; dir: 'asc' | 'desc' }) {
  const value = (g: AggregateGroup) => {
    const v = by.field in g.outputs ? g.outputs[by.field] : g.measures[by.field];
    return typeof v === 'number' ? v : null;
  };
  groups.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === null && vb === null ? a.groupName.localeCompare(b.groupName) : va === null ? 1 : -1;
    return (by.dir === 'desc' ? vb - va : va - vb) || a.groupName.localeCompare(b.groupName);
  });
  let prev: number | null = null;
  groups.forEach((g, i) => {
    const v = value(g);
    if (v === null) return;
    g.rank = prev !== null && v === prev ? groups[i - 1]!.rank : i + 1;
    prev = v;
  });
}
