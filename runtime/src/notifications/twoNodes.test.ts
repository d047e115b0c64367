/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of the loopback gateway are checked by the assertions */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startEngineServer, type EngineKit } from '../engine/testing/engineTestKit';
import { FakeClock } from '../testing/FakeClock';
import { seedMatrix } from '../testing/seedMatrix';
import { startTestServer } from '../testing/startTestServer';
import { NotificationPoller } from './NotificationPoller';
import { notificationPollerOf } from './notifications.module';
import { notifyDemoBpmn } from './testing';

process.env.NOTIFY_TICK_MS = '0';

describe('two nodes on one database, both ticking the notification poller', () => {
  let kit: EngineKit | undefined;
  let nodeB: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let gateway: http.Server | undefined;
  afterAll(async () => {
    await nodeB?.close();
    await kit?.close();
    await new Promise((r) => gateway?.close(r));
  });

  it('notifies every recipient once and sends every channel message once', async () => {
    // given an SMS gateway on loopback counting what it gets, a tenant channel for every kind, and 5 instances in E1
    const got: any[] = [];
    gateway = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        got.push(JSON.parse(raw));
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((r) => gateway!.listen(0, '127.0.0.1', r));
    const clock = new FakeClock('2026-12-01T02:00:00.000Z');
    const config = { plugins: ['@safeflow/plugin-notify-webhooks'] };
    kit = await startEngineServer({ clock, config });
    const fx = await seedMatrix(kit.server, { prefix: 'n2' });
    expect((await kit.deploy({ 'notify.bpmn': notifyDemoBpmn }, { 'tenant-id': fx.orgs.C.id })).status).toBe(200);
    const channel = await kit.server.request('POST', '/api/v1/notification-channels', {
      token: fx.user('cityBureauAdmin').token,
      body: { orgId: fx.orgs.C.id, channelKey: 'sms-gateway', name: 'sms', config: { url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`, to: ['13800000000'] } },
    });
    expect(channel.status, channel.text).toBe(201);
    for (let i = 0; i < 5; i++) await kit.start('notifyDemo', { orgId: fx.orgs.E1.id, variables: { assignee: { value: fx.user('worker').username, type: 'String' } } });
    // and a second node on the same database: on MariaDB a second runtime (its own pool); on SQLite a second poller in
    // this runtime (two runtimes in one process would block each other inside better-sqlite3's synchronous busy wait)
    const a = notificationPollerOf(kit.deps);
    let b = new NotificationPoller(kit.deps);
    if (kit.server.databaseUrl) {
      nodeB = await startTestServer({ clock, config, reuse: { dataDir: kit.server.dataDir, databaseUrl: kit.server.databaseUrl }, listen: false });
      b = notificationPollerOf(nodeB.runtime.deps);
    }
    // when both tick at once, twice each
    const reports = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    // then 5 × (assignment + claimable + due soon + escalation) notifications, each made by exactly one tick
    const rows = await kit.deps.db.query<{ recipient_id: string; source_key: string }>('SELECT recipient_id, source_key FROM notification');
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => `${r.recipient_id} ${r.source_key}`)).size).toBe(20);
    expect(reports.reduce((n, r) => n + r.tasks, 0)).toBe(20);
    // and the gateway got each of the 20 events once, whichever node sent it
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(20);
    expect(got).toHaveLength(20);
    const deliveries = await kit.deps.db.query<{ state: string; attempts: number }>('SELECT state, attempts FROM notification_delivery');
    expect(deliveries.map((d) => [d.state, Number(d.attempts)])).toEqual(Array.from({ length: 20 }, () => ['sent', 1]));
  }, 60_000);
});
