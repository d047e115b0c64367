import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../seed/demoData';
import { seedMatrix, type MatrixFixture } from '../testing/seedMatrix';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import type { DashboardData, Drill, WidgetData } from './WidgetData';

type Server = TestServer & { dropDatabase(): Promise<void> };
type LedgerDrill = Extract<Drill, { kind: 'ledger' }>;

const OPEN = new Set(['registered', 'rectifying', 'accepting', 'major']);

/** The ledger request of a drill-down: `filter[field][op]=value` and `orgId`. */
function drillQuery(d: LedgerDrill, pageSize = 1): string {
  const q = new URLSearchParams({ pageSize: String(pageSize) });
  for (const f of d.filters) q.set(`filter[${f.field}][${f.op}]`, f.values.join(','));
  if (d.orgId) q.set('orgId', d.orgId);
  return `/api/v1/ledgers/${d.view}?${q.toString()}`;
}

describe('dashboards: GET /api/v1/dashboards/:key on the safety pack demo data', () => {
  let server: Server;
  let ox: MatrixFixture;
  const tokens: Record<string, string> = {};
  const get = (user: string, p: string) => server.request('GET', p, { token: tokens[user] });
  const widget = (d: DashboardData, id: string): WidgetData => {
    const w = d.widgets.find((x) => x.id === id);
    if (!w) throw new Error(`no widget ${id}`);
    return w;
  };
  /** Every hazard of the demo tenant as stored (read straight from the table, not through the dashboards code). */
  const hazards = async () =>
    (
      await server.runtime.deps.db.query<{ org_id: string; org_path: string; status: string; data: string; created_at: number | string }>(
        "SELECT org_id, org_path, status, data, created_at FROM record WHERE collection_key = 'safety_hazard'",
      )
    ).map((r) => ({ orgId: r.org_id, path: r.org_path, status: r.status, data: JSON.parse(r.data) as Record<string, unknown>, createdAt: Number(r.created_at) }));
  /** Every number of a widget with a ledger drill-down, with the ledger's own total for that drill-down. */
  const checkLedgerDrills = async (user: string, w: WidgetData) => {
    let checked = 0;
    const rows = [...w.groups.map((g) => ({ values: g.values, drill: g.drill })), w.totals];
    for (const row of rows) {
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
  };

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true });
    for (const u of ['admin', 'district.admin', 'street.officer', 'safety.a', 'inspector']) {
      const r = await server.request('POST', '/api/v1/auth/login', { body: { username: u, password: DEMO_PASSWORD } });
      if (r.status !== 200) throw new Error(r.text);
      tokens[u] = r.body.accessToken;
    }
    ox = await seedMatrix(server, { prefix: 'ox' });
    tokens.other = ox.user('cityBureauAdmin').token;
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('computes the bureau dashboard: hazard KPIs equal a direct count of the stored hazards in the period', async () => {
    // when
    const res = await get('district.admin', '/api/v1/dashboards/safety_dashboard_bureau');
    // then
    expect(res.status, res.text).toBe(200);
    const d = res.body as DashboardData;
    expect(d.widgets.map((w) => [w.id, w.error])).toEqual(d.widgets.map((w) => [w.id, null]));
    const now = Date.now();
    const inPeriod = (await hazards()).filter((h) => h.createdAt >= d.period.from && h.createdAt < d.period.to);
    const found = inPeriod.length;
    const closed = inPeriod.filter((h) => h.status === 'closed').length;
    const overdue = inPeriod.filter((h) => OPEN.has(h.status) && typeof h.data.deadline === 'string' && Date.parse(h.data.deadline) < now).length;
    const major = inPeriod.filter((h) => h.data.grade === '1').length;
    expect(found).toBeGreaterThan(15);
    expect(closed).toBeGreaterThan(5);
    expect(overdue).toBeGreaterThan(2);
    expect(widget(d, 'hazardKpis').totals.values).toEqual({ found, closed, overdue, major, rectificationRate: Math.round((closed / found) * 1000) / 10 });
  });

  it('gives every number a drill-down whose ledger holds exactly that many records (all widgets)', async () => {
    // given
    const d = (await get('district.admin', '/api/v1/dashboards/safety_dashboard_bureau')).body as DashboardData;
    // when
    let checked = 0;
    for (const w of d.widgets) checked += await checkLedgerDrills('district.admin', w);
    // then
    expect(checked).toBeGreaterThan(40);
  });

  it('sums training hours exactly over the rows its drill-down lists (KPI and per person)', async () => {
    // given
    const d = (await get('district.admin', '/api/v1/dashboards/safety_dashboard_bureau')).body as DashboardData;
    const sumOf = async (drill: Drill | null | undefined) => {
      expect(drill?.kind).toBe('ledger');
      const res = await get('district.admin', drillQuery(drill as LedgerDrill, 200));
      expect(res.status, res.text).toBe(200);
      return (res.body.items as Array<{ data: { hoursCredited?: number } }>).reduce((a, i) => a + (i.data.hoursCredited ?? 0), 0);
    };
    // when
    const kpi = widget(d, 'trainingHours');
    const people = widget(d, 'trainingCompliance');
    // then
    expect(kpi.totals.values.hours).toBeGreaterThan(0);
    expect(await sumOf(kpi.totals.drill.hours)).toBe(kpi.totals.values.hours);
    expect(people.groups.length).toBeGreaterThanOrEqual(2);
    for (const g of people.groups) expect(await sumOf(g.drill.hoursCredited), g.key).toBe(g.values.hoursCredited);
  });

  it('spreads hazards over months (found by creation, closed by acceptance), zero-filled, summing to the KPIs', async () => {
    // when
    const d = (await get('district.admin', '/api/v1/dashboards/safety_dashboard_bureau')).body as DashboardData;
    const trend = widget(d, 'hazardTrend');
    // then
    expect(trend.groups.map((g) => g.key)).toHaveLength(12);
    expect(trend.groups.filter((g) => (g.values.found ?? 0) > 0).length).toBeGreaterThanOrEqual(5);
    const sum = trend.groups.reduce((a, g) => a + (g.values.found ?? 0), 0);
    expect(sum).toBe(widget(d, 'hazardKpis').totals.values.found);
    const hz = await hazards();
    const closedByAcceptance = hz.filter((h) => h.status === 'closed' && typeof h.data.acceptedAt === 'string' && Date.parse(h.data.acceptedAt) >= d.period.from && Date.parse(h.data.acceptedAt) < d.period.to);
    expect(trend.groups.reduce((a, g) => a + (g.values.closed ?? 0), 0)).toBe(closedByAcceptance.length);
  });

  it('groups hazards by enterprise (each listed, counts per org) and risk points by colour', async () => {
    // when
    const d = (await get('district.admin', '/api/v1/dashboards/safety_dashboard_bureau')).body as DashboardData;
    // then
    const byEnt = widget(d, 'hazardsByEnterprise');
    const hz = (await hazards()).filter((h) => h.createdAt >= d.period.from && h.createdAt < d.period.to);
    expect(byEnt.groups.length).toBeGreaterThanOrEqual(5);
    for (const g of byEnt.groups) expect(g.values.found, g.label.zh).toBe(hz.filter((h) => h.orgId === g.orgId).length);
    const overdue = byEnt.groups.map((g) => g.values.overdue!);
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
    const risk = widget(d, 'riskByColour');
    const points = await server.runtime.deps.db.query<{ data: string }>("SELECT data FROM record WHERE collection_key = 'safety_risk_point' AND status = 'published'");
    for (const g of risk.groups) expect(g.values.points, g.key).toBe(points.filter((p) => JSON.parse(p.data).riskColor === g.key).length);
    expect(risk.groups.find((g) => g.key === 'red')).toMatchObject({ color: '#e53935', label: { zh: '重大风险(红)' } });
  });

  it('counts cameras by their latest health and inspection rounds like the occurrences API', async () => {
    // given: a camera of enterprise A, never checked
    const me = await get('safety.a', '/api/v1/me');
    const entA = me.body.memberships[0].orgId as string;
    const cam = await server.request('POST', '/api/v1/cameras', {
      token: tokens['safety.a'],
      body: { orgId: entA, name: '仓库门口', source: { kind: 'file', path: 'x.mp4' }, location: { x: 1, y: 2 } },
    });
    // when
    const d = (await get('district.admin', '/api/v1/dashboards/safety_dashboard_bureau')).body as DashboardData;
    // then
    const cams = widget(d, 'cameraHealth');
    const listed = await get('district.admin', '/api/v1/cameras');
    expect(cam.status, cam.text).toBe(201);
    expect(cams.totals.values.total).toBe(listed.body.items.length);
    expect(cams.groups.find((g) => g.key === 'unchecked')?.values.count).toBeGreaterThanOrEqual(1);
    expect(cams.groups.reduce((a, g) => a + (g.values.count ?? 0), 0)).toBe(listed.body.items.length);
    const rounds = widget(d, 'inspectionRounds');
    for (const g of rounds.groups) {
      const q = new URLSearchParams({ state: g.key, from: new Date(d.period.from).toISOString(), to: new Date(d.period.to).toISOString(), limit: '1' });
      const occ = await get('district.admin', `/api/v1/schedules/occurrences?${q.toString()}`);
      expect(occ.status, occ.text).toBe(200);
      expect(g.values.count, g.key).toBe(occ.body.total);
    }
  });

  it("an enterprise user gets only its own numbers; an org filter narrows to a subtree; another tenant gets nothing", async () => {
    // given
    const me = await get('safety.a', '/api/v1/me');
    const entA = me.body.memberships[0].orgId as string;
    // when
    const own = (await get('safety.a', '/api/v1/dashboards/safety_dashboard_enterprise')).body as DashboardData;
    const narrowed = (await get('district.admin', `/api/v1/dashboards/safety_dashboard_bureau?orgId=${entA}`)).body as DashboardData;
    const other = await get('other', '/api/v1/dashboards/safety_dashboard_bureau');
    const outside = await get('safety.a', `/api/v1/dashboards/safety_dashboard_enterprise?orgId=${ox.orgs.E1.id}`);
    // then
    const hzA = (await hazards()).filter((h) => h.orgId === entA && h.createdAt >= own.period.from && h.createdAt < own.period.to);
    expect(widget(own, 'hazardKpis').totals.values.found).toBe(hzA.length);
    expect(widget(narrowed, 'hazardKpis').totals.values).toEqual(widget(own, 'hazardKpis').totals.values);
    expect(widget(narrowed, 'hazardsByEnterprise').groups.map((g) => g.orgId)).toEqual([entA]);
    for (const w of own.widgets) await checkLedgerDrills('safety.a', w);
    expect(other.status).toBe(404);
    expect(outside.status).toBe(404);
    const street = (await get('street.officer', '/api/v1/dashboards/safety_dashboard_bureau')).body as DashboardData;
    const streetPath = (await get('street.officer', '/api/v1/me')).body.memberships[0].orgPath as string;
    const hzStreet = (await hazards()).filter((h) => h.path.startsWith(streetPath) && h.createdAt >= street.period.from && h.createdAt < street.period.to);
    expect(hzStreet.length).toBeGreaterThan(0);
    expect(widget(street, 'hazardKpis').totals.values.found).toBe(hzStreet.length);
    expect(widget(street, 'hazardsByStreet').groups).toHaveLength(1);
  });

  it('lists the dashboards of the caller’s orgs meant for its org type (none for another tenant)', async () => {
    // when
    const mine = await get('safety.a', '/api/v1/dashboards');
    const bureau = await get('district.admin', '/api/v1/dashboards');
    const other = await get('other', '/api/v1/dashboards');
    // then: each sees the dashboards meant for its org type
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body.items).toEqual([{ key: 'safety_dashboard_enterprise', title: { zh: '企业安全看板', en: 'Enterprise dashboard' }, widgets: 8 }]);
    expect(bureau.body.items).toEqual([{ key: 'safety_dashboard_bureau', title: { zh: '监管数据看板', en: 'Supervision dashboard' }, widgets: 12 }]);
    expect(other.body.items).toEqual([]);
  });

  it('takes month, quarter, year and custom periods and refuses bad ones with codes', async () => {
    // given
    const hz = await hazards();
    const count = (from: number, to: number) => hz.filter((h) => h.createdAt >= from && h.createdAt < to).length;
    // when
    const y = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const results = await Promise.all(
      [`period=${y}`, `period=${y}-Q4`, `period=${y}-12`, `from=${y - 1}-06-01T00:00:00%2B08:00&to=${y}-06-01T00:00:00%2B08:00`].map((q) => get('district.admin', `/api/v1/dashboards/safety_dashboard_bureau?${q}`)),
    );
    const bad = await Promise.all(['period=2026-13', 'period=2026-Q4&from=1', 'from=2&to=1'].map((q) => get('district.admin', `/api/v1/dashboards/safety_dashboard_bureau?${q}`)));
    // then
    for (const r of results) {
      expect(r.status, r.text).toBe(200);
      expect(widget(r.body, 'hazardKpis').totals.values.found).toBe(count(r.body.period.from, r.body.period.to));
    }
    expect(bad.map((r) => [r.status, r.body.code])).toEqual([
      [400, 'dashboard.invalid_period'],
      [400, 'dashboard.invalid_period'],
      [400, 'dashboard.invalid_period'],
    ]);
    const asLedger = await get('district.admin', '/api/v1/ledgers/safety_dashboard_bureau');
    expect([asLedger.status, asLedger.body.code]).toEqual([400, 'ledger.not_ledger']);
    const plain = await get('district.admin', '/api/v1/dashboards/safety_hazard_ledger');
    expect([plain.status, plain.body.code]).toEqual([400, 'dashboard.not_dashboard']);
  });

  it('refuses bad dashboard definitions with codes and paths', async () => {
    // given
    const me = await get('district.admin', '/api/v1/me');
    const orgId = me.body.memberships[0].orgId as string;
    const T = { zh: '看板', en: 'Board' };
    const w = (source: unknown) => ({ key: 'bad_board', type: 'dashboard', title: T, widgets: [{ id: 'w1', type: 'kpi', title: T, source }] });
    const cases: Array<[unknown, string, string]> = [
      [{ ...w({ kind: 'records' }) }, 'dashboard.invalid', 'widgets.0.source.collection'],
      [w({ kind: 'records', collection: 'nope', view: 'safety_hazard_ledger', measures: { n: { op: 'count', title: T } } }), 'dashboard.unknown_collection', 'widgets.0.source.collection'],
      [w({ kind: 'records', collection: 'safety_hazard', view: 'safety_hazard_ledger', measures: { n: { op: 'count', where: [{ field: 'description', op: 'eq', value: 'x' }], title: T } } }), 'dashboard.not_indexed', 'widgets.0.source.measures.n.where.0.field'],
      [w({ kind: 'records', collection: 'safety_hazard', view: 'safety_risk_register', measures: { n: { op: 'count', title: T } } }), 'dashboard.drill_not_ledger', 'widgets.0.source.view'],
      [w({ kind: 'records', collection: 'safety_hazard', view: 'safety_hazard_ledger', measures: { n: { op: 'sum', field: 'title', title: T } } }), 'dashboard.not_numeric', 'widgets.0.source.measures.n.field'],
      [w({ kind: 'aggregateView', view: 'safety_hazard_ledger', columns: [{ field: 'n', title: T }] }), 'dashboard.not_aggregate', 'widgets.0.source.view'],
    ];
    for (const [i, [content, code, path]] of cases.entries()) {
      // when
      const key = `bad_board_${i}`;
      const c = await server.request('POST', '/api/v1/definitions/view', { token: tokens['district.admin'], body: { key, name: key, orgId, content: { ...(content as object), key } } });
      const res = c.status === 201 ? await server.request('POST', `/api/v1/definitions/view/${key}/publish`, { token: tokens['district.admin'], body: { orgId } }) : c;
      // then
      expect(res.status, res.text).toBe(400);
      expect(res.body.code).toBe('definition.invalid');
      expect(res.body.details.issues, JSON.stringify(res.body.details.issues)).toContainEqual(expect.objectContaining({ code, path }));
    }
  });

  it('shows a widget whose source is not available to the tenant as an error in words, the others still computed', async () => {
    // given: the demo tenant without the video diagnostics module
    const me = await get('district.admin', '/api/v1/me');
    const tenantId = me.body.memberships[0].tenantId as string;
    const before = (await get('admin', `/api/v1/entitlements?tenantId=${tenantId}`)).body.items.map((e: { module: string }) => e.module) as string[];
    expect(before).toContain('videoDiagnostics');
    const put = (modules: string[]) => server.request('PUT', `/api/v1/tenants/${tenantId}/entitlements`, { token: tokens.admin, body: { modules } });
    expect((await put(before.filter((m) => m !== 'videoDiagnostics'))).status).toBe(200);
    try {
      // when
      const d = (await get('district.admin', '/api/v1/dashboards/safety_dashboard_bureau')).body as DashboardData;
      // then
      expect(widget(d, 'cameraHealth')).toMatchObject({ error: { code: 'module.not_entitled' }, groups: [] });
      expect(d.widgets.filter((w) => w.error).map((w) => w.id)).toEqual(['cameraHealth']);
      expect(widget(d, 'hazardKpis').totals.values.found).toBeGreaterThan(0);
    } finally {
      await put(before);
    }
  });

  it('computes a dashboard published by a district: averages, sums, weekly buckets, field groups with labels and a top-2 ranking', async () => {
    // given
    const me = await get('district.admin', '/api/v1/me');
    const orgId = me.body.memberships[0].orgId as string;
    const T = (zh: string) => ({ zh, en: zh });
    const content = {
      key: 'district_funds', type: 'dashboard', title: T('整改资金'), defaultPeriod: 'year',
      widgets: [
        { id: 'byGrade', type: 'bar', title: T('按等级'), labels: { '1': T('重大'), '0': T('一般') },
          source: { kind: 'records', collection: 'safety_hazard', view: 'safety_hazard_ledger', groupBy: { field: 'grade' },
            measures: { n: { op: 'count', title: T('数量') }, funds: { op: 'sum', field: 'funds', title: T('资金') }, avgFunds: { op: 'avg', field: 'funds', title: T('平均') } } } },
        { id: 'weekly', type: 'line', title: T('每周'), source: { kind: 'records', collection: 'safety_hazard', view: 'safety_hazard_ledger', groupBy: { time: 'week' }, measures: { n: { op: 'count', title: T('数量') } } } },
        { id: 'top', type: 'ranking', title: T('前两名'),
          source: { kind: 'records', collection: 'safety_hazard', view: 'safety_hazard_ledger', groupBy: { orgType: 'enterprise' }, measures: { n: { op: 'count', title: T('数量') } }, sort: { by: 'n', dir: 'desc' }, top: 2 } },
      ],
    };
    const c = await server.request('POST', '/api/v1/definitions/view', { token: tokens['district.admin'], body: { key: 'district_funds', name: '整改资金', orgId, content } });
    expect(c.status, c.text).toBe(201);
    const p = await server.request('POST', '/api/v1/definitions/view/district_funds/publish', { token: tokens['district.admin'], body: { orgId } });
    expect(p.status, p.text).toBe(200);
    // when
    const res = await get('district.admin', '/api/v1/dashboards/district_funds');
    // then
    expect(res.status, res.text).toBe(200);
    const d = res.body as DashboardData;
    const hz = (await hazards()).filter((h) => h.createdAt >= d.period.from && h.createdAt < d.period.to);
    const byGrade = widget(d, 'byGrade');
    // declared labels first, in key order (JSON objects order integer-like keys numerically)
    expect(byGrade.groups.map((g) => [g.key, g.label.zh])).toEqual([['0', '一般'], ['1', '重大']]);
    for (const g of byGrade.groups) {
      const mine = hz.filter((h) => h.data.grade === g.key);
      const withFunds = mine.filter((h) => typeof h.data.funds === 'number');
      const sum = withFunds.reduce((a, h) => a + (h.data.funds as number), 0);
      expect(g.values, g.key).toEqual({ n: mine.length, funds: sum, avgFunds: withFunds.length ? Math.round((sum / withFunds.length) * 100) / 100 : null });
    }
    const weekly = widget(d, 'weekly');
    expect(weekly.groups.length).toBeGreaterThanOrEqual(52);
    expect(weekly.groups.reduce((a, g) => a + (g.values.n ?? 0), 0)).toBe(hz.length);
    expect(new Date(Date.parse(`${weekly.groups[1]!.key}T00:00:00+08:00`) + 8 * 3_600_000).getUTCDay()).toBe(1); // weeks start on Monday
    const top = widget(d, 'top');
    const counts = [...new Set(hz.map((h) => h.orgId))].map((o) => hz.filter((h) => h.orgId === o).length).sort((a, b) => b - a);
    expect(top.groups.map((g) => g.values.n)).toEqual(counts.slice(0, 2));
    expect(top.groups.map((g) => g.rank)).toEqual([1, counts[1] === counts[0] ? 1 : 2]);
    for (const w of d.widgets) await checkLedgerDrills('district.admin', w);
  });
});
