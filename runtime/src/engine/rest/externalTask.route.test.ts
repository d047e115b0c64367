import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Variables } from 'camunda-external-task-client-js';
import { startEngineServer, until, type EngineKit, type Creds } from '../testing/engineTestKit';
import { oneExternalTask } from '../testing/bpmn';

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
