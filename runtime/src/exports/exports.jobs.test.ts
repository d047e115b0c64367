import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/startTestServer';
import { exportRunnerOf } from './exports.module';
import { ExportJobStore } from './ExportJobStore';
import { ExportRunner } from './ExportRunner';
import { exportKit } from './testing/exportKit';

process.env.EXPORTS_POLL_MS = '0'; // runners run when kicked or by hand

describe('export jobs: lifecycle, failure, restart recovery, concurrent claims', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let kit: ReturnType<typeof exportKit>;
  let token: string;
  let entA: string;
  let drop: () => Promise<void>;
  const audits = async (id: string) =>
    (await server.runtime.deps.db.query<{ action: string }>('SELECT action FROM audit_log WHERE target_id = ? ORDER BY seq', [id])).map((r) => r.action);
  /** Queues a dossier job of A while this node's runner is stopped (nobody runs it). */
  const queue = async (): Promise<string> => {
    await exportRunnerOf(server.runtime.deps).stop();
    const res = await server.request('POST', '/api/v1/exports', { token, body: { kind: 'enterprise-dossier', params: { orgId: entA } } });
    expect(res.status, res.text).toBe(202);
    expect(res.body.status).toBe('queued');
    return res.body.id as string;
  };
  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true });
    drop = server.dropDatabase;
    kit = exportKit(server);
    token = await kit.login('safety.a');
    entA = await kit.orgId('A区精密制造有限公司');
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await drop();
  });

  it('goes queued → running → done, its progress counting up to the total, audited', async () => {
    // given a queued job and a runner that records every progress report
    const id = await queue();
    const seen: Array<{ done: number; total: number; phase: string; status: string }> = [];
    const runner = new ExportRunner(server.runtime.deps, {
      pollMs: 0,
      onProgress: (jobId, p) => void (jobId === id && seen.push({ ...p, status: '' })),
    });
    // when
    const job = await runner.claimNext();
    const running = await ExportJobStore.get(server.runtime.deps.db, id);
    await runner.execute(job!);
    // then
    expect([job!.id, running!.status, running!.claimed_by]).toEqual([id, 'running', runner.node]);
    const dones = seen.map((p) => p.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(dones[0]).toBe(0);
    expect(seen.at(-1)).toMatchObject({ done: 7, total: 8, phase: 'render' });
    const after = await server.request('GET', `/api/v1/exports/${id}`, { token });
    expect([after.body.status, after.body.done, after.body.total, after.body.progress, after.body.attempts]).toEqual(['done', 8, 8, 1, 1]);
    expect(await audits(id)).toEqual(['export.request', 'export.done']);
  });

  it('fails with an error code when the run cannot be done (the requester was disabled meanwhile), writing no file', async () => {
    // given a queued job whose requester is then disabled
    const id = await queue();
    const [{ n: filesBefore }] = await server.runtime.deps.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM file');
    const [me] = await server.runtime.deps.db.query<{ id: string }>("SELECT id FROM user WHERE username = 'safety.a'");
    await server.runtime.deps.db.transaction((tx) => tx.execute('UPDATE user SET disabled = 1 WHERE id = ?', [me!.id]));
    // when
    try {
      await new ExportRunner(server.runtime.deps, { pollMs: 0 }).drain();
    } finally {
      await server.runtime.deps.db.transaction((tx) => tx.execute('UPDATE user SET disabled = 0 WHERE id = ?', [me!.id]));
    }
    // then
    const job = await server.request('GET', `/api/v1/exports/${id}`, { token });
    expect([job.body.status, job.body.errorCode]).toEqual(['failed', 'export.requester_gone']);
    const file = await kit.bytes(token, `/api/v1/exports/${id}/file`);
    expect(file.status).toBe(409);
    const [{ n: filesAfter }] = await server.runtime.deps.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM file');
    expect(Number(filesAfter)).toBe(Number(filesBefore));
    expect(await audits(id)).toEqual(['export.request', 'export.fail']);
  });

  it('runs a job left running by a dead node once its lease ran out, and gives up after the last attempt', async () => {
    // given a job claimed by a node that died at once (a 1 ms lease it never renews)
    const id = await queue();
    const dead = new ExportRunner(server.runtime.deps, { pollMs: 0, leaseMs: 1, node: 'dead-node' });
    expect((await dead.claimNext())?.id).toBe(id);
    await new Promise((r) => setTimeout(r, 5));
    // when a live node looks for work
    const live = new ExportRunner(server.runtime.deps, { pollMs: 0, node: 'live-node' });
    expect(await live.drain()).toBe(1);
    // then it ran it, on the second attempt
    const job = (await server.request('GET', `/api/v1/exports/${id}`, { token })).body;
    expect([job.status, job.attempts]).toEqual(['done', 2]);
    expect((await kit.bytes(token, `/api/v1/exports/${id}/file`)).body.subarray(0, 4).toString()).toBe('%PDF');

    // and given a job whose every node died (three claims ran out)
    const doomed = await queue();
    for (let i = 0; i < 3; i++) {
      expect((await new ExportRunner(server.runtime.deps, { pollMs: 0, leaseMs: 1, node: `dead-${i}` }).claimNext())?.id).toBe(doomed);
      await new Promise((r) => setTimeout(r, 5));
    }
    await live.drain();
    const gaveUp = (await server.request('GET', `/api/v1/exports/${doomed}`, { token })).body;
    expect([gaveUp.status, gaveUp.errorCode, gaveUp.attempts]).toEqual(['failed', 'export.abandoned', 4]);
  });

  it('lets exactly one of two nodes claim and run a job', async () => {
    // given one queued job and two nodes
    const id = await queue();
    const a = new ExportRunner(server.runtime.deps, { pollMs: 0, node: 'node-a' });
    const b = new ExportRunner(server.runtime.deps, { pollMs: 0, node: 'node-b' });
    // when both claim at once, and both drain at once
    const claims = await Promise.all([a.claimNext(), b.claimNext()]);
    expect(claims.filter(Boolean).map((j) => j!.id)).toEqual([id]);
    const winner = claims[0] ? a : b;
    await winner.execute(claims.find(Boolean)!);
    const id2 = await queue();
    const ran = await Promise.all([a.drain(), b.drain()]);
    // then each job ran once
    expect(ran.reduce((x, y) => x + y, 0)).toBe(1);
    for (const j of [id, id2]) {
      expect((await ExportJobStore.get(server.runtime.deps.db, j))!.status).toBe('done');
      expect((await audits(j)).filter((x) => x === 'export.done')).toHaveLength(1);
    }
  });

  it('survives a restart: a job queued before the node stopped is run by the restarted node', async () => {
    // given a queued job, then the node stops
    const id = await queue();
    await server.close();
    // when the node starts again on the same data and database
    server = await startTestServer({ reuse: { dataDir: server.dataDir, databaseUrl: server.databaseUrl } });
    kit = exportKit(server);
    token = await kit.login('safety.a');
    await exportRunnerOf(server.runtime.deps).idle();
    // then
    const job = (await server.request('GET', `/api/v1/exports/${id}`, { token })).body;
    expect(job.status).toBe('done');
  });
});
