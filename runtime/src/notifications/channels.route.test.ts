/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of the API under test and of the loopback robot are checked by the assertions */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineServer, type EngineKit } from '../engine/testing/engineTestKit';
import { FakeClock } from '../testing/FakeClock';
import { seedMatrix, type MatrixFixture } from '../testing/seedMatrix';
import { BASE_BACKOFF_MS, MAX_ATTEMPTS } from './ChannelDeliverer';
import { notificationPollerOf } from './notifications.module';
import { notifyDemoBpmn } from './testing';

process.env.NOTIFY_TICK_MS = '0';

interface Hit {
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/** A real HTTP server on loopback speaking the robots' protocol: `{errcode, errmsg}` answers, scripted failures. */
async function startRobot() {
  const hits: Hit[] = [];
  const failNext: Record<string, number> = {};
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      hits.push({ path: url.pathname, query: url.searchParams, headers: req.headers, body: JSON.parse(raw) });
      if ((failNext[url.pathname] ?? 0) > 0) {
        failNext[url.pathname]!--;
        res.writeHead(500).end('busy');
      } else if (url.pathname === '/wecom-bad') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 93000, errmsg: 'invalid webhook url' }));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, hits, failNext, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('notification channels: tenant configuration, real webhook deliveries, retries', () => {
  const clock = new FakeClock('2026-12-01T02:00:00.000Z');
  let kit: EngineKit;
  let fx: MatrixFixture;
  let robot: Awaited<ReturnType<typeof startRobot>>;
  const ids: Record<string, string> = {};
  const basic = (role: string, branch: 1 | 2) => ({ authorization: `Basic ${Buffer.from(`${fx.user(role, branch).username}:${fx.password}`).toString('base64')}` });
  const api = (role: string, method: string, path: string, body?: unknown, branch: 1 | 2 = 1) => kit.server.request(method, `/api/v1${path}`, { body, headers: basic(role, branch) });

  beforeAll(async () => {
    robot = await startRobot();
    kit = await startEngineServer({ clock, config: { plugins: ['@safeflow/plugin-notify-webhooks'] } });
    fx = await seedMatrix(kit.server, { prefix: 'nc' });
    expect((await kit.deploy({ 'notify.bpmn': notifyDemoBpmn }, { 'tenant-id': fx.orgs.C.id })).status).toBe(200);
  });
  afterAll(async () => {
    await kit?.close();
    await robot?.close();
  });

  it('lets the tenant admin configure channels, with secrets shown as ***, and keeps other tenants\' admins and plain users out', async () => {
    // given the plugin's channel types
    const types = await api('cityBureauAdmin', 'GET', '/notification-channels/types');
    expect(types.status, types.text).toBe(200);
    expect(types.body.map((t: any) => t.key).sort()).toEqual(['dingtalk-robot', 'sms-gateway', 'wecom-robot']);
    expect(types.body.find((t: any) => t.key === 'dingtalk-robot').configSchema.properties).toHaveProperty('secret');
    // when the city admin configures four channels for the tenant
    const make = async (key: string, channelKey: string, config: Record<string, unknown>, kinds: string[] | null) => {
      const res = await api('cityBureauAdmin', 'POST', '/notification-channels', { orgId: fx.orgs.C.id, channelKey, name: key, config, kinds });
      expect(res.status, res.text).toBe(201);
      ids[key] = res.body.id;
      return res.body;
    };
    const wecom = await make('wecom', 'wecom-robot', { webhookUrl: `${robot.base}/wecom?key=wk-secret` }, ['assignment']);
    await make('dingtalk', 'dingtalk-robot', { webhookUrl: `${robot.base}/dingtalk?access_token=dt-token`, secret: 'SECdingtalk' }, ['escalation']);
    await make('sms', 'sms-gateway', { url: `${robot.base}/sms`, token: 'sms-token', to: ['+8613800000000'], signature: '【安全】' }, ['claimable']);
    await make('bad', 'wecom-robot', { webhookUrl: `${robot.base}/wecom-bad?key=x` }, ['assignment']);
    // then secrets never come back
    expect(wecom.config.webhookUrl).toBe('***');
    const read = await api('cityBureauAdmin', 'GET', `/notification-channels/${ids.dingtalk}`);
    expect(read.body.config).toEqual({ webhookUrl: '***', secret: '***' });
    expect((await api('cityBureauAdmin', 'GET', '/notification-channels')).body).toHaveLength(4);
    // and the audit entry has them redacted too
    const audit = await kit.deps.db.query<{ change_json: string }>(`SELECT * FROM audit_log WHERE action = 'notification_channel.create'`);
    expect(audit).toHaveLength(4);
    expect(JSON.stringify(audit)).not.toContain('SECdingtalk');
    expect(JSON.stringify(audit)).not.toContain('sms-token');
    // an enterprise owner of the other branch sees none of them; a worker may not ask; a bad config is refused whole
    expect((await api('enterpriseOwner', 'GET', '/notification-channels', undefined, 2)).body).toEqual([]);
    expect((await api('enterpriseOwner', 'GET', `/notification-channels/${ids.wecom}`, undefined, 2)).status).toBe(404);
    expect((await api('worker', 'GET', '/notification-channels')).status).toBe(403);
    const bad = await api('cityBureauAdmin', 'POST', '/notification-channels', { orgId: fx.orgs.C.id, channelKey: 'sms-gateway', name: 'x', config: { url: 'nope', to: [] } });
    expect([bad.status, bad.body.code]).toEqual([422, 'notification_channel.invalid_config']);
    expect((await api('cityBureauAdmin', 'POST', '/notification-channels', { orgId: fx.orgs.C.id, channelKey: 'pigeon', name: 'x', config: {} })).body.code).toBe('notification_channel.unknown_type');
    expect((await api('enterpriseOwner', 'POST', '/notification-channels', { orgId: fx.orgs.E1.id, channelKey: 'sms-gateway', name: 'x', config: {} }, 2)).status).toBe(404);
    expect((await api('cityBureauAdmin', 'GET', '/notification-channels')).body).toHaveLength(4);
  });

  it('keeps a stored secret when *** is sent back, and detects stale revisions', async () => {
    // given the DingTalk channel as read (secrets ***)
    const read = (await api('cityBureauAdmin', 'GET', `/notification-channels/${ids.dingtalk}`)).body;
    // when it is renamed with the redacted config
    const put = await api('cityBureauAdmin', 'PUT', `/notification-channels/${ids.dingtalk}`, { name: '钉钉督办群', config: read.config, kinds: ['escalation'], enabled: true, revision: read.revision });
    expect(put.status, put.text).toBe(200);
    // then the stored secrets are the old ones; the old revision is refused
    const [row] = await kit.deps.db.query<{ config: string }>('SELECT config FROM notification_channel WHERE id = ?', [ids.dingtalk]);
    expect(JSON.parse(row!.config)).toEqual({ webhookUrl: `${robot.base}/dingtalk?access_token=dt-token`, secret: 'SECdingtalk' });
    const stale = await api('cityBureauAdmin', 'PUT', `/notification-channels/${ids.dingtalk}`, { name: 'x', config: read.config, enabled: true, revision: read.revision });
    expect([stale.status, stale.body.code]).toEqual([409, 'notification_channel.conflict']);
  });

  it('sends each event to the channels of its kind in their exact protocol, retries with backoff, and gives up visibly', async () => {
    // given a process that makes an assignment, a claimable task and an escalation in E1; WeCom is busy once
    robot.failNext['/wecom'] = 1;
    await kit.start('notifyDemo', { orgId: fx.orgs.E1.id, variables: { assignee: { value: fx.user('worker').username, type: 'String' } } });
    // when the poller ticks
    const poller = notificationPollerOf(kit.deps);
    const first = await poller.tick();
    // then DingTalk got the escalation, signed; the SMS gateway the claimable task; WeCom failed once and waits
    expect(first).toMatchObject({ tasks: 4, sent: 2, retried: 2, failed: 0 });
    const ding = robot.hits.filter((h) => h.path === '/dingtalk');
    expect(ding).toHaveLength(1);
    const ts = ding[0]!.query.get('timestamp')!;
    const expected = crypto.createHmac('sha256', 'SECdingtalk').update(`${ts}\nSECdingtalk`).digest('base64');
    expect(ding[0]!.query.get('sign')).toBe(expected);
    expect(ding[0]!.query.get('access_token')).toBe('dt-token');
    expect(ding[0]!.body).toEqual({ msgtype: 'markdown', markdown: { title: '督办升级任务', text: expect.stringContaining('Supervise the overdue hazard') } });
    const sms = robot.hits.filter((h) => h.path === '/sms');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.headers.authorization).toBe('Bearer sms-token');
    expect(sms[0]!.body).toMatchObject({ to: ['+8613800000000'], kind: 'claimable', text: expect.stringMatching(/^【安全】有新的待领取任务：Inspect the warehouse/) });
    const wecomDeliveries = (await api('cityBureauAdmin', 'GET', `/notification-channels/${ids.wecom}/deliveries`)).body.items;
    expect(wecomDeliveries).toMatchObject([{ kind: 'assignment', state: 'pending', attempts: 1, lastError: expect.stringContaining('HTTP 500') }]);
    // when the backoff has passed
    clock.advance(BASE_BACKOFF_MS);
    expect(await poller.tick()).toMatchObject({ tasks: 0, sent: 1, retried: 1 });
    // then WeCom has the markdown message
    const wecom = robot.hits.filter((h) => h.path === '/wecom');
    expect(wecom).toHaveLength(2);
    expect(wecom[1]!.query.get('key')).toBe('wk-secret');
    expect(wecom[1]!.body).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringMatching(/^\*\*新任务指派给您\*\*\n\nFill in the checklist/) } });
    expect((await api('cityBureauAdmin', 'GET', `/notification-channels/${ids.wecom}`)).body.deliveries).toEqual({ pending: 0, sent: 1, failed: 0 });
    // when the robot keeps answering errcode != 0 through every backoff
    for (let i = 2; i <= MAX_ATTEMPTS; i++) {
      clock.advance(BASE_BACKOFF_MS * 2 ** (i - 1));
      await poller.tick();
    }
    // then the delivery failed for good after MAX_ATTEMPTS, with the robot's error, and is not tried again
    const bad = (await api('cityBureauAdmin', 'GET', `/notification-channels/${ids.bad}/deliveries?state=failed`)).body;
    expect(bad.items).toMatchObject([{ state: 'failed', attempts: MAX_ATTEMPTS, lastError: 'WeCom errcode 93000: invalid webhook url' }]);
    expect(robot.hits.filter((h) => h.path === '/wecom-bad')).toHaveLength(MAX_ATTEMPTS);
    clock.advance(86_400_000);
    await poller.tick();
    expect(robot.hits.filter((h) => h.path === '/wecom-bad')).toHaveLength(MAX_ATTEMPTS);
  });
});
