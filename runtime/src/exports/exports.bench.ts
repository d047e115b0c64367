/**
 * Exports benchmark (`npm run bench -- exports`): on the demo tenant (safety
 * pack and its demo records, SQLite or `DATABASE_URL`), the enterprise
 * dossier PDF through the API and the background runner — the first one
 * (fonts loaded) and the median of the next ones, and its size — and a
 * ledger xlsx of 10,000 hazard rows (time, size, progress reports).
 * Client, server and runner share one process.
 */
import crypto from 'node:crypto';
import { DEMO_PASSWORD } from '../seed/demoData';
import { startTestServer } from '../testing/startTestServer';
import { exportRunnerOf } from './exports.module';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function benchExports(opts: { databaseUrl?: string; dossiers?: number; ledgerRows?: number } = {}) {
  process.env.EXPORTS_POLL_MS = '0';
  const prev = process.env.DATABASE_URL;
  if (opts.databaseUrl) process.env.DATABASE_URL = opts.databaseUrl;
  const server = await startTestServer({ seedDemo: true });
  process.env.DATABASE_URL = prev;
  try {
    const deps = server.runtime.deps;
    const runner = exportRunnerOf(deps);
    const login = async (username: string) => ((await server.request('POST', '/api/v1/auth/login', { body: { username, password: DEMO_PASSWORD } })).body as { accessToken: string }).accessToken;
    const run = async (token: string, kind: string, params: Record<string, unknown>) => {
      const t0 = performance.now();
      const res = await server.request('POST', '/api/v1/exports', { token, body: { kind, params } });
      if (res.status !== 202) throw new Error(`POST /exports → ${res.status} ${res.text}`);
      await runner.idle();
      const ms = performance.now() - t0;
      const job = (await server.request('GET', `/api/v1/exports/${res.body.id}`, { token })).body as { status: string; errorMessage: string | null; fileName: string };
      if (job.status !== 'done') throw new Error(`export ${kind} ${job.status}: ${job.errorMessage}`);
      const file = await fetch(`${server.url}/api/v1/exports/${res.body.id}/file`, { headers: { authorization: `Bearer ${token}` } });
      return { ms, bytes: (await file.arrayBuffer()).byteLength };
    };

    // dossier of enterprise A
    const safetyA = await login('safety.a');
    const [ent] = await deps.db.query<{ id: string }>("SELECT id FROM org WHERE name = 'A区精密制造有限公司'");
    const first = await run(safetyA, 'enterprise-dossier', { orgId: ent!.id });
    const times: number[] = [];
    let bytes = first.bytes;
    for (let i = 0; i < (opts.dossiers ?? 10); i++) {
      const r = await run(safetyA, 'enterprise-dossier', { orgId: ent!.id });
      times.push(r.ms);
      bytes = r.bytes;
    }

    // a ledger of 10,000 hazards (copies of a demo hazard of A, inserted directly)
    const rows = opts.ledgerRows ?? 10_000;
    const [tpl] = await deps.db.query<Record<string, unknown>>("SELECT * FROM record WHERE collection_key = 'safety_hazard' AND org_id = ? LIMIT 1", [ent!.id]);
    const cols = Object.keys(tpl!);
    const t0 = Date.now() - 86_400_000;
    await deps.db.transaction(async (tx) => {
      for (let i = 0; i < rows; i += 200) {
        const n = Math.min(200, rows - i);
        const params: unknown[] = [];
        for (let k = 0; k < n; k++) {
          const data = { ...(JSON.parse(String(tpl!.data)) as Record<string, unknown>), title: `基准隐患 ${i + k}` };
          params.push(...cols.map((c) => (c === 'id' ? crypto.randomUUID() : c === 'data' ? JSON.stringify(data) : c === 'created_at' || c === 'updated_at' ? t0 + i + k : tpl![c])));
        }
        await tx.execute(`INSERT INTO record (${cols.join(', ')}) VALUES ${Array.from({ length: n }, () => `(${cols.map(() => '?').join(', ')})`).join(', ')}`, params);
      }
    });
    const district = await login('district.admin');
    const ledger = await run(district, 'ledger-xlsx', { viewKey: 'safety_hazard_ledger' });
    return {
      dialect: deps.db.dialect,
      dossierFirstMs: Math.round(first.ms),
      dossierMedianMs: Math.round(median(times)),
      dossierBytes: bytes,
      ledgerRows: rows,
      ledgerXlsxMs: Math.round(ledger.ms),
      ledgerXlsxBytes: ledger.bytes,
    };
  } finally {
    await server.close();
    await server.dropDatabase();
  }
}
