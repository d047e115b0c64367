import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/startTestServer';
import { exportRunnerOf } from './exports.module';
import { ExportRunner } from './ExportRunner';
import { exportKit } from './testing/exportKit';

process.env.EXPORTS_POLL_MS = '0';

describe('a large ledger exported in the background', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let kit: ReturnType<typeof exportKit>;
  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true });
    kit = exportKit(server);
    // 4,500 more hazards of enterprise A: copies of one of its demo hazards, half of them closed
    const db = server.runtime.deps.db;
    const [tpl] = await db.query<Record<string, unknown>>("SELECT * FROM record WHERE collection_key = 'safety_hazard' AND status = 'rectifying' ORDER BY created_at LIMIT 1");
    const cols = Object.keys(tpl!);
    await db.transaction(async (tx) => {
      for (let i = 0; i < 4500; i += 250) {
        const params: unknown[] = [];
        for (let k = 0; k < 250; k++) {
          const n = i + k;
          params.push(...cols.map((c) => (c === 'id' ? crypto.randomUUID() : c === 'status' ? (n % 2 ? 'closed' : 'rectifying') : c === 'data' ? JSON.stringify({ ...JSON.parse(String(tpl!.data)), title: `批量隐患 ${n}` }) : tpl![c])));
        }
        await tx.execute(`INSERT INTO record (${cols.join(', ')}) VALUES ${Array.from({ length: 250 }, () => `(${cols.map(() => '?').join(', ')})`).join(', ')}`, params);
      }
      // the per-state counts ledgers read, kept in step as record writes do
      for (const status of ['rectifying', 'closed']) {
        const bumped = await tx.execute('UPDATE record_count SET n = n + 2250 WHERE org_id = ? AND collection_key = ? AND status = ?', [tpl!.org_id, 'safety_hazard', status]);
        if (!bumped) {
          await tx.execute('INSERT INTO record_count (org_id, collection_key, status, org_path, tenant_id, n) VALUES (?, ?, ?, ?, ?, 2250)', [tpl!.org_id, 'safety_hazard', status, tpl!.org_path, tpl!.tenant_id]);
        }
      }
    });
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('reads the rows in pages, reporting progress after each, with the filters of the ledger', async () => {
    // given the district admin, the ledger's total with a state filter, and a runner that records progress
    const token = await kit.login('district.admin');
    const query = { 'filter[status][eq]': 'rectifying' };
    const ledger = await server.request('GET', `/api/v1/ledgers/safety_hazard_ledger?${new URLSearchParams({ ...query, pageSize: '1' })}`, { token });
    expect(ledger.status, ledger.text).toBe(200);
    const total = ledger.body.total as number;
    expect(total).toBeGreaterThan(2250);
    await exportRunnerOf(server.runtime.deps).stop();
    const seen: number[] = [];
    const runner = new ExportRunner(server.runtime.deps, { pollMs: 0, onProgress: (_id, p) => void (p.phase === 'rows' && seen.push(p.done)) });
    // when
    const res = await server.request('POST', '/api/v1/exports', { token, body: { kind: 'ledger-xlsx', params: { viewKey: 'safety_hazard_ledger', query } } });
    expect(res.status, res.text).toBe(202);
    expect(await runner.drain()).toBe(1);
    // then: progress after each page of 2,000 rows, the file has exactly the filtered rows
    expect(seen).toEqual([0, 2000, total]);
    const job = (await server.request('GET', `/api/v1/exports/${res.body.id}`, { token })).body;
    expect([job.status, job.done, job.total]).toEqual(['done', total, total]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await kit.bytes(token, `/api/v1/exports/${res.body.id}/file`)).body as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount - 1).toBe(total);
  });
});
