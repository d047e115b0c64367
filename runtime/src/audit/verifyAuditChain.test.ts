import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/startTestServer';
import { seedMatrix, type MatrixFixture } from '../testing/seedMatrix';
import { verifyAuditChain } from './verifyAuditChain';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('audit chain', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let fx: MatrixFixture;
  beforeAll(async () => {
    server = await startTestServer();
    fx = await seedMatrix(server);
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  const db = () => server.runtime.deps.db;
  const exec = (sql: string, params: unknown[]) => db().transaction((tx) => tx.execute(sql, params));
  async function cliVerify(): Promise<{ code: number; stdout: string }> {
    const env = {
      ...process.env,
      DATA_DIR: server.dataDir,
      DATABASE_URL: server.databaseUrl ?? '',
      LOG_LEVEL: 'silent',
    };
    try {
      const { stdout } = await promisify(execFile)(
        'npx',
        ['tsx', 'runtime/src/cli/main.ts', 'audit', 'verify'],
        { cwd: repoRoot, env },
      );
      return { code: 0, stdout };
    } catch (err) {
      const e = err as { code: number; stdout: string };
      return { code: e.code, stdout: e.stdout };
    }
  }

  it('records every change in the same transaction, and the chain verifies', async () => {
    // given
    const token = fx.user('districtBureauAdmin').token;
    const created = await server.request('POST', '/api/v1/orgs', {
      token,
      body: { parentId: fx.orgs.S1.id, type: 'enterprise', name: 'Audited Ltd' },
    });
    await server.request('PATCH', `/api/v1/orgs/${created.body.id}`, {
      token,
      body: { name: 'Audited Co', revision: 1 },
    });
    // when
    const trail = await server.request('GET', `/api/v1/audit?targetType=org&targetId=${created.body.id}`, {
      token,
    });
    const result = await verifyAuditChain(db());
    // then
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['org.update', 'org.create']);
    expect(trail.body.items[0].actorName).toBe('mx.districtBureauAdmin.1');
    expect(trail.body.items[0].prevHash).toBe(trail.body.items[1].hash);
    expect(result).toEqual({ ok: true, count: expect.any(Number) });
    expect((result as { count: number }).count).toBeGreaterThan(20);
  });

  it('stays one chain under concurrent writers', async () => {
    // when
    const token = fx.user('cityBureauAdmin').token;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        server.request('POST', '/api/v1/orgs', {
          token,
          body: { parentId: fx.orgs.S2.id, type: 'enterprise', name: `Parallel ${i}` },
        }),
      ),
    );
    // then
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it('leaves no audit entry when the change fails', async () => {
    const before = await verifyAuditChain(db());
    const res = await server.request('POST', '/api/v1/orgs', {
      token: fx.user('cityBureauAdmin').token,
      body: { parentId: fx.orgs.E1.id, type: 'park', name: 'Not allowed here' },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('org.type_not_allowed');
    expect(await verifyAuditChain(db())).toEqual(before);
  });

  it('verifies from the CLI with exit code 0', async () => {
    const { code, stdout } = await cliVerify();
    expect(code).toBe(0);
    expect(stdout).toContain('audit chain intact');
  }, 120_000);

  it('reports an altered entry at its seq', async () => {
    // given
    const [row] = await db().query<{ seq: number; action: string }>(
      `SELECT seq, action FROM audit_log WHERE action = 'org.update' ORDER BY seq LIMIT 1`,
    );
    // when
    await exec(`UPDATE audit_log SET action = 'org.read' WHERE seq = ?`, [row!.seq]);
    const result = await verifyAuditChain(db());
    await exec(`UPDATE audit_log SET action = ? WHERE seq = ?`, [row!.action, row!.seq]);
    // then
    expect(result).toEqual({
      ok: false,
      brokenAtSeq: Number(row!.seq),
      reason: expect.stringContaining('altered'),
    });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it('reports a deleted entry, also from the CLI with exit code 1', async () => {
    // given
    const [row] = await db().query<{ seq: number }>(
      `SELECT seq FROM audit_log WHERE action = 'org.create' ORDER BY seq DESC LIMIT 1 OFFSET 3`,
    );
    // when
    await exec(`DELETE FROM audit_log WHERE seq = ?`, [row!.seq]);
    const result = await verifyAuditChain(db());
    const cli = await cliVerify();
    // then
    expect(result).toEqual({
      ok: false,
      brokenAtSeq: Number(row!.seq),
      reason: expect.stringContaining('missing'),
    });
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`BROKEN at seq ${Number(row!.seq)}`);
  }, 120_000);

  it('reports a truncated tail', async () => {
    // given: a healthy chain again, then its last entry removed
    await exec(`DELETE FROM audit_log`, []);
    await exec(`UPDATE audit_head SET last_seq = 0, last_hash = ?`, ['0'.repeat(64)]);
    await server.request('POST', '/api/v1/orgs', {
      token: fx.user('cityBureauAdmin').token,
      body: { parentId: fx.orgs.S2.id, type: 'enterprise', name: 'Tail 1' },
    });
    await server.request('POST', '/api/v1/orgs', {
      token: fx.user('cityBureauAdmin').token,
      body: { parentId: fx.orgs.S2.id, type: 'enterprise', name: 'Tail 2' },
    });
    expect(await verifyAuditChain(db())).toEqual({ ok: true, count: 2 });
    // when
    await exec(`DELETE FROM audit_log WHERE seq = 2`, []);
    // then
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, brokenAtSeq: 2 });
  });
});
