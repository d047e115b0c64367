import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineOf } from '../../../runtime/src/engine/engine.module';
import { FakeClock } from '../../../runtime/src/testing/FakeClock';
import { startContentServer, until, type ContentServer } from './contentServer';

interface Group {
  groupKey: string;
  groupName: string;
  orgId: string | null;
  rank: number | null;
  measures: Record<string, number>;
  outputs: { score: number; band: string; completionRate: number; timelinessRate: number };
}

describe('W9 safety-duty: duty ranking follows the activity that produced it (real engine, workers, FakeClock)', { timeout: 120_000 }, () => {
  const clock = new FakeClock('2026-11-28T08:00:00.000Z');
  let s: ContentServer;
  const officers = { E1: 'safetyA', B: 'safetyB', E2: 'safetyOfficer.2' } as const;
  const instances: Record<string, string[]> = { E1: [], B: [], E2: [] };

  beforeAll(async () => {
    s = await startContentServer({ clock });
  });
  afterAll(async () => {
    await s?.close();
  });

  const orgOf = (ent: keyof typeof officers) => (ent === 'E1' ? s.orgs.entA.id : ent === 'B' ? s.orgs.entB.id : s.fx.orgs.E2.id);
  const ranking = async (view: string, as = 'cityBureauAdmin.1') => {
    const res = await s.api(as, 'GET', `/ledgers/${view}/aggregate`);
    expect(res.status, res.text).toBe(200);
    return res.body.groups as Group[];
  };
  const order = (groups: Group[]) => groups.map((g) => g.groupName);
  async function deliver(ent: keyof typeof officers, pi: string, activity: 'submit' | 'lateSubmit') {
    const who = officers[ent];
    const evidence = [await s.photo(who, orgOf(ent), 'meeting.png')];
    await s.submit(who, await s.task(pi, activity), { evidence, evidenceNote: '已召开月度安全例会，纪要及签到表见附件' });
    await s.submit(who, await s.task(pi, 'review'), { reviewResult: 'pass', reviewOpinion: '材料齐全' });
    await s.ended(pi);
  }

  it('lists every enterprise with the same score before anyone has done anything', async () => {
    // given two monthly duty tasks for E1 and B (street S1) and one for E2 (street S2), due in two days
    for (const [ent, n] of [['E1', 2], ['B', 2], ['E2', 1]] as const) {
      for (let i = 0; i < n; i++) {
        instances[ent]!.push(
          await s.startProcess(officers[ent], 'safety-duty', {
            title: `每月组织安全例会（${i + 1}）`, requirement: '主持召开月度安全生产例会并上传纪要', assignee: s.username(officers[ent]),
            dueAt: '2026-11-30T08:00:00.000Z', dutyKind: 'management', planId: 'plan-monthly-meeting',
          }),
        );
      }
    }
    for (const list of Object.values(instances)) for (const pi of list) await s.task(pi, 'submit');
    // when
    const groups = await ranking('safety_duty_ranking_enterprise');
    // then: 3 enterprises, all 0 % complete → equal scores, all ranked 1
    expect(groups.map((g) => g.orgId).sort()).toEqual([s.orgs.entA.id, s.orgs.entB.id, s.fx.orgs.E2.id].sort());
    const byOrg = Object.fromEntries(groups.map((g) => [g.orgId, [g.measures.tasksTotal, g.measures.tasksDone, g.outputs.score, g.rank]]));
    expect(byOrg).toEqual({ [s.orgs.entA.id]: [2, 0, 50, 1], [s.orgs.entB.id]: [2, 0, 50, 1], [s.fx.orgs.E2.id]: [1, 0, 50, 1] });
    expect(new Set(groups.map((g) => g.outputs.score))).toEqual(new Set([50]));
    expect(groups.every((g) => g.rank === 1)).toBe(true);
  });

  it('ranks by completion, timeliness and overdue tasks once tasks are done, late or missed', async () => {
    // when E1 does both on time, B one on time, and the due date passes
    await deliver('E1', instances.E1![0]!, 'submit');
    await deliver('E1', instances.E1![1]!, 'submit');
    await deliver('B', instances.B![0]!, 'submit');
    clock.advance(3 * 86_400_000);
    await engineOf(s.runtime.deps).jobs.runDueJobs();
    // B's second and E2's task are now 逾期
    await s.task(instances.B![1]!, 'lateSubmit');
    await s.task(instances.E2![0]!, 'lateSubmit');
    const overdue = await s.api('safetyB', 'GET', '/ledgers/safety_duty_task_ledger?filter[status][eq]=overdue');
    expect(overdue.body.items).toHaveLength(1);
    // and E2 hands in late
    await deliver('E2', instances.E2![0]!, 'lateSubmit');

    // then: E1 85 (all on time) > E2 70 (done, late) > B 62.5 (half done, one overdue)
    const ent = await ranking('safety_duty_ranking_enterprise');
    expect(order(ent)).toEqual(['mx Enterprise 1', 'mx Enterprise 2', 'mx Enterprise B']);
    expect(ent.map((g) => [g.outputs.score, g.rank])).toEqual([[85, 1], [70, 2], [62.5, 3]]);
    expect(ent[2]!.measures).toMatchObject({ tasksTotal: 2, tasksDone: 1, tasksOnTime: 1, tasksOverdue: 1 });
    expect(ent[1]!.outputs).toMatchObject({ completionRate: 1, timelinessRate: 0 });

    // by street: S1 = E1 + B (4 tasks, 3 done on time, 1 overdue) = 73.75 > S2 = E2 = 70
    const streets = await ranking('safety_duty_ranking_street');
    expect(streets.map((g) => [g.orgId, g.outputs.score, g.rank])).toEqual([[s.fx.orgs.S1.id, 73.75, 1], [s.fx.orgs.S2.id, 70, 2]]);

    // by person (the assignees)
    const people = await ranking('safety_duty_ranking_person');
    expect(people.map((g) => [g.groupKey, g.outputs.score])).toEqual([[s.username('safetyA'), 85], [s.username('safetyOfficer.2'), 70], [s.username('safetyB'), 62.5]]);

    // a district admin of D1 sees only its own street's enterprises
    expect((await ranking('safety_duty_ranking_enterprise', 'districtBureauAdmin.1')).map((g) => g.orgId).sort()).toEqual([s.orgs.entA.id, s.orgs.entB.id].sort());
  });

  it('drops an enterprise whose hazards stay open past their deadline, and lifts it again when they are closed', async () => {
    // given two hazards at E1, one of them past its deadline
    const ids: string[] = [];
    for (const [title, deadline] of [['配电柜前堆放杂物', '2026-11-29T00:00:00.000Z'], ['灭火器压力不足', '2026-12-20T00:00:00.000Z']] as const) {
      const res = await s.api('safetyA', 'POST', '/records/safety_hazard', { orgId: s.orgs.entA.id, data: { title, source: '1', origin: 'manual', grade: '0', treatment: '1', responsible: s.username('safetyA'), responsiblePerson: s.username('safetyA'), deadline } });
      expect(res.status, res.text).toBe(201);
      ids.push(res.body.id);
      const t = await s.api('safetyA', 'POST', `/records/safety_hazard/${res.body.id}/transition`, { to: 'rectifying', revision: res.body.revision });
      expect(t.status, t.text).toBe(200);
    }
    // when: E1 = 35 + 15 + 0 (no hazard closed) + 10 × (1 − 1/4) = 57.5
    const dropped = await ranking('safety_duty_ranking_enterprise');
    expect(dropped.map((g) => [g.groupName, g.outputs.score])).toEqual([['mx Enterprise 2', 70], ['mx Enterprise B', 62.5], ['mx Enterprise 1', 57.5]]);
    expect(dropped[2]!.measures).toMatchObject({ hazardsTotal: 2, hazardsClosed: 0, hazardsOverdue: 1 });

    // then closing both (rectified → accepted) puts it back on top
    for (const id of ids) {
      for (const to of ['accepting', 'closed']) {
        const cur = await s.api('safetyA', 'GET', `/records/safety_hazard/${id}`);
        const t = await s.api('safetyA', 'POST', `/records/safety_hazard/${id}/transition`, { to, revision: cur.body.revision });
        expect(t.status, t.text).toBe(200);
      }
    }
    const lifted = await until(async () => {
      const g = await ranking('safety_duty_ranking_enterprise');
      return g[0]!.groupName === 'mx Enterprise 1' ? g : undefined;
    });
    expect(lifted.map((g) => [g.groupName, g.outputs.score, g.rank])).toEqual([['mx Enterprise 1', 85, 1], ['mx Enterprise 2', 70, 2], ['mx Enterprise B', 62.5, 3]]);
    expect(lifted[0]!.measures).toMatchObject({ hazardsTotal: 2, hazardsClosed: 2, hazardsOverdue: 0 });
    // the person ranking counts duty tasks and training only (safety_hazard indexes no person), so it did not move
    const people = await ranking('safety_duty_ranking_person');
    expect(people.map((g) => [g.groupKey, g.outputs.score])).toEqual([[s.username('safetyA'), 85], [s.username('safetyOfficer.2'), 70], [s.username('safetyB'), 62.5]]);
  });
});
