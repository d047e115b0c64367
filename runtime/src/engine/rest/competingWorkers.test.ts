/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, oneExternalTask } from '../testing/bpmn';

const approval = bpmn(
  'approval',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="approve"/>
   <userTask id="approve" name="Approve"/>
   <sequenceFlow id="f2" sourceRef="approve" targetRef="end"/>
   <endEvent id="end"/>`,
);
import { startEngineServer, until, type Creds, type EngineKit } from '../testing/engineTestKit';

describe('competing workers and long polling (real client, real clock)', () => {
  let kit: EngineKit;
  let worker: Creds;
  beforeAll(async () => {
    kit = await startEngineServer();
    expect((await kit.deploy({ 'bulk.bpmn': oneExternalTask('bulk', 'bulk'), 'late.bpmn': oneExternalTask('late', 'late'), 'approval.bpmn': approval })).status).toBe(200);
    worker = await kit.workerCredential(['bulk', 'late']);
  });
  afterAll(async () => {
    await kit.close();
  });

  it('two workers long-polling 200 tasks: each task is completed exactly once', async () => {
    // given
    const ids: string[] = [];
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) ids.push((await kit.start('bulk', { businessKey: `b${i}` })).id);
    const t1 = performance.now();
    const done = new Map<string, string[]>();
    const handler = (name: string) => async ({ task, taskService }: any) => {
      done.set(task.id, [...(done.get(task.id) ?? []), name]);
      await taskService.complete(task);
    };
    const a = kit.client(worker, { workerId: 'worker-a', asyncResponseTimeout: 1000, maxTasks: 7 });
    const b = kit.client(worker, { workerId: 'worker-b', asyncResponseTimeout: 1000, maxTasks: 7 });
    a.subscribe('bulk', handler('a'));
    b.subscribe('bulk', handler('b'));
    // when
    a.start();
    b.start();
    await until(async () => {
      const [row] = await kit.deps.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM process_instance WHERE definition_key = 'bulk'`);
      return Number(row!.n) === 0;
    }, 60_000);
    a.stop();
    b.stop();
    // let the stopped clients' last long polls (1 s) run out before the next tests count held requests
    await new Promise((r) => setTimeout(r, 1500));
    await until(() => kit.engine.longPoll.waitingFor('bulk') === 0, 5000);
    if (process.env.ENGINE_TIMING) console.log(`starts ${(t1 - t0).toFixed(0)} ms, processing ${(performance.now() - t1).toFixed(0)} ms`);
    // then
    expect(done.size).toBe(200);
    expect([...done.values()].every((w) => w.length === 1)).toBe(true);
    const byA = [...done.values()].filter((w) => w[0] === 'a').length;
    expect(byA).toBeGreaterThan(0);
    expect(byA).toBeLessThan(200);
    const ended = await kit.rest('GET', '/history/process-instance/count?processDefinitionKey=bulk&finished=true');
    expect(ended.body.count).toBe(200);
  }, 90_000);

  it('a long poll is answered as soon as a task of its topic is created', async () => {
    // given (held polls of the stopped clients have timed out)
    await until(() => kit.engine.longPoll.waitingFor('late') === 0, 15_000);
    const poll = kit.rest('POST', '/external-task/fetchAndLock', {
      as: worker,
      body: { workerId: 'lp', maxTasks: 1, asyncResponseTimeout: 30_000, topics: [{ topicName: 'late', lockDuration: 1000 }] },
    });
    await until(() => kit.engine.longPoll.waitingFor('late') === 1, 15_000);
    // when
    const pi = await kit.start('late');
    const res = await poll;
    // then
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.body.map((t: any) => t.processInstanceId)).toEqual([pi.id]);
  });

  it('a long poll with nothing to do answers [] at its timeout', async () => {
    // when
    const res = await kit.rest('POST', '/external-task/fetchAndLock', {
      as: worker,
      body: { workerId: 'lp', maxTasks: 1, asyncResponseTimeout: 300, topics: [{ topicName: 'late', lockDuration: 1000 }] },
    });
    // then
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    expect(kit.engine.longPoll.waitingFor('late')).toBe(0);
  });

  it('a long poll whose client hangs up is dropped, and lists its topic among the topic names', async () => {
    // given
    const controller = new AbortController();
    const auth = `Basic ${Buffer.from(`${worker.username}:${worker.password}`).toString('base64')}`;
    const req = fetch(`${kit.server.url}/engine-rest/external-task/fetchAndLock`, {
      method: 'POST',
      signal: controller.signal,
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ workerId: 'gone', maxTasks: 1, asyncResponseTimeout: 30_000, topics: [{ topicName: 'late', lockDuration: 1000 }] }),
    }).catch((e: Error) => e);
    await until(() => kit.engine.longPoll.waitingFor('late') === 1);
    // when
    controller.abort();
    await req;
    // then
    await until(() => kit.engine.longPoll.waitingFor('late') === 0, 5000);
    await kit.start('late');
    const names = await kit.rest('GET', '/external-task/topic-names?withUnlockedTasks=true', { as: worker });
    expect(names.body).toContain('late');
    const unlocked = await kit.rest('GET', '/external-task?topicName=late&notLocked=true', { as: worker });
    expect(unlocked.body.length).toBeGreaterThan(0);
  });

  it('concurrent starts and user-task completes all succeed (no deadlock surfaces)', async () => {
    // given
    const first = await Promise.all(Array.from({ length: 20 }, () => kit.start('approval')));
    const tasks = (await kit.rest('GET', '/task?processDefinitionKey=approval&maxResults=100')).body as any[];
    expect(tasks).toHaveLength(20);
    // when
    const [starts, completes] = await Promise.all([
      Promise.all(Array.from({ length: 20 }, () => kit.rest('POST', '/process-definition/key/approval/start', { body: {} }))),
      Promise.all(tasks.map((t) => kit.rest('POST', `/task/${t.id}/complete`, { body: {} }))),
    ]);
    // then
    expect(starts.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(completes.map((r) => r.status)).toEqual(Array(20).fill(204));
    for (const pi of first) expect((await kit.rest('GET', `/process-instance/${pi.id}`)).status).toBe(404);
    expect((await kit.rest('GET', '/task/count?processDefinitionKey=approval')).body.count).toBe(20);
  });
});

