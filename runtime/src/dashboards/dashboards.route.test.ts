import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillQuery, startDemoDashboardKit, widget, type DemoDashboardKit, type LedgerDrill } from './testing/demoDashboardKit';
import type { DashboardData, Drill } from './WidgetData';

const OPEN = new Set(['registered', 'rectifying', 'accepting', 'major']);

describe('dashboards: GET /api/v1/dashboards/:key on the safety pack demo data', () => {
  let kit: DemoDashboardKit;
  const get = (user: string, p: string) => kit.get(user, p);
  const hazards = () => kit.hazards();
  const checkLedgerDrills = (user: string, w: Parameters<DemoDashboardKit['checkLedgerDrills']>[1]) => kit.checkLedgerDrills(user, w);

  beforeAll(async () => {
    kit = await startDemoDashboardKit();
  });
  afterAll(async () => {
    await kit.close();
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
    const points = await kit.server.runtime.deps.db.query<{ data: string }>("SELECT data FROM record WHERE collection_key = 'safety_risk_point' AND status = 'published'");
    for (const g of risk.groups) expect(g.values.points, g.key).toBe(points.filter((p) => JSON.parse(p.data).riskColor === g.key).length);
    expect(risk.groups.find((g) => g.key === 'red')).toMatchObject({ color: '#e53935', label: { zh: '重大风险(红)' } });
  });

  it('counts cameras by their latest health and inspection rounds like the occurrences API', async () => {
    // given: a camera of enterprise A, never checked
    const me = await get('safety.a', '/api/v1/me');
    const entA = me.body.memberships[0].orgId as string;
    const cam = await kit.server.request('POST', '/api/v1/cameras', {
      token: kit.tokens['safety.a'],
      body: { orgId: entA, name: '仓库门口', source: { kind: 'file', path: path.join(os.tmpdir(), 'x.mp4') }, location: { x: 1, y: 2 } }, // a file cameras may read (the test servers allow the temp folder)
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
    const outside = await get('safety.a', `/api/v1/dashboards/safety_dashboard_enterprise?orgId=${kit.ox.orgs.E1.id}`);
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
      const c = await kit.server.request('POST', '/api/v1/definitions/view', { token: kit.tokens['district.admin'], body: { key, name: key, orgId, content: { ...(content as object), key } } });
      const res = c.status === 201 ? await kit.server.request('POST', `/api/v1/definitions/view/${key}/publish`, { token: kit.tokens['district.admin'], body: { orgId } }) : c;
      // then
      expect(res.status, res.text).toBe(400);
      expect(res.body.code).toBe('definition.invalid');
      expect(res.body.details.issues, JSON.stringify(res.body.details.issues)).toContainEqual(expect.objectContaining({ code, path }));
    }
  });
});
