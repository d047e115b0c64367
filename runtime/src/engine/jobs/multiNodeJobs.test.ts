import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { Command } from '../core/Command';
import { bpmn } from '../testing/bpmn';
import { freePort, killHard, startChildServer } from '../testing/childServer';
import { startEngineServer, until, type EngineKit } from '../testing/engineTestKit';

/** start → timer (one date for all instances) → async-before task → end: two jobs per instance. */
const together = bpmn(
  'twoNodes',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
   <intermediateCatchEvent id="wait"><timerEventDefinition><timeDate>\${dueAt}</timeDate></timerEventDefinition></intermediateCatchEvent>
   <sequenceFlow id="f2" sourceRef="wait" targetRef="work"/>
   <task id="work" camunda:asyncBefore="true"/>
   <sequenceFlow id="f3" sourceRef="work" targetRef="end"/>
   <endEvent id="end"/>`,
);

const N = 100;

describe('two SafeFlow nodes on one database, both running their job executors', () => {
  let kit: EngineKit | undefined;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child) await killHard(child);
    await kit?.close();
  });

  it('runs every due job exactly once: none twice, none lost', async () => {
    // given: node A in this process, node B a `safeflow start` child on the same DATA_DIR and database
    kit = await startEngineServer();
    const a = kit;
    const nodeB = await startChildServer({
      DATA_DIR: a.server.dataDir,
      DATABASE_URL: a.server.databaseUrl ?? '',
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      SAFEFLOW_INPROCESS_WORKERS: 'false',
    });
    child = nodeB.child;
    const adminAuth = `Basic ${Buffer.from(`${a.admin.username}:${a.admin.password}`).toString('base64')}`;
    const startOnB = async (body: unknown): Promise<string> => {
      const res = await fetch(`${nodeB.url}/engine-rest/process-definition/key/twoNodes/start`, {
        method: 'POST',
        headers: { authorization: adminAuth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { id: string }).id;
    };
    // count the jobs node A executes (B's are the rest)
    let executedByA = 0;
    const executor = a.engine.executor;
    const execute = executor.execute.bind(executor);
    executor.execute = (async (cmd: Command<unknown>) => {
      const result = await execute(cmd);
      if (cmd.name === 'ExecuteJob' && result === true) executedByA++;
      return result;
    }) as typeof executor.execute;
    expect((await a.deploy({ 'twoNodes.bpmn': together })).status).toBe(200);
    const ids: string[] = [];
    const startOn = async (node: 'a' | 'b', i: number, dueAt: string) => {
      const body = { businessKey: `n${i}`, variables: { dueAt: { value: dueAt, type: 'String' } } };
      ids.push(node === 'a' ? (await a.start('twoNodes', body)).id : await startOnB(body));
    };
    const completed = async () =>
      Number((await a.deps.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM hist_process_instance WHERE definition_key = 'twoNodes' AND state = 'COMPLETED'`))[0]!.n);

    // when: A's executor is stopped and five timers are already due
    await a.engine.jobs.stop();
    const past = new Date(Date.now() - 1000).toISOString();
    for (let i = 0; i < 5; i++) await startOn('a', i, past);
    await until(async () => (await completed()) === 5, 60_000);
    // then: B's executor ran all ten jobs on the shared database
    expect(executedByA).toBe(0);

    // when: both executors run and N instances, started through both nodes, wait for the same moment
    a.engine.jobs.start();
    const dueAt = new Date(Date.now() + 10_000).toISOString();
    for (let i = 5; i < N + 5; i++) await startOn(i % 2 === 0 ? 'a' : 'b', i, dueAt);
    await until(async () => (await completed()) === N + 5, 120_000);

    // then: every instance passed each activity exactly once
    const perActivity = await a.deps.db.query<{ activity_id: string; n: number }>(
      `SELECT h.activity_id, COUNT(*) AS n FROM hist_activity_instance h JOIN hist_process_instance p ON p.id = h.process_instance_id
        WHERE p.definition_key = 'twoNodes' GROUP BY h.activity_id ORDER BY h.activity_id`,
    );
    expect(perActivity.map((r) => [r.activity_id, Number(r.n)])).toEqual([
      ['end', N + 5],
      ['start', N + 5],
      ['wait', N + 5],
      ['work', N + 5],
    ]);
    const twice = await a.deps.db.query(
      `SELECT h.process_instance_id, h.activity_id FROM hist_activity_instance h JOIN hist_process_instance p ON p.id = h.process_instance_id
        WHERE p.definition_key = 'twoNodes' GROUP BY h.process_instance_id, h.activity_id HAVING COUNT(*) > 1`,
    );
    expect(twice).toEqual([]);
    const instances = await a.deps.db.query<{ id: string; state: string }>(`SELECT id, state FROM hist_process_instance WHERE definition_key = 'twoNodes'`);
    expect(new Set(instances.map((r) => r.id))).toEqual(new Set(ids));
    expect(instances.every((r) => r.state === 'COMPLETED')).toBe(true);
    // no job left behind, none failed, no incident (how the second batch splits between A and B varies from run to run)
    expect(await a.deps.db.query(`SELECT id FROM job`)).toEqual([]);
    expect(await a.deps.db.query(`SELECT id FROM incident`)).toEqual([]);
  }, 240_000);
});
