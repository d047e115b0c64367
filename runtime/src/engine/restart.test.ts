import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, BasicAuthInterceptor } from 'camunda-external-task-client-js';
import { createTestDatabaseUrl } from '../testing/testDatabaseUrl';
import { bpmn, oneExternalTask } from './testing/bpmn';
import { killHard, freePort, runCli, startChildServer } from './testing/childServer';
import { until } from './testing/engineTestKit';

const review = bpmn(
  'restartFlow',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
   <serviceTask id="work" camunda:type="external" camunda:topic="rs-work"/>
   <sequenceFlow id="f2" sourceRef="work" targetRef="approve"/>
   <userTask id="approve" name="Approve"/>
   <sequenceFlow id="f3" sourceRef="approve" targetRef="end"/>
   <endEvent id="end"/>`,
);
const delayed = bpmn(
  'restartTimer',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
   <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT4S</timeDuration></timerEventDefinition></intermediateCatchEvent>
   <sequenceFlow id="f2" sourceRef="wait" targetRef="after"/>
   <serviceTask id="after" camunda:type="external" camunda:topic="rs-after"/>
   <sequenceFlow id="f3" sourceRef="after" targetRef="end"/>
   <endEvent id="end"/>`,
);
void oneExternalTask;

describe('restart of the server process (kill -9) mid-flight', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-restart-'));
  let db: Awaited<ReturnType<typeof createTestDatabaseUrl>>;
  const children: Array<import('node:child_process').ChildProcess> = [];
  afterAll(async () => {
    for (const c of children) await killHard(c);
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('every instance continues, no task is lost or duplicated, an overdue timer fires exactly once', async () => {
    // given: a server with an admin, a worker credential and two processes
    db = await createTestDatabaseUrl();
    const env: Record<string, string> = { DATA_DIR: dataDir, DATABASE_URL: db?.url ?? '', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: 'false' };
    await runCli(['user', 'create', '--username', 'admin', '--password', 'restart-pw-1', '--admin'], env);
    const cred = await runCli(['worker-credential', 'create', '--name', 'restart', '--topics', 'rs-work,rs-after'], env);
    const workerAuth = { username: /id:\s+(\S+)/.exec(cred)![1]!, password: /secret:\s+(\S+)/.exec(cred)![1]! };
    const admin = `Basic ${Buffer.from('admin:restart-pw-1').toString('base64')}`;
    env.PORT = String(await freePort());
    let server = await startChildServer(env);
    children.push(server.child);
    const call = async (method: string, p: string, body?: unknown) => {
      const res = await fetch(`${server.url}/engine-rest${p}`, {
        method,
        headers: { authorization: admin, ...(body === undefined || body instanceof FormData ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text && res.headers.get('content-type') === 'application/json' ? JSON.parse(text) : text };
    };
    const form = new FormData();
    form.append('deployment-name', 'restart');
    form.append('review.bpmn', new Blob([review]), 'review.bpmn');
    form.append('delayed.bpmn', new Blob([delayed]), 'delayed.bpmn');
    expect((await call('POST', '/deployment/create', form)).status).toBe(200);
    const N = 30;
    const ids: string[] = [];
    for (let i = 0; i < N; i++) ids.push((await call('POST', '/process-definition/key/restartFlow/start', { businessKey: `r${i}` })).body.id);
    const timerIds: string[] = [];
    for (let i = 0; i < 3; i++) timerIds.push((await call('POST', '/process-definition/key/restartTimer/start', {})).body.id);

    // when: a worker is completing tasks while the server is killed
    const completed: string[] = [];
    const makeClient = () => {
      const c = new Client({
        baseUrl: `${server.url}/engine-rest`,
        workerId: 'restart-worker',
        lockDuration: 2000,
        maxTasks: 3,
        interval: 50,
        autoPoll: false,
        interceptors: [new BasicAuthInterceptor(workerAuth)],
      } as never);
      c.subscribe('rs-work', async ({ task, taskService }) => {
        await new Promise((r) => setTimeout(r, 20));
        await taskService.complete(task);
        completed.push(task.id!);
      });
      return c;
    };
    let client = makeClient();
    client.start();
    await until(() => completed.length >= 8, 30_000);
    await killHard(server.child);
    client.stop();
    const before = completed.length;
    await new Promise((r) => setTimeout(r, 4500)); // the 4 s timers become overdue while the server is down
    server = await startChildServer(env);
    children.push(server.child);
    client = makeClient();
    client.start();
    await until(async () => (await call('GET', '/task/count')).body.count === N, 60_000);
    client.stop();

    // then: every instance waits at its user task exactly once; no external task is left
    const tasks = (await call('GET', '/task?maxResults=1000')).body as Array<{ processInstanceId: string; taskDefinitionKey: string }>;
    expect(tasks.map((t) => t.processInstanceId).sort()).toEqual([...ids].sort());
    expect(tasks.every((t) => t.taskDefinitionKey === 'approve')).toBe(true);
    expect((await call('GET', '/external-task/count?topicName=rs-work')).body.count).toBe(0);
    const works = (await call('GET', '/history/activity-instance?activityId=work&finished=true&maxResults=1000')).body as Array<{ processInstanceId: string }>;
    expect(works.map((w) => w.processInstanceId).sort()).toEqual([...ids].sort());
    expect(before).toBeGreaterThan(0);
    // and each overdue timer fired exactly once
    const after = await until(async () => {
      const r = (await call('GET', '/external-task?topicName=rs-after')).body as Array<{ processInstanceId: string }>;
      return r.length >= timerIds.length ? r : undefined;
    }, 20_000);
    await new Promise((r) => setTimeout(r, 800));
    const again = (await call('GET', '/external-task?topicName=rs-after')).body as Array<{ processInstanceId: string }>;
    expect(again.map((t) => t.processInstanceId).sort()).toEqual([...timerIds].sort());
    expect(after!.length).toBe(timerIds.length);
    const fired = (await call('GET', '/history/activity-instance?activityId=wait&finished=true')).body;
    expect(fired).toHaveLength(timerIds.length);
  }, 180_000);
});
