/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are read loosely */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PACK_DIRS } from '../packs/installBundledPacks';
import { FakeClock } from '../testing/FakeClock';
import { startTestServer } from '../testing/startTestServer';
import { DEMO_PASSWORD } from './demoData';
import { demoInstancesRun } from './demoInstances.module';

type Server = Awaited<ReturnType<typeof startTestServer>>;
const basic = (username: string) => ({ authorization: `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}` });

describe('a living demo after start (demo seed, bundled safety pack, real engine, workers and scheduler)', { timeout: 240_000 }, () => {
  // Tuesday 10:00 +08:00: the daily inspection of 09:00 is open (due 17:00, missed 23:00)
  const clock = new FakeClock('2026-12-01T02:00:00.000Z');
  let server: Server;
  let dropDatabase: () => Promise<void> = async () => {};
  const env = { ...process.env };
  const api = (as: string, path: string) => server.request('GET', `/api/v1${path}`, { headers: basic(as) });
  const inbox = async (as: string) => {
    const res = await api(as, '/tasks?pageSize=200');
    expect(res.status, res.text).toBe(200);
    return res.body.items as any[];
  };
  beforeAll(async () => {
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    process.env.SCHEDULER_TICK_MS = '0';
    process.env.SEED_DEMO_PROCESSES = 'true';
    server = await startTestServer({ seedDemo: true, clock });
    dropDatabase = server.dropDatabase;
  });
  afterAll(async () => {
    await server?.close();
    await dropDatabase();
    process.env = env;
  });

  it("fills safety.a's inbox: today's inspection, hazards to confirm, rectify and accept, a risk review, a training to sign and an AI alarm to review", async () => {
    // given a fresh demo start
    // when its demo processes have been seeded
    const report = (await demoInstancesRun(server.runtime.deps))!;
    // then every story started, and the daily inspection's current occurrence was made for every enterprise
    expect(report.failed).toEqual([]);
    expect(report.started).toEqual(['hazard-confirm', 'hazard-rectify', 'hazard-accept', 'hazard-closed', 'risk-review', 'training-sign']);
    expect(report.occurrences['safety.inspection.daily']).toEqual({ occurrenceAt: '2026-12-01T01:00:00.000Z', targets: 5, kind: 'current' });
    const occ = await server.runtime.deps.db.query<{ state: string; n: number }>(`SELECT state, COUNT(*) AS n FROM schedule_occurrence GROUP BY state`);
    expect(occ.map((o) => [o.state, Number(o.n)])).toEqual([['open', 5]]);
    const tasks = await inbox('safety.a');
    const mine = tasks.map((t) => t.taskDefinitionKey).sort();
    // the risk review and, from the demo's AI patrol, the review of the helmet-less worker at A区冲压车间
    expect(mine).toEqual(['accept', 'attendance', 'confirm', 'fill', 'rectify', 'review', 'review']);
    expect(tasks.filter((t) => t.name === '审核AI告警')).toHaveLength(1);
    // the park inspector reviews the alarm of the park's route (B区储罐区)
    expect((await inbox('inspector')).filter((t) => t.name === '审核AI告警')).toHaveLength(1);
    // the principal sees the acceptance; the worker of A sees none of them
    expect((await inbox('owner.a')).map((t) => t.taskDefinitionKey)).toContain('accept');
    expect(await inbox('worker.a')).toEqual([]);
  });

  it('shows hazards in every state in the ledger, the process-backed ones in A', async () => {
    // given the seeded demo
    // when the city bureau and the safety officer of A open the hazard ledger
    const city = await api('city.admin', '/ledgers/safety_hazard_ledger?pageSize=100');
    const a = await api('safety.a', '/ledgers/safety_hazard_ledger?pageSize=100');
    // then the city sees every state, A its own records only (two seeded, four from the demo processes)
    expect(city.status, city.text).toBe(200);
    const present = Object.entries(city.body.countsByState as Record<string, number>).filter(([, n]) => n > 0).map(([k]) => k).sort();
    expect(present).toEqual(['accepting', 'closed', 'major', 'rectifying', 'registered', 'rejected']);
    // A's hazards: the pack's seed files (every seed of safety_hazard) plus one per state from the demo processes
    const seedDir = path.join(BUNDLED_PACK_DIRS[0]!, 'seed');
    const seeded: Record<string, number> = { registered: 1, rectifying: 1, accepting: 1, closed: 1, rejected: 0, major: 0 };
    for (const f of fs.readdirSync(seedDir).filter((n) => n.endsWith('.json'))) {
      const seed = JSON.parse(fs.readFileSync(path.join(seedDir, f), 'utf8')) as { collection?: string; records?: { org?: string; status?: string }[] };
      if (seed.collection !== 'safety_hazard') continue;
      for (const r of seed.records ?? []) if (r.org === 'enterpriseA' && r.status) seeded[r.status] = (seeded[r.status] ?? 0) + 1;
    }
    expect(a.body.countsByState).toEqual(seeded);
    const enterpriseA = a.body.items[0].orgId;
    expect(a.body.items.every((i: any) => i.orgId === enterpriseA)).toBe(true);
    expect(a.body.items.map((i: any) => i.data.title)).toEqual(expect.arrayContaining(['消防通道堆放货物', '配电箱未张贴警示标识', '砂轮机防护罩缺失', '应急照明灯损坏']));
  });

  it('adds nothing on a second start', async () => {
    // given the demo as it is
    const count = async () => {
      const db = server.runtime.deps.db;
      const [i] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM hist_process_instance`);
      const [o] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM schedule_occurrence`);
      const [r] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM record`);
      return [Number(i!.n), Number(o!.n), Number(r!.n)];
    };
    const before = await count();
    await server.close();
    // when the server starts again on the same database, an hour later
    clock.advance(3_600_000);
    server = await startTestServer({ seedDemo: true, clock, reuse: { dataDir: server.dataDir, databaseUrl: server.databaseUrl } });
    const report = (await demoInstancesRun(server.runtime.deps))!;
    // then no story starts again, no occurrence or record is added
    expect(report.started).toEqual([]);
    expect(report.existing).toHaveLength(6);
    expect(report.occurrences['safety.inspection.daily']).toBeUndefined();
    expect(await count()).toEqual(before);
  });
});
