/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Variables } from 'camunda-external-task-client-js';
import { startEngineServer, until, type EngineKit, type Creds } from '../testing/engineTestKit';
import { oneExternalTask } from '../testing/bpmn';
import { FakeClock } from '../../testing/FakeClock';

describe('external tasks with camunda-external-task-client-js', () => {
  let kit: EngineKit;
  let worker: Creds;
  beforeAll(async () => {
    kit = await startEngineServer();
    const dep = await kit.deploy({ 'rules.bpmn': oneExternalTask('rulesProcess', 'rules') });
    expect(dep.status).toBe(200);
    worker = await kit.workerCredential(['rules']);
  });
  afterAll(async () => {
    await kit.close();
  });

  it('fetches a task with its variables and completes it; the instance ends', async () => {
    // given
    const pi = await kit.start('rulesProcess', { businessKey: 'bk-1', variables: { score: { value: 80, type: 'Integer' } } });
    const client = kit.client(worker);
    const seen: Array<{ score: unknown; businessKey: string }> = [];
    // when
    client.subscribe('rules', async ({ task, taskService }) => {
      seen.push({ score: task.variables.get('score'), businessKey: task.businessKey as string });
      const vars = new Variables().set('level', 'major');
      await taskService.complete(task, vars);
    });
    client.start();
    await until(async () => (await kit.rest('GET', `/process-instance/${pi.id}`)).status === 404);
    client.stop();
    // then
    expect(seen).toEqual([{ score: 80, businessKey: 'bk-1' }]);
    const hist = await kit.rest('GET', `/history/variable-instance?processInstanceId=${pi.id}&variableName=level`);
    expect(hist.body).toEqual([expect.objectContaining({ name: 'level', type: 'String', value: 'major' })]);
    const hpi = await kit.rest('GET', `/history/process-instance?processInstanceId=${pi.id}`);
    expect(hpi.body[0].state).toBe('COMPLETED');
  });

  it('answers with exactly Content-Type: application/json', async () => {
    // given
    await kit.start('rulesProcess');
    // when
    const res = await kit.rest('POST', '/external-task/fetchAndLock', {
      as: worker,
      body: { workerId: 'w1', maxTasks: 1, topics: [{ topicName: 'rules', lockDuration: 1000 }] },
    });
    // then
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ topicName: 'rules', workerId: 'w1', retries: null, errorMessage: null, businessKey: null, priority: 0 });
    expect(res.body[0].lockExpirationTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
  });
});

