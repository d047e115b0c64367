import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestClip } from '@safeflow/plugin-kit/testing';
import { bpmn } from '../engine/testing/bpmn';
import { startEngineServer, until, type EngineKit } from '../engine/testing/engineTestKit';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
/** tsx as a loader of this one process (the tsx CLI would run the worker as a grandchild that a kill of the CLI leaves running). */
const tsxLoader = ['--import', 'tsx'];

/** greet, then video-diagnose of the camera in `cameraId`. */
const flow = bpmn(
  'outOfProcess',
  `<startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="greet"/>
   <serviceTask id="greet" camunda:type="external" camunda:topic="greet"/>
   <sequenceFlow id="f2" sourceRef="greet" targetRef="diagnose"/>
   <serviceTask id="diagnose" camunda:type="external" camunda:topic="video-diagnose"/>
   <sequenceFlow id="f3" sourceRef="diagnose" targetRef="end"/><endEvent id="end"/>`,
);

describe('safeflow worker --plugin (a separate process over real HTTP)', () => {
  let kit: EngineKit;
  let child: ChildProcess | undefined;
  let out = '';
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-worker-cli-'));
    kit = await startEngineServer(); // in-process workers are off under the test runner: only the child serves these topics
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await kit.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the example and video-diagnostics task types with a worker credential, reads cameras from the database, stops on SIGTERM', async () => {
    // given: a tenant camera, a worker credential for both topics, the process
    const tenant = await kit.createTenant('企业W');
    const clip = await makeTestClip(path.join(dir, 'cam.mp4'), { lavfi: 'testsrc2=size=320x240:rate=10' });
    const officer = await kit.createUser('w.officer', { tenantId: tenant, role: 'safetyOfficer' });
    const cam = await kit.server.request('POST', '/api/v1/cameras', {
      body: { orgId: tenant, name: 'W1', source: { kind: 'file', path: clip } },
      headers: { authorization: `Basic ${Buffer.from(`${officer.username}:${officer.password}`).toString('base64')}` },
    });
    expect(cam.status, cam.text).toBe(201);
    const creds = await kit.workerCredential(['greet', 'video-diagnose']);
    expect((await kit.deploy({ 'oop.bpmn': flow }, { 'tenant-id': tenant })).status).toBe(200);

    // when: the worker runs as its own process
    child = spawn(
      process.execPath,
      [...tsxLoader, 'runtime/src/cli/main.ts', 'worker', '--plugin', './plugin-kit/src/examples/greetPlugin.ts,@safeflow/plugin-video-diagnostics', '--engine-url', `${kit.server.url}/engine-rest`, '--username', creds.username, '--password', creds.password],
      { cwd: repoRoot, env: { ...process.env, DATA_DIR: kit.server.dataDir, DATABASE_URL: kit.server.databaseUrl ?? '', LOG_LEVEL: 'warn', VITEST: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    const pi = await kit.start('outOfProcess', { variables: { name: { value: 'Ann', type: 'String' }, cameraId: { value: cam.body.id, type: 'String' } } });

    // then
    await until(async () => (await kit.rest('GET', `/history/process-instance?processInstanceId=${pi.id}`)).body[0]?.state === 'COMPLETED', 90_000).catch(async (err: Error) => {
      // say what the child printed and where the instance waits, not only that it did not end
      const tasks = (await kit.rest('GET', `/external-task?processInstanceId=${pi.id}`)).body;
      throw new Error(`${err.message}; external tasks: ${JSON.stringify(tasks)}; worker output: ${out || '(none)'}; exit: ${child?.exitCode}`);
    });
    expect(out).toContain('safeflow worker: serving greet, video-diagnose at');
    const hv = async (name: string) => (await kit.rest('GET', `/history/variable-instance?processInstanceId=${pi.id}&variableName=${name}`)).body[0]?.value;
    expect(await hv('message')).toBe('你好, Ann!');
    expect(await hv('healthy')).toBe(true);
    const health = await kit.deps.db.query<{ status: string }>('SELECT status FROM camera_health WHERE camera_id = ?', [cam.body.id]);
    expect(health).toEqual([{ status: 'ok' }]);

    // when: stopped
    const code = await new Promise<number | null>((resolve) => {
      child!.once('exit', (c) => resolve(c));
      child!.kill('SIGTERM');
    });
    expect(code, out).toBe(0);
    child = undefined;
  }, 180_000);

  it('refuses a wrong password at the engine: the task stays unlocked', async () => {
    // a worker with bad credentials gets 401s on fetchAndLock and locks nothing
    const tenant = await kit.createTenant('企业X');
    expect((await kit.deploy({ 'oop2.bpmn': flow.replace('id="outOfProcess"', 'id="outOfProcess2"') }, { 'tenant-id': tenant })).status).toBe(200);
    const bad = spawn(process.execPath, [...tsxLoader, 'runtime/src/cli/main.ts', 'worker', '--plugin', './plugin-kit/src/examples/greetPlugin.ts', '--engine-url', `${kit.server.url}/engine-rest`, '--username', 'nobody', '--password', 'wrong'], {
      cwd: repoRoot, env: { ...process.env, LOG_LEVEL: 'warn', VITEST: '' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    bad.stdout.on('data', (b: Buffer) => (text += b.toString()));
    bad.stderr.on('data', (b: Buffer) => (text += b.toString()));
    try {
      const pi = await kit.start('outOfProcess2', { variables: { name: { value: 'Bo', type: 'String' } } });
      // the worker reports its failed polls (401) ...
      await until(() => text.includes('serving greet') && /poll failed/.test(text), 60_000);
      expect(text).toMatch(/401|Unauthorized/i);
      // ... and locked nothing
      const [task] = (await kit.rest('GET', `/external-task?processInstanceId=${pi.id}`)).body;
      expect(task.workerId).toBeNull();
    } finally {
      bad.kill('SIGKILL');
    }
  }, 120_000);
});
