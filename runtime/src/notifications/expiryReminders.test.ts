/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineServer, type EngineKit } from '../engine/testing/engineTestKit';
import { PackInstaller } from '../packs/PackInstaller';
import { readPackDir } from '../packs/validatePack';
import { FakeClock } from '../testing/FakeClock';
import { seedMatrix, type MatrixFixture } from '../testing/seedMatrix';
import { notificationPollerOf } from './notifications.module';

process.env.NOTIFY_TICK_MS = '0';

const DAY = 86_400_000;
/** The certificate and emergency-supply part of the real safety pack (collections, their alert views with `reminders`, the supply ruleset). */
const PART = /^(manifest\.json|collections\/safety_(certificate|emergency_supply)\.json|views\/safety_(certificate|supply)_alerts\.json|rules\/safety\.emergency\.supplyAlert\.json)$/;

describe('expiry reminders declared by views (certificates, emergency supplies of the safety pack)', () => {
  const clock = new FakeClock('2026-12-01T02:00:00.000Z');
  let kit: EngineKit;
  let fx: MatrixFixture;
  const day = (offset: number) => new Date(clock.now().getTime() + offset * DAY).toISOString().slice(0, 10);
  const basic = (role: string, branch: 1 | 2) => ({ authorization: `Basic ${Buffer.from(`${fx.user(role, branch).username}:${fx.password}`).toString('base64')}` });
  const api = (role: string, method: string, path: string, body?: unknown, branch: 1 | 2 = 1) => kit.server.request(method, `/api/v1${path}`, { body, headers: basic(role, branch) });
  const mine = async (role: string, branch: 1 | 2 = 1) => (await api(role, 'GET', '/notifications?pageSize=100', undefined, branch)).body.items as any[];
  const record = async (collection: string, orgId: string, data: Record<string, unknown>, branch: 1 | 2 = 1) => {
    const res = await api('safetyOfficer', 'POST', `/records/${collection}`, { orgId, data }, branch);
    expect(res.status, res.text).toBe(201);
    return res.body.id as string;
  };
  const cert = (personName: string, nextReviewDue: string) => ({
    person: personName, personName, kind: 'specialOperation', category: '焊接与热切割作业', number: `T-${personName}`, issuer: '应急管理厅',
    issuedAt: day(-1000), expiresAt: day(1000), nextReviewDue, yearsInTrade: 3,
  });
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    kit = await startEngineServer({ clock });
    fx = await seedMatrix(kit.server, { prefix: 'ex' });
    const dir = fileURLToPath(new URL('../../../definitions/safety', import.meta.url));
    const files = Object.fromEntries(Object.entries(readPackDir(dir)).filter(([name]) => PART.test(name)));
    expect(Object.keys(files)).toHaveLength(6);
    await new PackInstaller(kit.deps).install(files, { tenantId: fx.orgs.C.id, requester: { actorId: 'system', actorName: 'system' } });
    ids.soon = await record('safety_certificate', fx.orgs.E1.id, cert('陈刚', day(45)));
    ids.past = await record('safety_certificate', fx.orgs.E1.id, cert('周强', day(-3)));
    ids.later = await record('safety_certificate', fx.orgs.E1.id, cert('王五', day(100)));
    ids.otherBranch = await record('safety_certificate', fx.orgs.E2.id, cert('赵六', day(10)), 2);
    ids.supply = await record('safety_emergency_supply', fx.orgs.E1.id, {
      name: '正压式空气呼吸器', code: 'KH-01', purpose: '应急救援', model: 'RHZK6.8', ownerDepartment: '安环部', category: 'protection', location: '一号仓库',
      quantity: 4, producedAt: day(-700), shelfLifeMonths: 24, expiresAt: day(10),
    });
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('reminds the roles the view names, in the record\'s org line, once per record, date and event', async () => {
    // when the poller ticks twice
    const poller = notificationPollerOf(kit.deps);
    const first = await poller.tick();
    const second = await poller.tick();
    // then E1's safety officer hears of the review due in 45 days, the overdue review and the supply expiring in 10 days
    const officer = await mine('safetyOfficer');
    const summary = (items: any[]) => items.map((n) => [n.kind, n.event, n.params.label, n.params.date, n.link]).sort();
    expect(summary(officer)).toEqual([
      ['expiry', 'expired', '周强', day(-3), `/records/safety_certificate/${ids.past}`],
      ['expiry', 'expiring', '正压式空气呼吸器', day(10), `/records/safety_emergency_supply/${ids.supply}`],
      ['expiry', 'expiring', '陈刚', day(45), `/records/safety_certificate/${ids.soon}`],
    ]);
    // the owner only of the certificates (the supply view names the officer only); E2's people of E2's certificate only
    expect(summary(await mine('enterpriseOwner')).map((s) => s[2])).toEqual(['周强', '陈刚']);
    expect(summary(await mine('safetyOfficer', 2)).map((s) => s[2])).toEqual(['赵六']);
    expect(await mine('worker')).toEqual([]);
    expect(await mine('streetOfficer')).toEqual([]);
    expect(first.expiry).toBe(3 + 2 + 2);
    expect(second.expiry).toBe(0);
  });

  it('reminds again when a reminded date passes, and of records that come into the lead time', async () => {
    // when 50 days pass
    clock.advance(50 * DAY);
    const report = await notificationPollerOf(kit.deps).tick();
    // then the review that was due soon is now overdue, the 100-day one is due soon, the supply has expired
    const officer = (await mine('safetyOfficer')).filter((n) => Date.parse(n.createdAt) === clock.now().getTime());
    expect(officer.map((n) => [n.event, n.params.label]).sort()).toEqual([['expired', '正压式空气呼吸器'], ['expired', '陈刚'], ['expiring', '王五']]);
    // (officer 3, owner 2, and E2's two people of 赵六's certificate, now overdue)
    expect(report.expiry).toBe(3 + 2 + 2);
  });
});
