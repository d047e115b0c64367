/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineServer, type EngineKit } from '../engine/testing/engineTestKit';
import { FakeClock } from '../testing/FakeClock';
import { seedMatrix, type MatrixFixture } from '../testing/seedMatrix';
import { notificationPollerOf } from './notifications.module';
import { notifyDemoBpmn } from './testing';

process.env.NOTIFY_TICK_MS = '0'; // the test ticks by hand after moving the clock

const HOUR = 3_600_000;

describe('notification centre: task notifications and the /notifications API', () => {
  const clock = new FakeClock('2026-12-01T02:00:00.000Z');
  let kit: EngineKit;
  let fx: MatrixFixture;
  let instanceId: string;
  // Basic auth: access tokens expire when the FakeClock moves
  const basic = (role: string, branch: 1 | 2) => ({ authorization: `Basic ${Buffer.from(`${fx.user(role, branch).username}:${fx.password}`).toString('base64')}` });
  const get = (role: string, path: string, branch: 1 | 2 = 1) => kit.server.request('GET', `/api/v1${path}`, { headers: basic(role, branch) });
  const post = (role: string, path: string, branch: 1 | 2 = 1) => kit.server.request('POST', `/api/v1${path}`, { headers: basic(role, branch) });
  const mine = async (role: string, branch: 1 | 2 = 1) => (await get(role, '/notifications?pageSize=100', branch)).body.items as any[];

  beforeAll(async () => {
    kit = await startEngineServer({ clock });
    fx = await seedMatrix(kit.server, { prefix: 'nt' });
    expect((await kit.deploy({ 'notify.bpmn': notifyDemoBpmn }, { 'tenant-id': fx.orgs.C.id })).status).toBe(200);
    const started = await kit.start('notifyDemo', { orgId: fx.orgs.E1.id, variables: { assignee: { value: fx.user('worker').username, type: 'String' } } });
    instanceId = started.id;
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('tells the assignee, the candidates of the task\'s org and the escalation candidates — once', async () => {
    // when the poller ticks (twice: the second finds nothing new)
    const poller = notificationPollerOf(kit.deps);
    const first = await poller.tick();
    const second = await poller.tick();
    // then the assignee has an assignment, the safety officer of E1 a claimable task due soon, the owner an escalation
    const tasks = (await kit.rest('GET', `/task?processInstanceId=${instanceId}`)).body as any[];
    const id = (key: string) => tasks.find((t) => t.taskDefinitionKey === key).id;
    expect((await mine('worker')).map((n) => [n.kind, n.link, n.params.taskName])).toEqual([['assignment', `/tasks/${id('mine')}`, 'Fill in the checklist']]);
    expect((await mine('safetyOfficer')).map((n) => n.kind).sort()).toEqual(['claimable', 'due_soon']);
    expect((await mine('enterpriseOwner')).map((n) => [n.kind, n.link])).toEqual([['escalation', `/tasks/${id('escalated')}`]]);
    expect(first.tasks).toBe(4);
    expect(second.tasks).toBe(0);
    // and nobody outside E1's line hears of it: E2's officer, the street above (no candidate role), the resident of C
    expect(await mine('safetyOfficer', 2)).toEqual([]);
    expect(await mine('enterpriseOwner', 2)).toEqual([]);
    expect(await mine('streetOfficer')).toEqual([]);
  });

  it('tells the candidates once the task is overdue', async () => {
    // when the 2-hour due time passes
    clock.advance(2 * HOUR + 60_000);
    await notificationPollerOf(kit.deps).tick();
    // then the officer has an overdue notification too, newest first
    const items = await mine('safetyOfficer');
    expect(items[0]).toMatchObject({ kind: 'overdue', event: 'overdue', readAt: null });
    expect(items[0].params.due).toBe('2026-12-01T04:00:00.000Z');
    expect(items).toHaveLength(3);
  });

  it('counts unread, marks one or all read, and keeps everyone to their own', async () => {
    // given the officer's three unread notifications
    expect((await get('safetyOfficer', '/notifications/unread-count')).body).toEqual({ count: 3 });
    const [first] = await mine('safetyOfficer');
    // when someone else tries to read or mark it
    const other = await post('worker', `/notifications/${first.id}/read`);
    // then 404, and it stays unread
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('notification.not_found');
    expect((await get('safetyOfficer', '/notifications?unread=true')).body.total).toBe(3);
    // when the officer marks it read: the count drops, the unread filter leaves it out
    const read = await post('safetyOfficer', `/notifications/${first.id}/read`);
    expect(read.status, read.text).toBe(200);
    expect(read.body.readAt).toBe(clock.now().toISOString());
    expect((await get('safetyOfficer', '/notifications/unread-count')).body).toEqual({ count: 2 });
    expect((await get('safetyOfficer', '/notifications?unread=true')).body.items.map((n: any) => n.id)).not.toContain(first.id);
    // when they mark all read
    expect((await post('safetyOfficer', '/notifications/read-all')).body).toEqual({ marked: 2 });
    expect((await get('safetyOfficer', '/notifications/unread-count')).body).toEqual({ count: 0 });
    // then the others' stay unread; a platform admin sees only their own (none)
    expect((await get('worker', '/notifications/unread-count')).body).toEqual({ count: 1 });
    expect((await get('platformAdmin', '/notifications')).body.total).toBe(0);
    expect((await kit.server.request('GET', '/api/v1/notifications')).status).toBe(401);
  });

  it('tells the claimer nothing new when they claim an offered task, and a new assignee when it is handed on', async () => {
    // given the officer claims the offered task, then the escalation task is assigned to E1's operator by an operator
    const tasks = (await kit.rest('GET', `/task?processInstanceId=${instanceId}`)).body as any[];
    const offered = tasks.find((t) => t.taskDefinitionKey === 'offered');
    const escalated = tasks.find((t) => t.taskDefinitionKey === 'escalated');
    expect((await post('safetyOfficer', `/tasks/${offered.id}/claim`)).status).toBe(200);
    expect((await kit.rest('POST', `/task/${escalated.id}/assignee`, { body: { userId: fx.user('operator').username } })).status).toBe(204);
    // when the poller ticks
    await notificationPollerOf(kit.deps).tick();
    // then the claimer has no assignment notification; the operator has an escalation assigned to them
    expect((await mine('safetyOfficer')).map((n) => n.kind)).not.toContain('assignment');
    expect((await mine('operator')).map((n) => [n.kind, n.event])).toEqual([['escalation', 'assigned']]);
  });
});
