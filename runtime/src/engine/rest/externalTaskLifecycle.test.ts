/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/FakeClock';
import { oneExternalTask } from '../testing/bpmn';
import { startEngineServer, until, type Creds, type EngineKit } from '../testing/engineTestKit';
import { gatewayAfterTask, withErrorBoundary } from '../testing/fixtures';

const fetchBody = (workerId: string, topic: string, extra: Record<string, unknown> = {}) => ({
  workerId,
  maxTasks: 10,
  topics: [{ topicName: topic, lockDuration: 10_000 }],
  ...extra,
});

describe('external task lifecycle over /engine-rest', () => {
  let kit: EngineKit;
  let clock: FakeClock;
  let worker: Creds;
  beforeAll(async () => {
    clock = new FakeClock();
    kit = await startEngineServer({ clock });
    const dep = await kit.deploy({
      'a.bpmn': oneExternalTask('fail', 'fail'),
      'b.bpmn': withErrorBoundary('errProc', 'err'),
      'c.bpmn': oneExternalTask('lock', 'lock'),
      'd.bpmn': gatewayAfterTask('gwProc', 'gw'),
      'e.bpmn': oneExternalTask('misc', 'misc'),
      'f.bpmn': oneExternalTask('expire', 'expire'),
    });
    expect(dep.status).toBe(200);
    worker = await kit.workerCredential(['fail', 'err', 'err-handle', 'lock', 'gw', 'misc', 'expire']);
  });
  afterAll(async () => {
    await kit.close();
  });

  const fetch = async (workerId: string, topic: string, extra: Record<string, unknown> = {}) => {
    const res = await kit.rest('POST', '/external-task/fetchAndLock', { as: worker, body: fetchBody(workerId, topic, extra) });
    expect(res.status).toBe(200);
    return res.body as any[];
  };
  const dbRows = (sql: string, params: unknown[] = []) => kit.deps.db.query<any>(sql, params);

  it('failure with retries down to 0 opens an incident; PUT retries resolves it and the task is fetched again', async () => {
    // given
    const pi = await kit.start('fail');
    const client = kit.client(worker, { workerId: 'fw' });
    const failures: number[] = [];
    client.subscribe('fail', async ({ task, taskService }) => {
      const retries = task.retries == null ? 2 : task.retries - 1;
      failures.push(retries);
      await taskService.handleFailure(task, { errorMessage: 'x'.repeat(700), errorDetails: 'stack trace', retries, retryTimeout: 0 });
    });
    // when
    client.start();
    const incident = await until(async () => {
      const res = await kit.rest('GET', `/incident?processInstanceId=${pi.id}`);
      return res.body.length ? res.body[0] : undefined;
    });
    client.stop();
    // then
    expect(failures).toEqual([2, 1, 0]);
    expect(incident).toMatchObject({ incidentType: 'failedExternalTask', processInstanceId: pi.id, activityId: 'work' });
    const [task] = (await kit.rest('GET', `/external-task?processInstanceId=${pi.id}`)).body;
    expect(task.retries).toBe(0);
    expect(task.errorMessage).toHaveLength(666);
    const details = await kit.rest('GET', `/external-task/${task.id}/errorDetails`);
    expect(details.text).toBe('stack trace');
    expect(await fetch('fw', 'fail')).toEqual([]);

    // when
    const put = await kit.rest('PUT', `/external-task/${task.id}/retries`, { body: { retries: 1 } });
    // then
    expect(put.status).toBe(204);
    expect((await kit.rest('GET', `/incident?processInstanceId=${pi.id}`)).body).toEqual([]);
    const again = await fetch('fw', 'fail');
    expect(again.map((t) => t.id)).toEqual([task.id]);
    expect(again[0]).toMatchObject({ retries: 1, errorDetails: 'stack trace' });
  });

  it('bpmnError takes the error boundary path', async () => {
    // given
    const pi = await kit.start('errProc');
    const client = kit.client(worker, { workerId: 'ew' });
    client.subscribe('err', async ({ task, taskService }) => taskService.handleBpmnError(task, 'HAZARD', 'found one'));
    // when
    client.start();
    const handle = await until(async () => {
      const res = await kit.rest('GET', `/external-task?processInstanceId=${pi.id}`);
      return res.body.find((t: any) => t.topicName === 'err-handle');
    });
    client.stop();
    // then
    expect(handle.activityId).toBe('handle');
    const acts = await kit.rest('GET', `/history/activity-instance?processInstanceId=${pi.id}`);
    expect(acts.body.map((a: any) => a.activityId)).toContain('onError');
  });

  it('extendLock by the locker moves the expiry; by another worker is 400; an expired lock cannot be extended', async () => {
    // given
    await kit.start('lock');
    const [task] = await fetch('lw', 'lock');
    // when
    const ok = await kit.rest('POST', `/external-task/${task.id}/extendLock`, { as: worker, body: { workerId: 'lw', newDuration: 60_000 } });
    const other = await kit.rest('POST', `/external-task/${task.id}/extendLock`, { as: worker, body: { workerId: 'x', newDuration: 60_000 } });
    // then
    expect(ok.status).toBe(204);
    expect(ok.text).toBe('');
    const after = (await kit.rest('GET', `/external-task/${task.id}`)).body;
    expect(new Date(after.lockExpirationTime.replace('+0000', 'Z')).getTime()).toBe(clock.now().getTime() + 60_000);
    expect(other.status).toBe(400);
    expect(other.body.type).toBe('RestException');
    // when
    clock.advance(61_000);
    const expired = await kit.rest('POST', `/external-task/${task.id}/extendLock`, { as: worker, body: { workerId: 'lw', newDuration: 1000 } });
    // then
    expect(expired.status).toBe(400);
    expect(expired.body.message).toBe('Cannot extend a lock that expired');
  });

  it('unlock (no body) wakes a waiting long poll at once', async () => {
    // given
    await kit.start('lock');
    const [task] = await fetch('holder', 'lock');
    const poll = kit.rest('POST', '/external-task/fetchAndLock', { as: worker, body: fetchBody('poller', 'lock', { asyncResponseTimeout: 20_000 }) });
    await until(() => kit.engine.longPoll.waitingFor('lock') === 1);
    // when
    const unlock = await kit.server.request('POST', `/engine-rest/external-task/${task.id}/unlock`, {
      headers: { authorization: `Basic ${Buffer.from(`${worker.username}:${worker.password}`).toString('base64')}` },
    });
    const res = await poll;
    // then
    expect(unlock.status).toBe(204);
    expect(res.body.map((t: any) => t.id)).toEqual([task.id]);
    expect(res.body[0].workerId).toBe('poller');
  });

  it('a lock that expired is re-delivered; then the first worker may not complete it', async () => {
    // given
    await kit.start('expire');
    const [first] = await fetch('w-one', 'expire');
    expect(await fetch('w-two', 'expire')).toEqual([]);
    // when
    clock.advance(10_001);
    const [again] = await fetch('w-two', 'expire');
    const late = await kit.rest('POST', `/external-task/${first.id}/complete`, { as: worker, body: { workerId: 'w-one' } });
    // then
    expect(again.id).toBe(first.id);
    expect(late.status).toBe(400);
    expect(late.body).toEqual({
      type: 'RestException',
      message: `External Task ${first.id} cannot be completed by worker 'w-one'. It is locked by worker 'w-two'.`,
    });
    expect((await kit.rest('POST', `/external-task/${first.id}/complete`, { as: worker, body: { workerId: 'w-two' } })).status).toBe(204);
  });

  it('a failing continuation rolls back: 500 and the task is still there, locked as before', async () => {
    // given
    const pi = await kit.start('gwProc');
    const [task] = await fetch('gw-w', 'gw');
    const before = await dbRows(`SELECT revision, state FROM process_instance WHERE id = ?`, [pi.id]);
    // when
    const res = await kit.rest('POST', `/external-task/${task.id}/complete`, {
      as: worker,
      body: { workerId: 'gw-w', variables: { ok: { value: false, type: 'Boolean' } } },
    });
    // then
    expect(res.status).toBe(500);
    expect(res.body.type).toBe('ProcessEngineException');
    const still = await kit.rest('GET', `/external-task/${task.id}`);
    expect(still.status).toBe(200);
    expect(still.body.workerId).toBe('gw-w');
    expect(await dbRows(`SELECT revision, state FROM process_instance WHERE id = ?`, [pi.id])).toEqual(before);
    // and a good completion then works
    const ok = await kit.rest('POST', `/external-task/${task.id}/complete`, {
      as: worker,
      body: { workerId: 'gw-w', variables: { ok: { value: true, type: 'Boolean' } } },
      headers: { 'content-type': 'application/json; charset=UTF-8' },
    });
    expect(ok.status).toBe(204);
  });

  it('two concurrent completes of one task: one 204, the other an error; the process moves once', async () => {
    // given
    const pi = await kit.start('misc');
    const [task] = await fetch('cc', 'misc');
    // when
    const results = await Promise.all([1, 2].map(() => kit.rest('POST', `/external-task/${task.id}/complete`, { as: worker, body: { workerId: 'cc' } })));
    // then
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(204);
    expect([404, 500]).toContain(statuses[1]);
    const hist = await kit.rest('GET', `/history/activity-instance?processInstanceId=${pi.id}&activityId=end`);
    expect(hist.body).toHaveLength(1);
  });

  it('rejects bad input with Camunda errors and changes nothing', async () => {
    // given
    const pi = await kit.start('misc');
    const [task] = await fetch('bad', 'misc');
    const snapshot = async () => ({
      task: await dbRows(`SELECT * FROM external_task WHERE id = ?`, [task.id]),
      inst: await dbRows(`SELECT revision FROM process_instance WHERE id = ?`, [pi.id]),
      incidents: await dbRows(`SELECT id FROM incident WHERE process_instance_id = ?`, [pi.id]),
    });
    const before = await snapshot();
    // when
    const negative = await kit.rest('POST', `/external-task/${task.id}/failure`, { as: worker, body: { workerId: 'bad', retries: -1 } });
    const tooLong = await kit.rest('POST', '/external-task/fetchAndLock', { as: worker, body: fetchBody('bad', 'misc', { asyncResponseTimeout: 1_800_001 }) });
    const jsonUpper = await kit.rest('POST', `/external-task/${task.id}/complete`, {
      as: worker,
      body: { workerId: 'bad', variables: { x: { value: '{}', type: 'JSON' } } },
    });
    const unknown = await kit.rest('POST', `/external-task/nope/complete`, { as: worker, body: { workerId: 'bad' } });
    // then
    expect(negative.status).toBe(400);
    expect(negative.body.type).toBe('RestException');
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toEqual({
      type: 'InvalidRequestException',
      message: 'The asynchronous response timeout cannot be set to a value greater than 1800000 milliseconds',
    });
    expect(jsonUpper.status).toBe(400);
    expect(jsonUpper.body.message).toContain('Unsupported value type');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ type: 'RestException', message: 'External task with id nope does not exist' });
    expect(await snapshot()).toEqual(before);
    // and a second complete is 404
    expect((await kit.rest('POST', `/external-task/${task.id}/complete`, { as: worker, body: { workerId: 'bad', variables: { x: { value: '{"a":1}', type: 'json' } } } })).status).toBe(204);
    const second = await kit.rest('POST', `/external-task/${task.id}/complete`, { as: worker, body: { workerId: 'bad' } });
    expect(second.status).toBe(404);
    const x = await kit.rest('GET', `/history/variable-instance?processInstanceId=${pi.id}&variableName=x`);
    expect(x.body[0]).toMatchObject({ type: 'Json', value: '{"a":1}' });
  });

  it('a worker credential may fetch only its topics and call only external-task endpoints; no credentials is 401', async () => {
    // given
    const narrow = await kit.workerCredential(['misc']);
    // when
    const other = await kit.rest('POST', '/external-task/fetchAndLock', { as: narrow, body: fetchBody('n', 'fail') });
    const tasks = await kit.rest('GET', '/task', { as: narrow });
    const anon = await kit.rest('GET', '/process-definition', { as: null });
    const wrong = await kit.rest('GET', '/external-task', { as: { username: narrow.username, password: 'nope' } });
    // then
    expect(other.status).toBe(403);
    expect(other.body.type).toBe('AuthorizationException');
    expect(tasks.status).toBe(403);
    expect(anon.status).toBe(401);
    expect(anon.headers.get('www-authenticate')).toBe('Basic realm="SafeFlow"');
    expect(wrong.status).toBe(401);
  });

  it('a lock that expires maxLockExpiries (5) times without a report becomes an incident instead of looping', async () => {
    // given
    const pi = await kit.start('expire');
    const deliveries: string[] = [];
    // when
    for (let i = 0; i < 8; i++) {
      const got = (await fetch(`silent-${i}`, 'expire')).filter((t) => t.processInstanceId === pi.id);
      deliveries.push(...got.map((t) => t.id));
      clock.advance(10_001);
    }
    // then
    expect(deliveries).toHaveLength(5);
    expect(new Set(deliveries).size).toBe(1);
    const incidents = (await kit.rest('GET', `/incident?processInstanceId=${pi.id}`)).body;
    expect(incidents).toHaveLength(1);
    expect(incidents[0].incidentMessage).toContain('Lock expired 5 times');
    const task = (await kit.rest('GET', `/external-task/${deliveries[0]}`)).body;
    expect(task.retries).toBe(0);
  });
});
