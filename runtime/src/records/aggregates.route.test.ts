import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/FakeClock';
import { hazardCollection, hazardLedgerView } from './testing/hazardSamples';
import { startRecordsServer, type RecordsServer } from './testing/startRecordsServer';

const T = (zh: string, en: string) => ({ zh, en });

/** Hazards per enterprise: counts, open costs, a relative-time condition, a lookback window and a ranking. */
const byEnterprise = {
  key: 'hazardByEnterprise',
  collection: 'hazard',
  columns: [{ field: 'groupName', title: T('企业', 'Enterprise') }, { field: 'open', title: T('未销号', 'Open') }, { field: 'rank', title: T('排名', 'Rank') }],
  filters: [],
  defaultSort: { field: 'open', dir: 'desc' },
  exportColumns: [{ field: 'open', title: T('未销号', 'Open') }],
  aggregate: {
    groupBy: { orgType: 'enterprise' },
    measures: {
      total: { op: 'count' },
      open: { op: 'count', where: [{ field: 'status', op: 'ne', value: 'closed' }] },
      major: { op: 'count', where: [{ field: 'riskLevel', op: 'eq', value: 'major' }] },
      overdue: { op: 'count', where: [{ field: 'status', op: 'ne', value: 'closed' }, { field: 'deadline', op: 'lt', value: { nowPlusDays: 0 } }] },
      funds: { op: 'sum', field: 'rectifyCost' },
      avgFunds: { op: 'avg', field: 'rectifyCost' },
      maxFunds: { op: 'max', field: 'rectifyCost' },
      lastWeek: { op: 'count', lookbackDays: 7 },
    },
    rankBy: { field: 'open', dir: 'desc' },
  },
};

