import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin, defineTaskType, type PluginDefinition } from '@safeflow/plugin-kit';
import { createRuntime } from '../app/createRuntime';
import { loadConfig } from '../config/loadConfig';
import { bpmn } from '../engine/testing/bpmn';
import { startEngineServer, until, type EngineKit } from '../engine/testing/engineTestKit';
import { createLogger } from '../logging/createLogger';
import { seedMatrix } from '../testing/seedMatrix';
import { startTestServer } from '../testing/startTestServer';
import { registryKnownTopics } from './registryKnownTopics';

const EXAMPLE = './plugin-kit/src/examples/greetPlugin.ts';

describe('plugin host: registries from configuration, the task-type catalogue', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer({ config: { plugins: ['@safeflow/plugin-video-diagnostics', EXAMPLE], remoteWorkerTopics: ['legacy-sms'] } });
    token = (await seedMatrix(server)).user('safetyOfficer', 1).token;
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('lists built-in, plugin and remote task types with their config as JSON Schema', async () => {
    // when
    const res = await server.request('GET', '/api/v1/catalogue/task-types', { token });
    // then
    expect(res.status, res.text).toBe(200);
    const byTopic = Object.fromEntries(res.body.items.map((i: { topic: string }) => [i.topic, i]));
    expect(Object.keys(byTopic)).toEqual(['rules', 'records', 'patrol-route', 'patrol-alarm', 'schedules', 'ai-detect', 'ai-alarm-review', 'video-diagnose', 'greet', 'legacy-sms']);
    expect(byTopic.rules).toMatchObject({ plugin: '@safeflow/runtime', name: { 'zh-CN': '规则判定', en: 'Rules decision' }, configSchema: { required: ['ruleset'], properties: { ruleset: { 'x-safeflow-ref': 'ruleset' } } } });
    expect(byTopic['video-diagnose']).toMatchObject({
      plugin: '@safeflow/plugin-video-diagnostics',
      name: { 'zh-CN': '视频诊断', en: 'Video diagnostics' },
      configSchema: { type: 'object', properties: { mode: { enum: ['diagnose', 'learn-baseline'], default: 'diagnose' }, frames: { type: 'integer', minimum: 1, maximum: 10 } } },
    });
    expect(byTopic['video-diagnose'].external).toBeUndefined();
    expect(byTopic.greet).toMatchObject({ plugin: '@safeflow/example-greet', configSchema: { properties: { times: { type: 'integer', default: 1 } } } });
    expect(byTopic['legacy-sms']).toEqual({ topic: 'legacy-sms', name: { 'zh-CN': 'legacy-sms', en: 'legacy-sms' }, configSchema: { type: 'object' }, external: true, plugin: 'remote' });
    // the registries in AppDeps are what the deploy check (modeler branch) reads
    expect(server.runtime.deps.taskTypes.topics()).toEqual(Object.keys(byTopic));
    expect(() => server.runtime.deps.taskTypes.register('late', {} as never)).toThrow(expect.objectContaining({ code: 'plugin.registry_frozen' }));
  });

  it('lists the installed plugins with their task types and designer contributions', async () => {
    const res = await server.request('GET', '/api/v1/catalogue/plugins', { token });
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.map((p: { name: string }) => p.name)).toEqual(['@safeflow/runtime', '@safeflow/plugin-ai-detect', '@safeflow/plugin-video-diagnostics', '@safeflow/example-greet']);
    expect(res.body.items[2]).toMatchObject({ version: '0.1.0', title: { en: 'Video diagnostics' }, taskTypes: ['video-diagnose'], detectors: [], designer: { palette: [{ topic: 'video-diagnose' }] } });
  });

  it('gives the deploy check the served topics and the task types (KnownTopics shape)', () => {
    const known = registryKnownTopics(server.runtime.deps);
    expect(known.topics('any-tenant')).toEqual(new Set(['rules', 'records', 'patrol-route', 'patrol-alarm', 'schedules', 'ai-detect', 'ai-alarm-review', 'video-diagnose', 'greet', 'legacy-sms']));
    expect(known.taskTypes('any-tenant').find((t) => t.topic === 'greet')).toMatchObject({ plugin: '@safeflow/example-greet' });
  });

  it('needs a login', async () => {
    expect((await server.request('GET', '/api/v1/catalogue/task-types')).status).toBe(401);
    expect((await server.request('GET', '/api/v1/catalogue/plugins')).status).toBe(401);
  });
});

