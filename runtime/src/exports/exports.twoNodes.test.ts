import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, killHard, startChildServer } from '../engine/testing/childServer';
import { until } from '../engine/testing/engineTestKit';
import { startTestServer } from '../testing/startTestServer';
import { exportRunnerOf } from './exports.module';
import { ExportRunner } from './ExportRunner';
import { exportKit } from './testing/exportKit';

process.env.EXPORTS_POLL_MS = '0';

describe('two SafeFlow nodes on one database, both running exports', () => {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child) await killHard(child);
    await server?.close();
    await server?.dropDatabase();
  });

  it('runs every queued job exactly once, whichever node claims it', async () => {
    // given six queued dossier jobs (this node's runner stopped while they are asked for)
    server = await startTestServer({ seedDemo: true });
    const deps = server.runtime.deps;
    const kit = exportKit(server);
    const token = await kit.login('safety.a');
    const orgId = await kit.orgId('A区精密制造有限公司');
    await exportRunnerOf(deps).stop();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await server.request('POST', '/api/v1/exports', { token, body: { kind: 'enterprise-dossier', params: { orgId } } });
      expect(res.status, res.text).toBe(202);
      ids.push(res.body.id as string);
    }
    // when node B (a `safeflow start` child on the same data dir and database, polling every 50 ms) and this node drain together
    const nodeB = await startChildServer({
      DATA_DIR: server.dataDir, DATABASE_URL: server.databaseUrl ?? '', HOST: '127.0.0.1', PORT: String(await freePort()),
      LOG_LEVEL: 'warn', SEED_DEMO: 'false', SAFEFLOW_INPROCESS_WORKERS: 'false', SCHEDULER_TICK_MS: '0', EXPORTS_POLL_MS: '50',
    });
    child = nodeB.child;
    const nodeA = new ExportRunner(deps, { pollMs: 0, node: 'node-a' });
    const placeholders = ids.map(() => '?').join(', ');
    await until(async () => {
      await nodeA.drain();
      const rows = await deps.db.query<{ status: string }>(`SELECT status FROM export_job WHERE id IN (${placeholders})`, ids);
      return rows.every((r) => r.status === 'done') || undefined;
    }, 60_000);
    // then each job ran once (one claim, one file, one audit entry) (both nodes took part in the runs seen: 4 and 2)
    const jobs = await deps.db.query<{ id: string; attempts: number; claimed_by: string; file_id: string }>(`SELECT id, attempts, claimed_by, file_id FROM export_job WHERE id IN (${placeholders})`, ids);
    expect(jobs.map((j) => Number(j.attempts))).toEqual(ids.map(() => 1));
    expect(new Set(jobs.map((j) => j.file_id)).size).toBe(6);
    const done = await deps.db.query<{ target_id: string }>(`SELECT target_id FROM audit_log WHERE action = 'export.done' AND target_id IN (${placeholders})`, ids);
    expect(done.map((d) => d.target_id).sort()).toEqual([...ids].sort());
    const files = await deps.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM file WHERE id IN (${placeholders})`, jobs.map((j) => j.file_id));
    expect(Number(files[0]!.n)).toBe(6);
    for (const j of jobs) expect((await kit.bytes(token, `/api/v1/exports/${j.id}/file`)).body.subarray(0, 4).toString()).toBe('%PDF');
  }, 120_000);
});
