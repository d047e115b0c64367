import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../runtime/src/testing/FakeClock';
import { startContentServer, type ContentServer } from './contentServer';

interface Group {
  orgId: string;
  groupName: string;
  rank: number | null;
  measures: Record<string, number>;
  outputs: { compliant: boolean; missingComprehensive: boolean; missingOnSite: boolean; missingHighRiskDrill: boolean; missingReport: boolean; missingCount: number; isHighRisk: boolean };
}

describe('W8 safety-drill: a missing drill is flagged by the frequency rule (real engine, workers, FakeClock)', { timeout: 120_000 }, () => {
  const clock = new FakeClock('2026-11-28T08:00:00.000Z');
  let s: ContentServer;
  beforeAll(async () => {
    s = await startContentServer({ clock });
  });
  afterAll(async () => {
    await s?.close();
  });

  const officer = { E1: 'safetyA', B: 'safetyB', E2: 'safetyOfficer.2' } as const;
  const orgOf = (ent: keyof typeof officer) => (ent === 'E1' ? s.orgs.entA.id : ent === 'B' ? s.orgs.entB.id : s.fx.orgs.E2.id);
  const compliance = async () => {
    const res = await s.api('cityBureauAdmin.1', 'GET', '/ledgers/safety_drill_compliance/aggregate');
    expect(res.status, res.text).toBe(200);
    const groups = res.body.groups as Group[];
    return { groups, of: (ent: keyof typeof officer) => groups.find((g) => g.orgId === orgOf(ent))! };
  };

  /** Runs one drill through safety-drill: prepare → execute → evaluate (no findings) → [report] → archived. */
  async function drill(ent: keyof typeof officer, drillType: string, actualAt: string, extra: Record<string, unknown> = {}) {
    const who = officer[ent];
    const pi = await s.startProcess(who, 'safety-drill', { title: `${drillType} 演练 ${actualAt.slice(0, 10)}`, drillType, mode: 'live', dueAt: actualAt, ...extra });
    await s.submit(who, await s.task(pi, 'prepare'), { script: '1. 报警 2. 疏散 3. 初期火灾扑救 4. 清点人数', location: '3号车间', participants: [{ name: '张伟', role: '总指挥' }] });
    await s.submit(who, await s.task(pi, 'execute'), { actualAt, participantCount: 36, media: [await s.photo(who, orgOf(ent), 'drill.png')] });
    await s.submit(who, await s.task(pi, 'evaluate'), { summary: '疏散用时 4 分 30 秒，达到预案要求', evaluationOpinion: '演练有效', findingCount: 0 });
    return pi;
  }

  it('flags the enterprises whose drills are missing, and not the one that holds them', async () => {
    // given E1: a comprehensive drill in June and an on-site drill in October; B: one comprehensive drill; E2: none
    for (const pi of [await drill('E1', 'comprehensive', '2026-06-10T02:00:00.000Z'), await drill('E1', 'onSite', '2026-10-15T02:00:00.000Z'), await drill('B', 'comprehensive', '2026-09-01T02:00:00.000Z')]) await s.ended(pi);
    const archived = await s.api('safetyA', 'GET', '/ledgers/safety_drill_ledger?filter[status][eq]=archived');
    expect(archived.body.items).toHaveLength(2);

    // when
    const { groups, of } = await compliance();

    // then
    expect(of('E1').outputs).toMatchObject({ compliant: true, missingCount: 0 });
    expect(of('E1').measures).toMatchObject({ comprehensiveLastYear: 1, onSiteLastHalfYear: 1 });
    expect(of('B').outputs).toMatchObject({ compliant: false, missingOnSite: true, missingComprehensive: false, missingCount: 1 });
    expect(of('E2').outputs).toMatchObject({ compliant: false, missingOnSite: true, missingComprehensive: true, missingCount: 2 });
    expect(groups.map((g) => [g.orgId, g.rank])).toEqual([[orgOf('E2'), 1], [orgOf('B'), 2], [orgOf('E1'), 3]]);
  });

  it('asks a high-risk unit for a reported drill every half-year, and the report clears the flag', async () => {
    // given B's archive says its industry is 危险化学品仓储 (a high-risk unit)
    const org = await s.api('districtBureauAdmin.1', 'GET', `/orgs/${orgOf('B')}`);
    const patch = await s.api('districtBureauAdmin.1', 'PATCH', `/orgs/${orgOf('B')}`, { revision: org.body.revision, info: { ...org.body.info, industry: '危险化学品仓储' } });
    expect(patch.status, patch.text).toBe(200);
    expect((await compliance()).of('B').outputs).toMatchObject({ isHighRisk: true, missingReport: true, missingOnSite: true, missingCount: 2 });

    // when B holds an on-site drill; safety.drill.report asks for the report, which is filed
    const pi = await drill('B', 'onSite', '2026-11-20T02:00:00.000Z', { industry: '危险化学品仓储' });
    await s.submit('safetyB', await s.task(pi, 'report'), { reportedAt: '2026-11-21T01:00:00.000Z', reportTo: '滨江区应急管理局' });
    await s.ended(pi);

    // then
    const rec = (await s.api('safetyB', 'GET', '/ledgers/safety_drill_ledger?filter[drillType][eq]=onSite')).body.items[0];
    expect(rec).toMatchObject({ status: 'archived', data: { reportRequired: true, rectifyRequired: false, reportedAt: '2026-11-21T01:00:00.000Z' } });
    expect((await compliance()).of('B').outputs).toMatchObject({ compliant: true, missingCount: 0 });
  });

  it('flags a drill that has fallen out of its period when time passes', async () => {
    // when five months pass: E1's October on-site drill is more than half a year old
    clock.set('2027-05-01T08:00:00.000Z');
    const { of } = await compliance();
    // then E1 misses its on-site drill, its June comprehensive drill still counts for the year
    expect(of('E1').outputs).toMatchObject({ compliant: false, missingOnSite: true, missingComprehensive: false });
    // and a 2026 period asked for explicitly is judged against its own end
    const then = await s.api('cityBureauAdmin.1', 'GET', '/ledgers/safety_drill_compliance/aggregate?to=2026-12-31T00:00:00.000Z');
    expect((then.body.groups as Group[]).find((g) => g.orgId === orgOf('E1'))!.outputs).toMatchObject({ compliant: true });
  });
});