describe('GET|POST /external-task query parameters and sorting', () => {
  let kit: EngineKit;
  let worker: Creds;
  const label = new Map<string, string>();
  beforeAll(async () => {
    const clock = new FakeClock('2026-11-28T08:00:00.000Z');
    kit = await startEngineServer({ clock });
    await kit.deploy({ 'q1.bpmn': oneExternalTask('etqOne', 'etq-one', 'camunda:taskPriority="${p}"'), 'q2.bpmn': oneExternalTask('etqTwo', 'etq-two') });
    for (const [name, key, p] of [['e1', 'etqOne', 5], ['e2', 'etqOne', 50], ['e3', 'etqTwo', 0]] as const) {
      const pi = await kit.start(key, { variables: { p: { value: p, type: 'Integer' } } });
      label.set(pi.id, name);
      clock.advance(60_000);
    }
    worker = await kit.workerCredential(['etq-one', 'etq-two']);
    // e2 is locked until 09:03 by w-1; e3 fails with no retries left
    await kit.rest('POST', '/external-task/fetchAndLock', { as: worker, body: { workerId: 'w-1', maxTasks: 1, usePriority: true, topics: [{ topicName: 'etq-one', lockDuration: 3_600_000 }] } });
    const [e3] = (await kit.rest('POST', '/external-task/fetchAndLock', { as: worker, body: { workerId: 'w-2', maxTasks: 1, topics: [{ topicName: 'etq-two', lockDuration: 1000 }] } })).body;
    await kit.rest('POST', `/external-task/${e3.id}/failure`, { as: worker, body: { workerId: 'w-2', errorMessage: 'x', retries: 0, retryTimeout: 0 } });
  });
  afterAll(async () => {
    await kit.close();
  });
  const names = async (query: string, as?: Creds) => {
    const res = await kit.rest('GET', `/external-task?${query}`, { as });
    expect(res.status, `${query}: ${res.text}`).toBe(200);
    return (res.body as any[]).map((t) => label.get(t.processInstanceId));
  };

  it('filters by topic, worker, lock state and expiry, retries, activity, instances, definition, priority, suspension; sorts by every sortBy', async () => {
    // given
    const all = (await kit.rest('GET', '/external-task?sortBy=createTime&sortOrder=asc')).body as any[];
    const [e1, e2] = all;
    // when / then
    expect(all.map((t) => label.get(t.processInstanceId))).toEqual(['e1', 'e2', 'e3']);
    expect(await names(`externalTaskIdIn=${e1.id},${e2.id}`)).toEqual(['e1', 'e2']);
    expect(await names('topicName=etq-two')).toEqual(['e3']);
    expect(await names('workerId=w-1')).toEqual(['e2']);
    expect(await names('locked=true')).toEqual(['e2']);
    expect(await names('notLocked=true')).toEqual(['e1', 'e3']);
    expect(await names('lockExpirationAfter=2026-11-28T09:00:00.000%2B0000')).toEqual(['e2']);
    expect(await names('lockExpirationBefore=2026-11-28T09:00:00.000%2B0000')).toEqual(['e3']);
    expect(await names('noRetriesLeft=true')).toEqual(['e3']);
    expect(await names('withRetriesLeft=true')).toEqual(['e1', 'e2']);
    expect(await names('activityIdIn=work,other&processDefinitionId=' + e1.processDefinitionId)).toEqual(['e1', 'e2']);
    expect(await names(`processInstanceIdIn=${e1.processInstanceId},${all[2].processInstanceId}`)).toEqual(['e1', 'e3']);
    expect(await names('priorityHigherThanOrEquals=5&priorityLowerThanOrEquals=10')).toEqual(['e1']);
    expect(await names('sortBy=taskPriority&sortOrder=desc')).toEqual(['e2', 'e1', 'e3']);
    expect(await names('sortBy=lockExpirationTime&sortOrder=desc&locked=true')).toEqual(['e2']);
    expect(await names('sortBy=processDefinitionKey&sortOrder=desc&maxResults=1')).toEqual(['e3']);
    for (const sortBy of ['id', 'processInstanceId', 'processDefinitionId', 'tenantId', 'createTime']) {
      expect((await names(`sortBy=${sortBy}&sortOrder=desc`)).sort()).toEqual(['e1', 'e2', 'e3']);
    }
    const posted = await kit.rest('POST', '/external-task', { body: { topicName: 'etq-one', sorting: [{ sortBy: 'taskPriority', sortOrder: 'asc' }] } });
    expect(posted.body.map((t: any) => label.get(t.processInstanceId))).toEqual(['e1', 'e2']);
    expect((await kit.rest('POST', '/external-task/count', { body: { notLocked: true } })).body).toEqual({ count: 2 });
    expect((await kit.rest('GET', '/external-task?sortBy=priority&sortOrder=asc')).body).toEqual({
      type: 'InvalidRequestException',
      message: "Cannot set query parameter 'sortBy' to value 'priority'",
    });
  });

  it('suspended tasks are found by suspended=true; a worker credential sees only its own topics', async () => {
    // given
    const [e1] = (await kit.rest('GET', '/external-task?sortBy=createTime&sortOrder=asc')).body;
    await kit.rest('PUT', `/process-instance/${e1.processInstanceId}/suspended`, { body: { suspended: true } });
    const onlyTwo = await kit.workerCredential(['etq-two']);
    // when / then
    expect(await names('suspended=true')).toEqual(['e1']);
    expect(await names('active=true')).toEqual(['e2', 'e3']);
    expect(await names('', onlyTwo)).toEqual(['e3']);
    expect(await names('topicName=etq-one', onlyTwo)).toEqual([]);
    expect((await kit.rest('GET', '/external-task/count', { as: onlyTwo })).body).toEqual({ count: 1 });
  });
});