describe('plugin host: start-up refuses bad plugin lists', () => {
  const dirs: string[] = [];
  const boot = (plugins: string[], extra: PluginDefinition[] = []) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-plugins-'));
    dirs.push(dir);
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', PORT: '0' }, { plugins });
    return createRuntime(config, { logger: createLogger('silent'), plugins: extra });
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('a plugin listed twice, or one that takes a built-in topic: plugin.duplicate_key', async () => {
    await expect(boot(['@safeflow/plugin-video-diagnostics', '@safeflow/plugin-video-diagnostics'])).rejects.toMatchObject({ code: 'plugin.duplicate_key' });
    const thief = definePlugin({
      name: 'thief',
      taskTypes: [defineTaskType({ topic: 'rules', name: { 'zh-CN': '偷', en: 'steal' }, configSchema: z.object({}), handler: async () => ({}) })],
    });
    await expect(boot([], [thief])).rejects.toMatchObject({ code: 'plugin.duplicate_key', message: "task type 'rules' is registered twice: by @safeflow/runtime and by thief" });
  });

  it('a plugin that is not installed: plugin.load_failed naming it', async () => {
    await expect(boot(['@safeflow/plugin-nope'])).rejects.toMatchObject({ code: 'plugin.load_failed', message: expect.stringContaining("'@safeflow/plugin-nope'") });
  });

  it('PLUGINS and REMOTE_WORKER_TOPICS are validated, with a default for npm start', () => {
    expect(loadConfig({}).plugins).toEqual(['@safeflow/plugin-video-diagnostics']);
    expect(loadConfig({ PLUGINS: '' }).plugins).toEqual([]);
    expect(loadConfig({ PLUGINS: ' a , @b/c ', REMOTE_WORKER_TOPICS: 'sms,mail.send' })).toMatchObject({ plugins: ['a', '@b/c'], remoteWorkerTopics: ['sms', 'mail.send'] });
    expect(() => loadConfig({ PLUGINS: 'Bad Name' })).toThrow(/PLUGINS/);
    expect(() => loadConfig({ REMOTE_WORKER_TOPICS: 'Not A Topic' })).toThrow(/REMOTE_WORKER_TOPICS/);
  });
});

describe('plugin host: in-process workers of a plugin (the example plugin, real client)', () => {
  let kit: EngineKit;
  beforeAll(async () => {
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    kit = await startEngineServer({ config: { plugins: [EXAMPLE] } });
  });
  afterAll(async () => {
    delete process.env.SAFEFLOW_INPROCESS_WORKERS;
    await kit.close();
  });

  it('runs the greet task with its camunda:properties as config and its own worker credential', async () => {
    // given
    const xml = bpmn(
      'hello',
      `<startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
       <serviceTask id="work" camunda:type="external" camunda:topic="greet">
         <extensionElements><camunda:properties><camunda:property name="greeting" value="您好"/><camunda:property name="times" value="2"/></camunda:properties></extensionElements>
       </serviceTask>
       <sequenceFlow id="f2" sourceRef="work" targetRef="end"/><endEvent id="end"/>`,
    );
    expect((await kit.deploy({ 'hello.bpmn': xml })).status).toBe(200);
    // when
    const pi = await kit.start('hello', { variables: { name: { value: '张三', type: 'String' } } });
    // then
    const [message] = await until(async () => {
      const r = await kit.rest('GET', `/history/variable-instance?processInstanceId=${pi.id}&variableName=message`);
      return r.body.length ? r.body : null;
    });
    expect(message.value).toBe('您好, 张三! 您好, 张三!');
    const creds = await kit.deps.db.query<{ topics: string }>(`SELECT topics FROM worker_credential WHERE name = 'safeflow in-process greet worker'`);
    expect(creds.map((c) => JSON.parse(c.topics))).toEqual([['greet']]);
  });
});
