import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedulerOf } from '../scheduler/scheduler.module';
import { DEMO_PASSWORD } from '../seed/demoData';
import { FakeClock } from '../testing/FakeClock';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import type { DashboardData, WidgetData } from './WidgetData';

const HOUR = 3_600_000;

describe('dashboards: inspection rounds of the safety pack’s daily schedule (done / missed = 漏检), as the occurrences API counts them', () => {
  // Thursday 2026-12-03 08:00 Beijing time: the daily inspection (09:00, Mon–Fri, missed after 14 h) is due within the hour
  const clock = new FakeClock('2026-12-03T00:00:00.000Z');
  let server: TestServer & { dropDatabase(): Promise<void> };
  /** Logs in afresh on every call: the clock jumps past the access token's lifetime. */
  const get = async (p: string) => {
    const token = (await server.request('POST', '/api/v1/auth/login', { body: { username: 'district.admin', password: DEMO_PASSWORD } })).body.accessToken;
    return server.request('GET', p, { token });
  };
  const rounds = async (): Promise<[WidgetData, WidgetData, DashboardData]> => {
    const res = await get('/api/v1/dashboards/safety_dashboard_bureau?period=2026-12');
    expect(res.status, res.text).toBe(200);
    const d = res.body as DashboardData;
    return [d.widgets.find((w) => w.id === 'inspectionCompletion')!, d.widgets.find((w) => w.id === 'inspectionRounds')!, d];
  };

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true, clock });
    await schedulerOf(server.runtime.deps).tick();
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('counts the rounds started, then the missed ones, and each state drills to exactly those occurrences', async () => {
    // given: 09:00 comes (one round per enterprise starts), then the miss time passes with none done
    clock.set('2026-12-03T01:00:05.000Z');
    await schedulerOf(server.runtime.deps).tick();
    const [, open] = await rounds();
    clock.advance(15 * HOUR);
    await schedulerOf(server.runtime.deps).tick();
    // when
    const [gauge, states, d] = await rounds();
    // then
    const all = await get(`/api/v1/schedules/occurrences?from=${new Date(d.period.from).toISOString()}&to=${new Date(d.period.to).toISOString()}&limit=1000`);
    expect(all.status, all.text).toBe(200);
    expect(all.body.total).toBeGreaterThanOrEqual(5);
    expect(open.groups.find((g) => g.key === 'open')!.values.count).toBe(all.body.total);
    const missed = all.body.items.filter((o: { state: string }) => o.state === 'missed').length;
    expect(missed).toBe(all.body.total);
    expect(gauge.totals.values).toEqual({ total: all.body.total, completed: 0, missed, completionRate: 0 });
    for (const g of states.groups) {
      const drill = g.drill.count;
      expect(drill?.kind).toBe('occurrences');
      const q = new URLSearchParams({ ...(drill as { query: Record<string, string> }).query, limit: '1' });
      const listed = await get(`/api/v1/schedules/occurrences?${q.toString()}`);
      expect(listed.status, listed.text).toBe(200);
      expect(listed.body.total, g.key).toBe(g.values.count);
    }
  });
});
