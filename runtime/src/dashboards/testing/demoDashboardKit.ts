import { expect } from 'vitest';
import type { Clock } from '../../app/AppDeps';
import { DEMO_PASSWORD } from '../../seed/demoData';
import { seedMatrix, type MatrixFixture } from '../../testing/seedMatrix';
import { startTestServer, type TestServer } from '../../testing/startTestServer';
import type { DashboardData, Drill, WidgetData } from '../WidgetData';

/** A ledger drill-down. */
export type LedgerDrill = Extract<Drill, { kind: 'ledger' }>;

/** The ledger request of a drill-down: `filter[field][op]=value` and `orgId`. */
export function drillQuery(d: LedgerDrill, pageSize = 1): string {
  const q = new URLSearchParams({ pageSize: String(pageSize) });
  for (const f of d.filters) q.set(`filter[${f.field}][${f.op}]`, f.values.join(','));
  if (d.orgId) q.set('orgId', d.orgId);
  return `/api/v1/ledgers/${d.view}?${q.toString()}`;
}

/** One widget of a computed dashboard (throws when absent). */
export function widget(d: DashboardData, id: string): WidgetData {
  const w = d.widgets.find((x) => x.id === id);
  if (!w) throw new Error(`no widget ${id}`);
  return w;
}

/**
 * A real server with the safety pack and its demo data (`npm start`'s
 * world), the demo users logged in (`admin`, `district.admin`,
 * `street.officer`, `safety.a`, `inspector`) and another tenant
 * (`seedMatrix` prefix `ox`, its city admin as `other`).
 */
export async function startDemoDashboardKit(opts: { clock?: Clock } = {}) {
  const server = (await startTestServer({ seedDemo: true, clock: opts.clock })) as TestServer & { dropDatabase(): Promise<void> };
  const tokens: Record<string, string> = {};
  for (const u of ['admin', 'district.admin', 'street.officer', 'safety.a', 'inspector']) {
    const r = await server.request('POST', '/api/v1/auth/login', { body: { username: u, password: DEMO_PASSWORD } });
    if (r.status !== 200) throw new Error(r.text);
    tokens[u] = r.body.accessToken;
  }
  const ox: MatrixFixture = await seedMatrix(server, { prefix: 'ox' });
  tokens.other = ox.user('cityBureauAdmin').token;
  const get = (user: string, p: string) => server.request('GET', p, { token: tokens[user] });
  return {
    server,
    ox,
    tokens,
    get,
    /** Every hazard of the database as stored (read straight from the table, not through the dashboards code). */
    async hazards() {
      const rows = await server.runtime.deps.db.query<{ org_id: string; org_path: string; status: string; data: string; created_at: number | string }>(
        "SELECT org_id, org_path, status, data, created_at FROM record WHERE collection_key = 'safety_hazard'",
      );
      return rows.map((r) => ({ orgId: r.org_id, path: r.org_path, status: r.status, data: JSON.parse(r.data) as Record<string, unknown>, createdAt: Number(r.created_at) }));
    },
    /** Checks every count of a widget against the ledger total of its drill-down (sums: the drill-down answers); returns how many were checked. */
    async checkLedgerDrills(user: string, w: WidgetData): Promise<number> {
      let checked = 0;
      for (const row of [...w.groups.map((g) => ({ values: g.values, drill: g.drill })), w.totals]) {
        for (const [key, d] of Object.entries(row.drill)) {
          if (!d || d.kind !== 'ledger') continue;
          const unit = w.series.find((s) => s.key === key)?.unit;
          if (unit === 'percent') continue;
          const res = await get(user, drillQuery(d, unit === 'count' ? 1 : 200));
          expect(res.status, res.text).toBe(200);
          if (unit === 'count') expect(res.body.total, `${w.id}.${key}`).toBe(row.values[key]);
          checked++;
        }
      }
      return checked;
    },
    async close() {
      await server.close();
      await server.dropDatabase();
    },
  };
}

/** What {@link startDemoDashboardKit} gives. */
export type DemoDashboardKit = Awaited<ReturnType<typeof startDemoDashboardKit>>;
