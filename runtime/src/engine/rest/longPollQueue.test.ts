/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneExternalTask } from '../testing/bpmn';
import { startEngineServer, until, type Creds, type EngineKit } from '../testing/engineTestKit';

const CAPACITY = 200;

describe('the bounded long-poll queue (200 held fetchAndLock requests)', () => {
  let kit: EngineKit;
  let worker: Creds;
  beforeAll(async () => {
    kit = await startEngineServer();
    expect((await kit.deploy({ 'held.bpmn': oneExternalTask('held', 'held') })).status).toBe(200);
    worker = await kit.workerCredential(['held']);
  });
  afterAll(async () => {
    await kit.close();
  });

  const longPoll = (i: number) =>
    kit.rest('POST', '/external-task/fetchAndLock', {
      as: worker,
      body: { workerId: `w${i}`, maxTasks: 1, asyncResponseTimeout: 60_000, topics: [{ topicName: 'held', lockDuration: 60_000 }] },
    });

  it("answers the 201st with Camunda's 500 and still wakes every held one with its own task", async () => {
    // given: 200 long polls held
    const held = Array.from({ length: CAPACITY }, (_, i) => longPoll(i));
    await until(() => kit.engine.longPoll.size === CAPACITY, 30_000);
    // when: one more
    const rejected = await longPoll(CAPACITY);
    // then: rejected at once, the 200 still held
    expect(rejected.status).toBe(500);
    expect(rejected.headers.get('content-type')).toBe('application/json');
    expect(rejected.body).toEqual({
      type: 'InvalidRequestException',
      message: 'At the moment the server has to handle too many requests at the same time. Please try again later.',
    });
    expect(kit.engine.longPoll.size).toBe(CAPACITY);

    // when: 200 tasks appear
    const started = new Set<string>();
    for (let i = 0; i < CAPACITY; i++) started.add((await kit.start('held')).id);
    const answers = await Promise.all(held);
    // then: every held request got exactly one task, none twice, none missing
    expect(answers.map((a) => a.status)).toEqual(Array(CAPACITY).fill(200));
    expect(answers.map((a) => a.body.length)).toEqual(Array(CAPACITY).fill(1));
    const taskIds = answers.map((a) => a.body[0].id);
    expect(new Set(taskIds).size).toBe(CAPACITY);
    expect(new Set(answers.map((a) => a.body[0].processInstanceId))).toEqual(started);
    expect(answers.map((a) => a.body[0].workerId).sort()).toEqual(Array.from({ length: CAPACITY }, (_, i) => `w${i}`).sort());
    expect(kit.engine.longPoll.size).toBe(0);
  }, 60_000);

  it('takes a long poll again once the queue has room', async () => {
    // given: the queue drained by the test above
    expect(kit.engine.longPoll.size).toBe(0);
    // when
    const pending = longPoll(999);
    await until(() => kit.engine.longPoll.size === 1);
    const pi = await kit.start('held');
    const res = await pending;
    // then
    expect(res.status).toBe(200);
    expect(res.body.map((t: any) => t.processInstanceId)).toEqual([pi.id]);
  });
});
