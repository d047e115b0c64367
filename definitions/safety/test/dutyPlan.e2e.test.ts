/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are read loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedulerOf } from '../../../runtime/src/scheduler/scheduler.module';
import { FakeClock } from '../../../runtime/src/testing/FakeClock';
import { startContentServer, until, type ContentServer } from './contentServer';

describe('W9: publishing a duty plan gives it a schedule of safety-duty tasks (real engine, records and schedules workers, scheduler)', { timeout: 180_000 }, () => {
  const clock = new FakeClock('2026-12-01T03:00:00.000Z');
  let s: ContentServer;
  beforeAll(async () => {
    process.env.SCHEDULER_TICK_MS = '0';
    s = await startContentServer({ clock });
  });
  afterAll(async () => {
    await s?.close();
    delete process.env.SCHEDULER_TICK_MS;
  });

  it("publishes the plan, schedules its cycle until the plan's end, and gives the assignee a duty task each cycle", async () => {
    // given a draft daily patrol plan of A's safety officer, ending in 10 days
    const res = await s.api('safetyA', 'POST', '/records/safety_duty_plan', {
      orgId: s.orgs.entA.id,
      data: { title: '安全员每日巡查', requirement: '按巡查路线完成巡查并上传记录', cycleN: 1, cycleUnit: 'day', endTime: '2026-12-11T00:00:00.000Z', dutyKind: 'behaviour', subjectRole: 'safetyOfficer', assignee: s.username('safetyA') },
    });
    expect(res.status, res.text).toBe(201);
    const planId = res.body.id as string;
    // when it is published through safety-duty-plan
    const pi = await s.startProcess('safetyA', 'safety-duty-plan', { planId });
    await s.ended(pi);
    // then the plan is published and has one schedule, visible to A and not to B
    expect((await s.api('safetyA', 'GET', `/records/safety_duty_plan/${planId}`)).body.status).toBe('published');
    const mine = (await s.api('safetyA', 'GET', '/schedules')).body.items.filter((x: any) => x.key === `dutyPlan.${planId}`);
    expect(mine.map((x: any) => [x.active, x.nextAt, x.content.cadence.every, x.content.endAt, x.content.action.process])).toEqual([
      [true, '2026-12-02T01:00:00.000Z', { n: 1, unit: 'days' }, '2026-12-11T00:00:00.000Z', 'safety-duty'],
    ]);
    expect((await s.api('safetyB', 'GET', '/schedules')).body.items.filter((x: any) => x.key === `dutyPlan.${planId}`)).toEqual([]);

    // when the first cycle comes
    clock.set('2026-12-02T01:00:01.000Z');
    await schedulerOf(s.runtime.deps).tick();
    // then the assignee has the duty task, due when the next cycle starts, and its record names the plan
    const task = await until(async () => {
      const items = (await s.api('safetyA', 'GET', '/tasks?pageSize=200')).body.items as any[];
      return items.find((t) => t.taskDefinitionKey === 'submit');
    });
    expect(task).toMatchObject({ assignee: s.username('safetyA'), orgId: s.orgs.entA.id });
    const duty = await until(async () => {
      const l = await s.api('safetyA', 'GET', `/ledgers/safety_duty_task_ledger?filter[planId][eq]=${planId}`);
      return l.body.items?.[0];
    });
    expect(duty.data).toMatchObject({ planId, title: '安全员每日巡查', dutyKind: 'behaviour', dueAt: '2026-12-03T01:00:00.000Z' });
  });
});
