import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../runtime/src/seed/demoData';
import { startTestServer, type TestServer } from '../../runtime/src/testing/startTestServer';
import { ensureBuiltSpa, hasChromium, launchChromium } from './browser';

const OUT = fileURLToPath(new URL('./output/dashboards', import.meta.url));
const CST = 8 * 3_600_000;
const OPEN = 'registered,rectifying,accepting,major';

/** The default period of the pack's dashboards (last 12 months, Beijing calendar), computed here, not taken from the app. */
function last12Months(now: number) {
  const d = new Date(now + CST);
  return { from: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 11, 1) - CST, to: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - CST };
}

/** {@link last12Months} as createdAt ledger filters. */
function period12(): Record<string, string> {
  const { from, to } = last12Months(Date.now());
  return { 'filter[createdAt][gte]': String(from), 'filter[createdAt][lt]': String(to) };
}

interface ChartOption {
  xAxis: Array<{ data: string[] }>;
  series: Array<{ name: string; data: Array<number | { name: string; value: number }> }>;
}

if (!hasChromium) console.warn('dashboards.e2e.test.ts skipped: /usr/bin/chromium is absent (CI installs Debian\u2019s chromium)');

describe.skipIf(!hasChromium)('Dashboards in Chromium: the bureau dashboard shows what a direct query of the records gives', () => {
  let server: TestServer & { dropDatabase(): Promise<void> };
  let browser: Browser;
  let token: string;
  const problems: string[] = [];
  /** A ledger total straight from the records API (filters written here, not the dashboard's drill-downs). */
  const ledgerTotal = async (view: string, q: Record<string, string>) => {
    const res = await server.request('GET', `/api/v1/ledgers/${view}?${new URLSearchParams({ ...q, pageSize: '1' }).toString()}`, { token });
    expect(res.status, res.text).toBe(200);
    return res.body.total as number;
  };
  const open = async (viewport: { width: number; height: number }, mobile: boolean, user = 'district.admin', at = '/dashboards', key = 'safety_dashboard_bureau', charts = 6): Promise<Page> => {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', isMobile: mobile, hasTouch: mobile, deviceScaleFactor: mobile ? 2 : 1 });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(`${server.url}/login`);
    await page.fill('input[data-test=login-username]', user);
    await page.fill('input[data-test=login-password]', DEMO_PASSWORD);
    await page.click('[data-test=login-submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${server.url}${at}`);
    await page.waitForSelector(`[data-test=dashboard][data-key=${key}]`);
    // every chart drawn, its animations finished
    await page.waitForFunction((n) => {
      const drawn = Array.from(document.querySelectorAll<HTMLElement>('[data-test=chart]'));
      return drawn.length >= n && drawn.every((c) => c.dataset.rendered === 'true');
    }, charts);
    return page;
  };
  const chartOf = (page: Page, widget: string) =>
    page.evaluate((id) => {
      const el = document.querySelector(`[data-widget="${id}"] [data-test=chart]`) as (HTMLElement & { sfChart?: { getOption(): unknown } }) | null;
      return JSON.parse(JSON.stringify(el?.sfChart?.getOption() ?? null));
    }, widget) as Promise<ChartOption>;

  beforeAll(async () => {
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(OUT, { recursive: true });
    ensureBuiltSpa();
    server = await startTestServer({ seedDemo: true });
    token = (await server.request('POST', '/api/v1/auth/login', { body: { username: 'district.admin', password: DEMO_PASSWORD } })).body.accessToken;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await server?.dropDatabase();
  });

  it('renders the KPIs, the enterprise bars and the risk colours with the numbers of the records API, and a KPI opens exactly its rows', async () => {
    // given
    const page = await open({ width: 1366, height: 900 }, false);
    const { from, to } = last12Months(Date.now());
    const period = { 'filter[createdAt][gte]': String(from), 'filter[createdAt][lt]': String(to) };
    // when: the numbers on screen
    const kpi = Object.fromEntries(
      await page.$$eval('[data-widget=hazardKpis] [data-test=kpi]', (els) => els.map((e) => [e.getAttribute('data-series'), e.getAttribute('data-value')])),
    ) as Record<string, string>;
    const byEnterprise = await chartOf(page, 'hazardsByEnterprise');
    const risk = await chartOf(page, 'riskByColour');
    await page.screenshot({ path: path.join(OUT, '01-bureau-desktop.png'), fullPage: true });
    // then: the same numbers, queried directly
    const found = await ledgerTotal('safety_hazard_ledger', period);
    const closed = await ledgerTotal('safety_hazard_ledger', { ...period, 'filter[status][in]': 'closed' });
    const overdue = await ledgerTotal('safety_hazard_ledger', { ...period, 'filter[status][in]': OPEN, 'filter[deadline][lt]': String(Date.now()) });
    expect(found).toBeGreaterThan(15);
    expect(Number(kpi.found)).toBe(found);
    expect(Number(kpi.closed)).toBe(closed);
    expect(Number(kpi.overdue)).toBe(overdue);
    expect(Number(kpi.rectificationRate)).toBe(Math.round((closed / found) * 1000) / 10);

    const enterprises = (await server.request('GET', '/api/v1/orgs?type=enterprise&pageSize=50', { token })).body.items as Array<{ id: string; name: string }>;
    const names = byEnterprise.xAxis[0]!.data;
    expect([...names].sort()).toEqual(enterprises.map((e) => e.name).sort());
    const foundSeries = byEnterprise.series.find((s) => s.name === '发现隐患')!;
    for (const [i, name] of names.entries()) {
      const org = enterprises.find((e) => e.name === name)!;
      expect(foundSeries.data[i], name).toBe(await ledgerTotal('safety_hazard_ledger', { ...period, orgId: org.id }));
    }
    const slices = risk.series[0]!.data as Array<{ name: string; value: number }>;
    const colours: Record<string, string> = { '重大风险(红)': 'red', '较大风险(橙)': 'orange', '一般风险(黄)': 'yellow', '低风险(蓝)': 'blue' };
    expect(slices.map((s) => s.name).sort()).toEqual(Object.keys(colours).sort());
    for (const s of slices) expect(s.value, s.name).toBe(await ledgerTotal('safety_risk_register', { 'filter[riskColor][in]': colours[s.name]!, 'filter[status][eq]': 'published' }));

    // when: a click on the overdue KPI
    await page.click('[data-widget=hazardKpis] [data-test=kpi][data-series=overdue]');
    await page.waitForURL(/\/ledgers\/safety_hazard_ledger\?/);
    await page.waitForSelector('[data-test=ledger-total]');
    // then: the ledger holds exactly that many rows
    expect(Number(await page.getAttribute('[data-test=ledger-total]', 'data-total'))).toBe(overdue);
    expect(await page.locator('[data-test=ledger-rows] .el-table__body tr').count()).toBe(Math.min(overdue, 20));
    await page.screenshot({ path: path.join(OUT, '02-drill-overdue-ledger.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('opens the records of a point of the monthly trend when it is clicked', async () => {
    // given
    const page = await open({ width: 1366, height: 900 }, false);
    const trend = await chartOf(page, 'hazardTrend');
    const found = trend.series[0]!.data as number[];
    const idx = found.indexOf(Math.max(...found));
    // when: a click on that month's point of the "found" line
    const point = await page.evaluate(
      ([i, v]) => {
        const el = document.querySelector('[data-widget="hazardTrend"] [data-test=chart]') as HTMLElement & { sfChart: { convertToPixel(f: object, v: number[]): number[] } };
        const [x, y] = el.sfChart.convertToPixel({ seriesIndex: 0 }, [i!, v!]);
        const r = el.getBoundingClientRect();
        return { x: r.left + x!, y: r.top + y! };
      },
      [idx, found[idx]!],
    );
    await page.mouse.click(point.x, point.y);
    await page.waitForURL(/\/ledgers\/safety_hazard_ledger\?/);
    await page.waitForSelector('[data-test=ledger-total]');
    // then
    const month = trend.xAxis[0]!.data[idx]!;
    const [y, m] = month.split('-').map(Number) as [number, number];
    const direct = await ledgerTotal('safety_hazard_ledger', { 'filter[createdAt][gte]': String(Date.UTC(y, m - 1, 1) - CST), 'filter[createdAt][lt]': String(Date.UTC(y, m, 1) - CST) });
    expect(found[idx]).toBe(direct);
    expect(Number(await page.getAttribute('[data-test=ledger-total]', 'data-total'))).toBe(direct);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('narrows to the org picked in the tree (kept in the URL with the period), and shows an enterprise user its own dashboard', async () => {
    // given
    const y = new Date(Date.now() + CST).getUTCFullYear();
    const ents = (await server.request('GET', '/api/v1/orgs?type=enterprise&pageSize=50', { token })).body.items as Array<{ id: string; name: string }>;
    const entA = ents.find((e) => e.name.startsWith('A区'))!;
    const year = { 'filter[createdAt][gte]': String(Date.UTC(y, 0, 1) - CST), 'filter[createdAt][lt]': String(Date.UTC(y + 1, 0, 1) - CST) };
    // when: the year from the URL, the enterprise picked in the org tree
    const page = await open({ width: 1366, height: 900 }, false, 'district.admin', `/dashboards/safety_dashboard_bureau?period=${y}`);
    const before = await page.getAttribute('[data-widget=hazardKpis] [data-test=kpi][data-series=found]', 'data-value');
    await page.locator('[data-test=org-pick]').first().click();
    await page.keyboard.type(entA.name.slice(0, 4)); // the picker filters the tree by name (and opens the branches that match)
    await page.locator('.el-tree-select__popper .el-select-dropdown__item', { hasText: entA.name }).first().click();
    await page.waitForURL((u) => u.searchParams.get('orgId') === entA.id);
    await page.waitForFunction((b) => document.querySelector('[data-widget=hazardKpis] [data-test=kpi][data-series=found]')?.getAttribute('data-value') !== b, before);
    const found = await page.getAttribute('[data-widget=hazardKpis] [data-test=kpi][data-series=found]', 'data-value');
    const picked = await page.locator('[data-test=org-pick]').first().textContent();
    expect(new URL(page.url()).searchParams.get('period')).toBe(String(y));
    expect(Number(before)).toBe(await ledgerTotal('safety_hazard_ledger', year));
    const own = await open({ width: 1366, height: 900 }, false, 'safety.a', '/dashboards', 'safety_dashboard_enterprise', 4);
    const ownFound = await own.getAttribute('[data-widget=hazardKpis] [data-test=kpi][data-series=found]', 'data-value');
    await own.screenshot({ path: path.join(OUT, '05-enterprise-own.png'), fullPage: true });
    // then
    expect(Number(found)).toBe(await ledgerTotal('safety_hazard_ledger', { ...year, orgId: entA.id }));
    expect(picked).toContain(entA.name);
    expect(own.url()).toContain('/dashboards/safety_dashboard_enterprise');
    expect(Number(ownFound)).toBe(await ledgerTotal('safety_hazard_ledger', { ...period12(), orgId: entA.id }));
    expect(problems).toEqual([]);
    await page.context().close();
    await own.context().close();
  }, 120_000);

  it('is one column on a phone (390×844), without sideways scrolling', async () => {
    // given
    const page = await open({ width: 390, height: 844 }, true);
    // when
    const boxes = await page.$$eval('[data-test=dashboard] > section', (els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, w: r.width })));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.screenshot({ path: path.join(OUT, '03-bureau-phone.png'), fullPage: false });
    await page.screenshot({ path: path.join(OUT, '04-bureau-phone-full.png'), fullPage: true });
    // then
    expect(boxes.length).toBe(12);
    expect(new Set(boxes.map((b) => Math.round(b.x))).size).toBe(1);
    expect(new Set(boxes.map((b) => Math.round(b.w))).size).toBe(1);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);
});
