import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoDashboardKit, widget, type DemoDashboardKit } from './testing/demoDashboardKit';
import type { DashboardData } from './WidgetData';

describe('dashboards: a dashboard of a district’s own, and widgets whose source the tenant lacks', () => {
  let kit: DemoDashboardKit;
  const get = (user: string, p: string) => kit.get(user, p);

  beforeAll(async () => {
    kit = await startDemoDashboardKit();
  });
  afterAll(async () => {
    await kit.close();
  });

  it('shows a widget whose source is not available to the tenant as an error in words, the others still computed', async () => {
    // given: the demo tenant without the video diagnostics module
    const me = await get('district.admin', '/api/v1/me');
    const tenantId = me.body.memberships[0].tenantId as string;
    const before = (await get('admin', `/api/v1/entitlements?tenantId=${tenantId}`)).body.items.map((e: { module: string }) => e.module) as string[];
    expect(before).toContain('videoDiagnostics');
    const put = (modules: string[]) => kit.server.request('PUT', `/api/v1/tenants/${tenantId}/entitlements`, { token: kit.tokens.admin, body: { modules } });
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
    const c = await kit.server.request('POST', '/api/v1/definitions/view', { token: kit.tokens['district.admin'], body: { key: 'district_funds', name: '整改资金', orgId, content } });
    expect(c.status, c.text).toBe(201);
    const p = await kit.server.request('POST', '/api/v1/definitions/view/district_funds/publish', { token: kit.tokens['district.admin'], body: { orgId } });
    expect(p.status, p.text).toBe(200);
    // when
    const res = await get('district.admin', '/api/v1/dashboards/district_funds');
    // then
    expect(res.status, res.text).toBe(200);
    const d = res.body as DashboardData;
    const hz = (await kit.hazards()).filter((h) => h.createdAt >= d.period.from && h.createdAt < d.period.to);
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
    for (const w of d.widgets) await kit.checkLedgerDrills('district.admin', w);
  });
});