describe('aggregate views: GET /api/v1/ledgers/:view/aggregate (generic grouping, measures, ranking)', () => {
  const clock = new FakeClock('2026-11-28T08:00:00.000Z');
  let s: RecordsServer;
  beforeAll(async () => {
    s = await startRecordsServer({ clock });
    await s.publish('districtAdmin', 'collection', 'hazard', hazardCollection);
    await s.publish('districtAdmin', 'view', 'hazardLedger', hazardLedgerView);
    await s.publish('districtAdmin', 'view', 'hazardByEnterprise', byEnterprise);
    const add = async (who: 'safetyA' | 'safetyB', orgId: string, data: Record<string, unknown>) => {
      const r = await s.as(who).post('/api/v1/records/hazard', { orgId, data });
      if (r.status !== 201) throw new Error(r.text);
      return r.body;
    };
    // E1: three hazards (one major, one past its deadline, one closed); B: one, created ten days earlier
    clock.set('2026-11-18T08:00:00.000Z');
    await add('safetyB', s.orgs.entB.id, { title: '叉车无证驾驶', riskLevel: 'general', rectifyCost: 500, deadline: '2026-12-30T00:00:00.000Z' });
    clock.set('2026-11-28T08:00:00.000Z');
    await add('safetyA', s.orgs.entA.id, { title: '储罐区静电接地失效', riskLevel: 'major', rectifyCost: 20000, deadline: '2026-12-10T00:00:00.000Z' });
    await add('safetyA', s.orgs.entA.id, { title: '消防通道堵塞', riskLevel: 'general', rectifyCost: 0, deadline: '2026-11-20T00:00:00.000Z' });
    const closed = await add('safetyA', s.orgs.entA.id, { title: '灭火器过期', riskLevel: 'general', rectifyCost: 1000 });
    const t = await s.as('safetyA').post(`/api/v1/records/hazard/${closed.id}/transition`, { to: 'closed', revision: closed.revision });
    if (t.status !== 200) throw new Error(t.text);
  });
  afterAll(async () => {
    await s.close();
    await s.dropDatabase();
  });

  it('groups by enterprise with every enterprise in scope listed, measures from index slots, and competition ranks', async () => {
    // when
    const res = await s.as('districtAdmin').get('/api/v1/ledgers/hazardByEnterprise/aggregate');
    // then
    expect(res.status, res.text).toBe(200);
    expect(res.body.groups.map((g: { orgId: string; rank: number; measures: object }) => [g.orgId, g.rank, g.measures])).toEqual([
      [s.orgs.entA.id, 1, { total: 3, open: 2, major: 1, overdue: 1, funds: 21000, avgFunds: 7000, maxFunds: 20000, lastWeek: 3 }],
      [s.orgs.entB.id, 2, { total: 1, open: 1, major: 0, overdue: 0, funds: 500, avgFunds: 500, maxFunds: 500, lastWeek: 0 }],
    ]);
    expect(res.body).toMatchObject({ view: 'hazardByEnterprise', groupBy: { orgType: 'enterprise' }, ruleset: null });
  });

  it('follows the caller’s scope and the requested period', async () => {
    const mine = await s.as('safetyB').get('/api/v1/ledgers/hazardByEnterprise/aggregate');
    expect(mine.body.groups.map((g: { orgId: string }) => g.orgId)).toEqual([s.orgs.entB.id]);
    const early = await s.as('districtAdmin').get('/api/v1/ledgers/hazardByEnterprise/aggregate?to=2026-11-20T00:00:00.000Z');
    expect(early.body.groups.map((g: { measures: { total: number } }) => g.measures.total)).toEqual([1, 0]);
    expect((await s.as('otherAdmin').get('/api/v1/ledgers/hazardByEnterprise/aggregate')).status).toBe(404);
  });

  it('counts 0 for an optional measure whose collection is not installed, and refuses a required one', async () => {
    const withOptional = { ...structuredClone(byEnterprise), key: 'hazardWithPermits', aggregate: { ...structuredClone(byEnterprise.aggregate), measures: { ...byEnterprise.aggregate.measures, permits: { collection: 'permit', op: 'count', optional: true } } } };
    await s.publish('districtAdmin', 'view', 'hazardWithPermits', withOptional);
    const res = await s.as('districtAdmin').get('/api/v1/ledgers/hazardWithPermits/aggregate');
    expect(res.status, res.text).toBe(200);
    expect(res.body.groups.map((g: { measures: { permits: number; open: number } }) => [g.measures.permits, g.measures.open])).toEqual([[0, 2], [0, 1]]);
    const required = { ...withOptional, key: 'hazardNeedsPermits', aggregate: { ...withOptional.aggregate, measures: { ...withOptional.aggregate.measures, permits: { collection: 'permit', op: 'count' } } } };
    expect((await s.as('districtAdmin').post('/api/v1/definitions/view', { key: 'hazardNeedsPermits', name: 'x', content: required })).status).toBe(201);
    const p = await s.as('districtAdmin').post('/api/v1/definitions/view/hazardNeedsPermits/publish', {});
    expect(p.status).toBe(400);
    expect(p.body.details.issues).toEqual([expect.objectContaining({ path: 'aggregate.measures.permits.collection', code: 'view.unknown_collection' })]);
  });

  it('answers clear errors: a plain view, a reversed period, and aggregate views naming unindexed fields or relative times on non-dates', async () => {
    const plain = await s.as('districtAdmin').get('/api/v1/ledgers/hazardLedger/aggregate');
    expect(plain.status).toBe(400);
    expect(plain.body.code).toBe('ledger.not_aggregate');
    const reversed = await s.as('districtAdmin').get('/api/v1/ledgers/hazardByEnterprise/aggregate?from=2026-12-01&to=2026-11-01');
    expect(reversed.body.code).toBe('ledger.invalid_period');
    const bad = structuredClone(byEnterprise) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    bad.key = 'badAggregate';
    bad.aggregate.measures = { x: { op: 'sum', field: 'title' }, y: { op: 'count', where: [{ field: 'riskLevel', op: 'lt', value: { nowPlusDays: 1 } }] } };
    bad.aggregate.rankBy = { field: 'nope', dir: 'asc' };
    const c = await s.as('districtAdmin').post('/api/v1/definitions/view', { key: 'badAggregate', name: 'bad', content: bad });
    expect(c.status, c.text).toBe(201);
    const p = await s.as('districtAdmin').post('/api/v1/definitions/view/badAggregate/publish', {});
    expect(p.status).toBe(400);
    expect(p.body.details.issues.map((i: { path: string; code: string }) => `${i.path} ${i.code}`).sort()).toEqual([
      'aggregate.measures.x.field view.not_indexed',
      'aggregate.measures.y.where.0.value view.relative_time_not_date',
      'aggregate.rankBy.field view.unknown_aggregate_column',
      'columns.1.field view.unknown_aggregate_column',
      'defaultSort.field view.unknown_aggregate_column',
      'exportColumns.0.field view.unknown_aggregate_column',
    ]);
  });
});
