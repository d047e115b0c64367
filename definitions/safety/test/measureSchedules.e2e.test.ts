/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are read loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedulerOf } from '../../../runtime/src/scheduler/scheduler.module';
import { FakeClock } from '../../../runtime/src/testing/FakeClock';
import { startContentServer, until, type ContentServer } from './contentServer';

const daily = { category: 'engineering', description: '冲压机加装光电保护装置', checkContent: '光电保护装置是否有效', cycleN: 1, cycleUnit: 'day', responsibleRole: 'safetyOfficer' };
const tierDefault = { category: 'management', description: '双手操作按钮点检', checkContent: '双手按钮是否被短接' };

describe('W1 → W2: publishing a risk assessment makes inspection schedules from its control measures (real engine, rules, records and schedules workers)', { timeout: 180_000 }, () => {
  const clock = new FakeClock('2026-12-01T03:00:00.000Z');
  let s: ContentServer;
  let pointId: string;
  beforeAll(async () => {
    process.env.SCHEDULER_TICK_MS = '0';
    s = await startContentServer({ clock });
    const res = await s.as('safetyA').post('/api/v1/records/safety_risk_point', {
      orgId: s.orgs.entA.id, data: { name: '1号冲压机', code: 'RP-M1', pointType: 'equipment', department: '冲压车间', zone: [[1, 1], [5, 1], [5, 5]], zoneCode: 'Z-M1' },
    });
    expect(res.status, res.text).toBe(201);
    pointId = res.body.id;
  });
  afterAll(async () => {
    await s?.close();
    delete process.env.SCHEDULER_TICK_MS;
  });

  async function assess(measures: unknown[]) {
    const pi = await s.startProcess('safetyA', 'safety-risk-assessment', { riskPointId: pointId });
    await s.submit('safetyA', await s.task(pi, 'identify'), { method: 'LEC', L: 3, E: 6, C: 7, controlEffectiveness: 'effective', measures });
    await s.submit('safetyA', await s.task(pi, 'review'), { decision: 'approve' });
    await s.ended(pi);
  }
  const schedules = async (as: string) => {
    const res = await s.api(as, 'GET', '/schedules');
    expect(res.status, res.text).toBe(200);
    return (res.body.items as any[]).filter((x) => x.key.startsWith(`measure.${pointId}.`));
  };
  const reassess = async () => {
    // Basic auth: the FakeClock has moved past the access tokens' lifetime
    const rec = await s.api('safetyA', 'GET', `/records/safety_risk_point/${pointId}`);
    const back = await s.api('safetyA', 'POST', `/records/safety_risk_point/${pointId}/transition`, { to: 'draft', revision: rec.body.revision });
    expect(back.status, back.text).toBe(200);
  };

  it('makes one schedule per measure: its own cycle and role, else the tier default (一般 → 班组级: daily, 安全员)', async () => {
    // given / when a 一般 (D=126) assessment with two measures is published
    await assess([daily, tierDefault]);
    // then two active every-N schedules target enterprise A's roles, with a check task
    const mine = await schedules('safetyA');
    expect(mine.map((x) => [x.key, x.active, x.orgId, x.content.cadence.every, x.content.targets])).toEqual([
      [`measure.${pointId}.1`, true, s.orgs.entA.id, { n: 1, unit: 'days' }, { orgIds: [s.orgs.entA.id], roles: ['safetyOfficer'] }],
      [`measure.${pointId}.2`, true, s.orgs.entA.id, { n: 1, unit: 'days' }, { orgIds: [s.orgs.entA.id], roles: ['safetyOfficer'] }],
    ]);
    expect(mine[1].content.action.task).toEqual({ form: 'safety.risk.measureCheck', name: '管控措施排查：双手按钮是否被短接' });
    // another enterprise's safety officer sees none of them
    expect(await schedules('safetyB')).toEqual([]);
  });

  it('puts the check task in the inbox when the cycle comes', async () => {
    // given the schedules above, anchored at 09:00 +08:00 the next day
    // when that time comes
    clock.set('2026-12-02T01:00:01.000Z');
    await schedulerOf(s.runtime.deps).tick();
    // then the safety officer of A has both check tasks with the measure form
    const tasks = await until(async () => {
      const res = await s.api('safetyA', 'GET', '/tasks?pageSize=200');
      const found = (res.body.items as any[]).filter((t) => t.name?.startsWith('管控措施排查'));
      return found.length === 2 ? found : undefined;
    });
    expect(tasks.map((t) => t.formKey)).toEqual(['safeflow:forms/safety.risk.measureCheck@latest', 'safeflow:forms/safety.risk.measureCheck@latest']);
    expect((await s.api('safetyB', 'GET', '/tasks?pageSize=200')).body.items.filter((t: any) => t.name?.startsWith('管控措施排查'))).toEqual([]);
  });

  it('changes nothing when the same assessment is published again, and deactivates the schedule of a removed measure', async () => {
    // given the schedules as they are
    const before = await schedules('safetyA');
    // when the point is re-assessed with the same measures
    await reassess();
    await assess([daily, tierDefault]);
    // then the schedules are the same rows, untouched
    const again = await schedules('safetyA');
    expect(again.map((x) => [x.id, x.revision, x.active])).toEqual(before.map((x) => [x.id, x.revision, x.active]));
    // when it is re-assessed without the second measure
    await reassess();
    await assess([daily]);
    // then that schedule is deactivated, the first one kept
    const after = await schedules('safetyA');
    expect(after.map((x) => [x.id, x.active])).toEqual([[before[0].id, true], [before[1].id, false]]);
  });
});
