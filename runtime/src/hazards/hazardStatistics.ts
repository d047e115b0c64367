import { SafeFlowError } from '@safeflow/engine/errors';
import type { Queryable } from '../definitions/orgContext';
import type { DataScope } from '../tenancy/DataScope';

/** A statistics period: a quarter (`2026-Q4`) or a year (`2026`). */
export interface HazardPeriod {
  label: string;
  kind: 'quarter' | 'year';
  from: number;
  to: number;
  /** When the signed statistics are due (R9: the 15th of the quarter's next month; Jan 31 of the next year), `YYYY-MM-DD`. */
  dueDate: string;
}

/** China Standard Time offset: periods are calendar periods in Beijing time. */
const CST = 8 * 3_600_000;

/** Parses `2026-Q1`…`2026-Q4` or `2026` (400 `hazard_statistics.invalid_period` otherwise). */
export function parseHazardPeriod(text: string): HazardPeriod {
  const q = /^(\d{4})-Q([1-4])$/.exec(text);
  const y = /^(\d{4})$/.exec(text);
  if (!q && !y) throw new SafeFlowError('hazard_statistics.invalid_period', `Period '${text}' must be YYYY-Qn or YYYY`, { status: 400 });
  const year = Number((q ?? y)![1]);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (q) {
    const n = Number(q[2]);
    const from = Date.UTC(year, (n - 1) * 3, 1) - CST;
    const to = Date.UTC(year, n * 3, 1) - CST;
    const next = new Date(Date.UTC(year, n * 3, 15));
    return { label: `${year}年第${'一二三四'[n - 1]}季度`, kind: 'quarter', from, to, dueDate: `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-15` };
  }
  return { label: `${year}年度`, kind: 'year', from: Date.UTC(year, 0, 1) - CST, to: Date.UTC(year + 1, 0, 1) - CST, dueDate: `${year + 1}-01-31` };
}

/** Counts of one enterprise (or of the whole scope). */
export interface HazardFigures {
  registered: number;
  general: number;
  major: number;
  closed: number;
  closedMajor: number;
  open: number;
  overdue: number;
  rejected: number;
  /** closed (of those registered in the period) / registered, in percent with one decimal; 100 when none. */
  rectificationRate: number;
  funds: number;
  bySource: Record<string, number>;
  byType: Record<string, number>;
  byCategory: Record<string, number>;
}

/** The statistics of one period over the caller's scope: totals and one row per enterprise. */
export interface HazardStatistics {
  period: HazardPeriod;
  signer: string;
  totals: HazardFigures;
  orgs: Array<{ orgId: string; orgName: string } & HazardFigures>;
}

const empty = (): HazardFigures => ({
  registered: 0, general: 0, major: 0, closed: 0, closedMajor: 0, open: 0, overdue: 0, rejected: 0, rectificationRate: 100, funds: 0, bySource: {}, byType: {}, byCategory: {},
});

/**
 * Quarterly / yearly hazard statistics (16号令: signed by the 主要负责人) from
 * the `safety_hazard` records in `scope`: hazards registered in the period by
 * grade, source, type and 人/物/管理 category; those of them closed (and the
 * rectification rate); still open at the period's end; overdue; funds.
 * `underPath` narrows to one org's subtree (already checked to be in scope).
 */
export async function hazardStatistics(db: Queryable, scope: DataScope, tenantId: string, period: HazardPeriod, underPath?: string, collection = 'safety_hazard'): Promise<HazardStatistics> {
  const s = scope.sql('r.org_path');
  const under = underPath ? ' AND r.org_path LIKE ?' : '';
  const rows = await db.query<{ org_id: string; org_name: string; status: string; data: string; created_at: number | string; updated_at: number | string }>(
    `SELECT r.org_id, o.name AS org_name, r.status, r.data, r.created_at, r.updated_at FROM record r JOIN org o ON o.id = r.org_id
      WHERE r.tenant_id = ? AND r.collection_key = ? AND r.created_at >= ? AND r.created_at < ? AND ${s.sql}${under}`,
    [tenantId, collection, period.from, period.to, ...s.params, ...(underPath ? [`${underPath}%`] : [])],
  );
  const totals = empty();
  const byOrg = new Map<string, { orgId: string; orgName: string } & HazardFigures>();
  const bump = (m: Record<string, number>, k: unknown) => {
    if (typeof k === 'string' && k) m[k] = (m[k] ?? 0) + 1;
  };
  for (const r of rows) {
    const d = JSON.parse(r.data) as Record<string, unknown>;
    let org = byOrg.get(r.org_id);
    if (!org) byOrg.set(r.org_id, (org = { orgId: r.org_id, orgName: r.org_name, ...empty() }));
    for (const f of [totals, org]) {
      if (r.status === 'rejected') {
        f.rejected++;
        continue;
      }
      f.registered++;
      if (d.grade === '1' || r.status === 'major') f.major++;
      else f.general++;
      const closedAt = typeof d.acceptedAt === 'string' ? Date.parse(d.acceptedAt) : Number(r.updated_at);
      if (r.status === 'closed' && closedAt < period.to) {
        f.closed++;
        if (d.grade === '1') f.closedMajor++;
      } else f.open++;
      if (d.overdue === true && r.status !== 'closed') f.overdue++;
      if (typeof d.funds === 'number') f.funds += d.funds;
      bump(f.bySource, d.source);
      bump(f.byType, d.hazardType);
      bump(f.byCategory, d.mgmtClass);
    }
  }
  const rate = (f: HazardFigures) => (f.rectificationRate = f.registered === 0 ? 100 : Math.round((f.closed / f.registered) * 1000) / 10);
  rate(totals);
  for (const o of byOrg.values()) rate(o);
  return { period, signer: '主要负责人', totals, orgs: [...byOrg.values()].sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh')) };
}
