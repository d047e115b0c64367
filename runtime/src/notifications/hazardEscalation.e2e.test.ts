/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Creds } from '../engine/testing/engineTestKit';
import { startSafetyPackKit, type SafetyPackKit } from '../scheduler/testing/safetyPackKit';
import { FakeClock } from '../testing/FakeClock';
import { notificationPollerOf } from './notifications.module';

process.env.NOTIFY_TICK_MS = '0';

const DAY = 86_400_000;

describe('W3 overdue hazard escalation notifies the principal, then the street (real safety pack, FakeClock)', () => {
  const clock = new FakeClock('2026-12-01T02:00:00.000Z');
  let h: SafetyPackKit;
  beforeAll(async () => {
    h = await startSafetyPackKit(clock);
  });
  afterAll(async () => {
    await h?.kit.close();
  });
  const escalations = async (as: Creds) => {
    const res = await h.api(as, 'GET', '/notifications?pageSize=100');
    expect(res.status, res.text).toBe(200);
    return (res.body.items as any[]).filter((n) => n.kind === 'escalation');
  };

  it('escalates by the boundary timers and tells each level once', async () => {
    const officer = h.creds('safetyOfficer');
    const owner = h.creds('enterpriseOwner');
    const street = h.creds('streetOfficer');
    const poller = notificationPollerOf(h.kit.deps);
    // given a hazard under rectification with a deadline of 12-03
    const started = await h.api(officer, 'POST', '/processes/safety-hazard/start', {
      orgIds: [h.fx.orgs.E1.id], variables: { title: '消防通道堵塞', source: '1', origin: 'manual', location: '二号车间', suggestedGrade: '0' },
    });
    expect(started.status, started.text).toBe(201);
    const pi = started.body.instances[0].processInstanceId as string;
    await h.submit(officer, (await h.waitTask(officer, 'confirm', [pi])).id, { isHazard: 'yes', grade: '0', treatment: '1' });
    await h.submit(officer, (await h.waitTask(officer, 'notice', [pi])).id, { measures: '清理通道', responsible: '李四', funds: 0, deadline: '2026-12-03' });
    await h.waitTask(officer, 'rectify', [pi]);
    await poller.tick();
    expect(await escalations(owner)).toEqual([]);
    // when the deadline passes: the principal's supervision task
    await h.advance(2 * DAY + 60_000);
    const principal = await h.waitTask(owner, 'principal', [pi]);
    await poller.tick();
    // then the principal has one escalation notification linking to it; the street has none yet
    expect((await escalations(owner)).map((n) => [n.event, n.link, n.params.taskName])).toEqual([['offered', `/tasks/${principal.id}`, principal.name]]);
    expect(await escalations(street)).toEqual([]);
    // when 3 more days pass without the principal acting: the street's task
    await h.advance(3 * DAY + 60_000);
    const streetTask = await h.waitTask(street, 'street', [pi]);
    await poller.tick();
    await poller.tick();
    // then the street officer and the inspector of S1 hear of it once; the other branch's street does not
    expect((await escalations(street)).map((n) => n.link)).toEqual([`/tasks/${streetTask.id}`]);
    expect((await escalations(h.creds('inspector'))).map((n) => n.link)).toEqual([`/tasks/${streetTask.id}`]);
    expect(await escalations(h.creds('streetOfficer', 2))).toEqual([]);
    expect(await escalations(owner)).toHaveLength(1);
  }, 120_000);
});
