import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { bpmn } from '../engine/testing/bpmn';
import { freePort, killHard, startChildServer } from '../engine/testing/childServer';
import { startEngineServer, until, type EngineKit } from '../engine/testing/engineTestKit';
import { seedMatrix } from '../testing/seedMatrix';
import { schedulerOf } from './scheduler.module';

process.env.SCHEDULER_TICK_MS = '0'; // this node ticks by hand (as fast as it can); the child ticks every 50 ms

const DAY = 86_400_000;
const round = bpmn(
  'twoNodeRound',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
   <userTask id="check" name="Round"/>
   <sequenceFlow id="f2" sourceRef="check" targetRef="end"/>
   <endEvent id="end"/>`,
);

describe('two SafeFlow nodes on one database, both running the scheduler', () => {
  let kit: EngineKit | undefined;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child) await killHard(child);
    await kit?.close();
  });

  it('catches up a 3-day downtime with every occurrence fired exactly once', async () => {
    // given a daily schedule (catch-up 'all') for the two enterprises whose last tick was 3 days ago
    kit = await startEngineServer();
    const fx = await seedMatrix(kit.server, { prefix: 'tn' });
    expect((await kit.deploy({ 'round.bpmn': round }, { 'tenant-id': fx.orgs.C.id })).status).toBe(200);
    const now = Date.now();
    const anchor = new Date(now - 3 * DAY - DAY / 2).toISOString();
    const city = fx.user('cityBureauAdmin', 1);
    const c = await kit.server.request('POST', '/api/v1/schedules', {
      token: city.token,
      body: {
        key: 'two-nodes', name: 'two nodes', orgId: fx.orgs.C.id,
        content: { cadence: { every: { n: 1, unit: 'days' }, anchor }, targets: { orgTypes: ['enterprise'] }, action: { process: 'twoNodeRound' }, catchUp: 'all', window: { miss: 'P5D' } },
      },
    });
    expect(c.status, c.text).toBe(201);
    await kit.deps.db.transaction((tx) => tx.execute('UPDATE schedule SET next_at = ? WHERE id = ?', [Date.parse(anchor) + DAY, c.body.id]));

    // when node B (a `safeflow start` child on the same data dir and database) and node A tick together
    const nodeB = await startChildServer({
      DATA_DIR: kit.server.dataDir, DATABASE_URL: kit.server.databaseUrl ?? '', HOST: '127.0.0.1', PORT: String(await freePort()),
      LOG_LEVEL: 'warn', SEED_DEMO: 'false', SAFEFLOW_INPROCESS_WORKERS: 'false', SCHEDULER_TICK_MS: '50',
    });
    child = nodeB.child;
    const scheduler = schedulerOf(kit.deps);
    const rows = () => kit!.deps.db.query<{ occurrence_at: number | string; target_org_id: string; state: string; process_instance_id: string | null }>(
      'SELECT occurrence_at, target_org_id, state, process_instance_id FROM schedule_occurrence WHERE schedule_id = ?', [c.body.id],
    );
    await until(async () => {
      await Promise.all([scheduler.tick(), scheduler.tick()]);
      const r = await rows();
      return r.length === 6 && r.every((o) => o.state === 'open');
    }, 30_000);
    // a few more rounds on both nodes change nothing
    for (let i = 0; i < 5; i++) await scheduler.tick();
    await new Promise((r) => setTimeout(r, 300));

    // then 3 occurrences × 2 enterprises, each with its own instance, none twice
    const r = await rows();
    expect(r).toHaveLength(6);
    expect(new Set(r.map((o) => `${o.occurrence_at}|${o.target_org_id}`)).size).toBe(6);
    expect(new Set(r.map((o) => o.target_org_id))).toEqual(new Set([fx.orgs.E1.id, fx.orgs.E2.id]));
    const instances = await kit.deps.db.query<{ id: string; org_path: string }>(`SELECT id, org_path FROM process_instance WHERE definition_key = 'twoNodeRound'`);
    expect(instances).toHaveLength(6);
    expect(new Set(instances.map((i) => i.id))).toEqual(new Set(r.map((o) => o.process_instance_id)));
    expect(instances.filter((i) => i.org_path === fx.orgs.E1.path)).toHaveLength(3);
  }, 90_000);
});
