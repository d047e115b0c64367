/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../engine/testing/engineTestKit';
import { FakeClock } from '../testing/FakeClock';
import { schedulerOf } from './scheduler.module';
import { startSafetyPackKit, type SafetyPackKit } from './testing/safetyPackKit';

const HOUR = 3_600_000;

describe('schedule actions: an inbox task with a form (createTask), and the checklist a schedule picks (real pack, engine, scheduler)', () => {
  const clock = new FakeClock('2026-12-01T00:30:00.000Z');
  let h: SafetyPackKit;
  const occurrences = (scheduleId: string) =>
    h.kit.deps.db.query<{ id: string; state: string; process_instance_id: string; due_at: number }>(
      'SELECT id, state, process_instance_id, due_at FROM schedule_occurrence WHERE schedule_id = ? ORDER BY occurrence_at', [scheduleId],
    );
  beforeAll(async () => {
    h = await startSafetyPackKit(clock);
  });
  afterAll(async () => {
    await h?.kit.close();
  });

  it('creates a task with the form in the target org’s inbox, due at the window’s due time; done when submitted, missed (漏检) when not', async () => {
    const officer = h.creds('safetyOfficer');
    // given a daily schedule that creates a 履职材料 task for E1's safety officers
    const res = await h.api(h.creds('districtBureauAdmin'), 'POST', '/schedules', {
      key: 'duty-evidence-daily', name: '每日履职材料', orgId: h.fx.orgs.D1.id,
      content: {
        cadence: { cron: '0 0 9 * * ?' }, window: { due: 'PT8H', miss: 'PT20H' },
        targets: { orgIds: [h.fx.orgs.E1.id], roles: ['safetyOfficer'] },
        action: { task: { form: 'safety.duty.evidence', name: '提交今日履职材料' } },
      },
    });
    expect(res.status, res.text).toBe(201);
    // when 09:00 Beijing time comes
    clock.set('2026-12-01T01:00:01.000Z');
    await schedulerOf(h.kit.deps).tick();
    // then E1's officer has the task with its form and due time; the other branch sees nothing
    const [occ] = await occurrences(res.body.id);
    expect(occ!.state).toBe('open');
    const task = await h.waitTask(officer, 'task', [occ!.process_instance_id]);
    expect(task).toMatchObject({ name: '提交今日履职材料', formKey: 'safeflow:forms/safety.duty.evidence@latest', due: '2026-12-01T09:00:00.000Z', orgId: h.fx.orgs.E1.id });
    expect(await h.tasks(h.creds('safetyOfficer', 2), 'task')).toEqual([]);
    // the form is validated: without the photo it is refused
    const bad = await h.api(officer, 'POST', `/tasks/${task.id}/submit`, { values: { evidenceNote: '已巡查' } });
    expect(bad.status).toBe(400);
    await h.submit(officer, task.id, { evidence: [await h.photo(officer)], evidenceNote: '已完成早班巡查' });
    await until(() => h.ended(occ!.process_instance_id));
    await schedulerOf(h.kit.deps).tick();
    expect((await occurrences(res.body.id))[0]!.state).toBe('done');

    // when the next day's task is left undone past its miss time
    clock.set('2026-12-02T01:00:01.000Z');
    await schedulerOf(h.kit.deps).tick();
    const second = (await occurrences(res.body.id))[1]!;
    await h.waitTask(officer, 'task', [second.process_instance_id]);
    await h.advance(20 * HOUR);
    await until(() => h.ended(second.process_instance_id));
    await schedulerOf(h.kit.deps).tick();
    // then it is missed and gone from the inbox
    expect((await occurrences(res.body.id))[1]!.state).toBe('missed');
    expect(await h.tasks(officer, 'task', [second.process_instance_id])).toEqual([]);
  }, 120_000);

  it('refuses an action with both a process and a task, or a bad form key', async () => {
    // given / when
    const post = (action: unknown) =>
      h.api(h.creds('districtBureauAdmin'), 'POST', '/schedules', {
        key: 'bad-action', name: 'x', orgId: h.fx.orgs.D1.id,
        content: { cadence: { cron: '0 0 9 * * ?' }, targets: { orgIds: [h.fx.orgs.E1.id] }, action },
      });
    // then
    expect((await post({ process: 'safety-inspection', task: { form: 'safety.duty.evidence', name: 'x' } })).status).toBe(400);
    expect((await post({ task: { form: '${x}', name: 'x' } })).status).toBe(400);
    expect((await post({})).status).toBe(400);
  });

  it('gives the inspection the checklist its schedule names (checklistKey)', async () => {
    const officer = h.creds('safetyOfficer');
    // given a confined-space inspection schedule for E1
    const res = await h.api(h.creds('districtBureauAdmin'), 'POST', '/schedules', {
      key: 'confined-weekly', name: '有限空间检查', orgId: h.fx.orgs.D1.id,
      content: {
        cadence: { cron: '0 0 14 * * ?' }, window: { due: 'PT4H', miss: 'PT8H' },
        targets: { orgIds: [h.fx.orgs.E1.id], roles: ['safetyOfficer'] },
        action: { process: 'safety-inspection', variables: { checkInRequired: false, checklistKey: 'safety.checklist.confinedSpace' } },
      },
    });
    expect(res.status, res.text).toBe(201);
    // when its occurrence starts
    clock.set('2026-12-03T06:00:01.000Z');
    await schedulerOf(h.kit.deps).tick();
    const [occ] = await occurrences(res.body.id);
    // then the 逐项检查 task carries that checklist form, and its form answers the task
    const fill = await h.waitTask(officer, 'fill', [occ!.process_instance_id]);
    expect(fill.formKey).toBe('safeflow:forms/safety.checklist.confinedSpace@latest');
    const refused = await h.api(officer, 'POST', `/tasks/${fill.id}/submit`, { values: {} });
    expect(refused.status).toBe(400);
    expect(refused.body.details.errors.map((e: any) => e.path ?? e.field)).toEqual(expect.arrayContaining(['inspectedArea']));
  }, 120_000);
});
