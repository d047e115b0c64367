import { Client, BasicAuthInterceptor } from 'camunda-external-task-client-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { oneExternalTask } from '../testing/bpmn';
import { startEngineServer, until, type Creds, type EngineKit } from '../testing/engineTestKit';

const DEFAULT_ID_WARNING = "a worker uses the client's default workerId 'some-random-id'";

describe("the warning for the client's default workerId", () => {
  let kit: EngineKit;
  let first: Creds;
  let second: Creds;
  let warn: ReturnType<typeof vi.spyOn>;
  beforeAll(async () => {
    kit = await startEngineServer();
    expect((await kit.deploy({ 'ping.bpmn': oneExternalTask('ping', 'ping') })).status).toBe(200);
    first = await kit.workerCredential(['ping']);
    second = await kit.workerCredential(['ping', 'other']);
    warn = vi.spyOn(kit.deps.logger, 'warn');
  });
  afterAll(async () => {
    warn.mockRestore();
    await kit.close();
  });

  const defaultIdWarnings = () => warn.mock.calls.filter((c: unknown[]) => typeof c[1] === 'string' && c[1].includes(DEFAULT_ID_WARNING));
  const fetchAs = (as: Creds, workerId: string) =>
    kit.rest('POST', '/external-task/fetchAndLock', { as, body: { workerId, maxTasks: 1, topics: [{ topicName: 'ping', lockDuration: 1000 }] } });

  it('is logged once for a real client left on its default id, however often it polls', async () => {
    // given: a real client constructed without a workerId
    await kit.start('ping');
    const client = new Client({ baseUrl: `${kit.server.url}/engine-rest`, autoPoll: false, interval: 10, interceptors: [new BasicAuthInterceptor(first)] } as never);
    const handled: string[] = [];
    client.subscribe('ping', async ({ task, taskService }) => {
      handled.push(task.id!);
      await taskService.complete(task);
    });
    // when: it polls many times (empty polls after the one task)
    client.start();
    await until(() => handled.length === 1);
    for (let i = 0; i < 5; i++) expect((await fetchAs(first, 'some-random-id')).status).toBe(200);
    client.stop();
    // then
    const warnings = defaultIdWarnings();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]![0]).toEqual({ caller: 'worker:w-ping' });
  });

  it('is logged once more for a second credential, and never for an explicit workerId', async () => {
    // given
    const before = defaultIdWarnings().length;
    // when
    for (let i = 0; i < 5; i++) {
      expect((await fetchAs(second, 'some-random-id')).status).toBe(200);
      expect((await fetchAs(second, 'gas-detector-7')).status).toBe(200);
      expect((await fetchAs(first, 'some-random-id')).status).toBe(200);
    }
    // then
    const warnings = defaultIdWarnings();
    expect(warnings).toHaveLength(before + 1);
    expect(warnings.at(-1)![0]).toEqual({ caller: 'worker:w-ping-other' });
  });
});
