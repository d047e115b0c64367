/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are read loosely */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/startTestServer';
import { exportKit } from './testing/exportKit';

process.env.EXPORTS_POLL_MS = '0'; // runners run when a job is queued (kicked), not on a timer

const squash = (s: string) => s.replace(/\s+/g, '');

/** The current quarter in Beijing time (the demo records are created now). */
function currentQuarter(): string {
  const d = new Date(Date.now() + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

describe('exports of the demo tenant (safety pack with its demo records)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let kit: ReturnType<typeof exportKit>;
  let safetyA: string;
  let entA: string;
  let entB: string;
  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true });
    kit = exportKit(server);
    safetyA = await kit.login('safety.a');
    entA = await kit.orgId('A区精密制造有限公司');
    entB = await kit.orgId('B区新材料科技有限公司');
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it("makes the dossier PDF of the enterprise: its name, archive fields, hazards and risk points, and nothing of another enterprise", async () => {
    // given the safety officer of enterprise A
    // when they export A's dossier
    const job = await kit.run(safetyA, 'enterprise-dossier', { orgId: entA });
    // then the job is done with its progress full and a PDF to download
    expect([job.status, job.progress, job.errorCode, job.done, job.total]).toEqual(['done', 1, null, 8, 8]);
    const file = await kit.bytes(safetyA, `/api/v1/exports/${job.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text, flat } = kit.pdfText(file.body);
    for (const s of ['A区精密制造有限公司', '企业安全生产档案', '统一社会信用代码', '91330108MA2H0X1A20', '配电房门口堆放纸箱', '2具灭火器压力不足', '冲压车间1–4号冲床', '喷涂房', '办公楼配电间', '陈刚', '杭滨消验字〔2021〕第0132号']) {
      expect(flat, s).toContain(squash(s));
    }
    expect(text).toMatch(/整改中/); // hazard states by their labels
    expect(text).toMatch(/消防验收\/备案/); // licence types by the labels of the archive form
    expect(text).toMatch(/一般风险/); // risk levels by their labels
    expect(text).toMatch(/\s1\s*\/\s*[2-9]\s/); // page numbers (several pages)
    for (const s of ['二号车间消火栓水带缺失', '甲类溶剂储罐区', '叉车未按规定年检', '液氨制冷机房']) expect(flat, s).not.toContain(squash(s));
    expect(file.body.length).toBeLessThan(2_000_000); // the font is subset, not embedded whole
  });

  it('writes the dossier in English for an English requester, with the labels of the definitions', async () => {
    // given / when
    const job = await kit.run(safetyA, 'enterprise-dossier', { orgId: entA }, { 'accept-language': 'en' });
    // then
    const { flat } = kit.pdfText((await kit.bytes(safetyA, `/api/v1/exports/${job.id}/file`)).body);
    for (const s of ['Enterprise safety dossier', 'Unified social credit code', 'Risk point', 'A区精密制造有限公司']) expect(flat, s).toContain(squash(s));
  });

  it('writes the hazard statistics in English for an English requester, with the same numbers', async () => {
    // given
    const district = await kit.login('district.admin');
    const period = currentQuarter();
    const api = await server.request('GET', `/api/v1/hazard-statistics?period=${period}`, { token: district });
    // when
    const job = await kit.run(district, 'hazard-statistics', { period }, { 'accept-language': 'en' });
    // then
    const { text } = kit.pdfText((await kit.bytes(district, `/api/v1/exports/${job.id}/file`)).body);
    const total = text.split('\n').find((line) => line.trim().startsWith('Total'))!;
    expect(Number(total.trim().split(/\s+/)[1])).toBe(api.body.totals.registered);
    expect(text).toMatch(/Principal signature/);
  });

  it('honours Idempotency-Key: the same request twice is one job', async () => {
    // given
    const headers = { 'idempotency-key': 'dossier-a-1' };
    const body = { kind: 'enterprise-dossier', params: { orgId: entA } };
    // when
    const first = await server.request('POST', '/api/v1/exports', { token: safetyA, body, headers });
    const again = await server.request('POST', '/api/v1/exports', { token: safetyA, body, headers });
    // then
    expect([first.status, again.status]).toEqual([202, 202]);
    expect(again.body.id).toBe(first.body.id);
  });

  it("keeps jobs and files private: another enterprise's user can neither export A's dossier nor read A's job or file", async () => {
    // given a safety officer of enterprise B (made over the API by the district admin) and a finished job of A
    const district = await kit.login('district.admin');
    const made = await server.request('POST', '/api/v1/users', { token: district, body: { username: 'safety.b', password: 'SafeFlow@2026b', membership: { orgId: entB, roleKey: 'safetyOfficer' } } });
    expect(made.status, made.text).toBe(201);
    const safetyB = await kit.login('safety.b', 'SafeFlow@2026b');
    const jobA = await kit.run(safetyA, 'enterprise-dossier', { orgId: entA });
    // when
    const ask = await server.request('POST', '/api/v1/exports', { token: safetyB, body: { kind: 'enterprise-dossier', params: { orgId: entA } } });
    const askA = await server.request('POST', '/api/v1/exports', { token: safetyA, body: { kind: 'enterprise-dossier', params: { orgId: entB } } });
    const read = await server.request('GET', `/api/v1/exports/${jobA.id}`, { token: safetyB });
    const file = await kit.bytes(safetyB, `/api/v1/exports/${jobA.id}/file`);
    const mine = await server.request('GET', '/api/v1/exports', { token: safetyB });
    const ownerA = await server.request('GET', `/api/v1/exports/${jobA.id}`, { token: await kit.login('owner.a') });
    // then
    expect([ask.status, ask.body.code]).toEqual([404, 'org.not_found']);
    expect([askA.status, askA.body.code]).toEqual([404, 'org.not_found']);
    expect([read.status, read.body.code]).toEqual([404, 'export.not_found']);
    expect(file.status).toBe(404);
    expect(mine.body.items).toEqual([]);
    expect(ownerA.status).toBe(404); // a job is its requester's, even within the enterprise
    const listA = await server.request('GET', '/api/v1/exports', { token: safetyA });
    expect(listA.body.items.map((j: any) => j.id)).toContain(jobA.id);
    // the stored file is A's: the files API does not serve it to B either
    const [row] = await server.runtime.deps.db.query<{ file_id: string }>('SELECT file_id FROM export_job WHERE id = ?', [jobA.id]);
    expect((await kit.bytes(safetyB, `/api/v1/files/${row!.file_id}/content`)).status).toBe(404);
    expect((await kit.bytes(safetyA, `/api/v1/files/${row!.file_id}/content`)).status).toBe(200);
    // B's hazard statistics are computed in B's scope: B's hazards, none of A's
    const statsB = await kit.run(safetyB, 'hazard-statistics', { period: currentQuarter() });
    expect(statsB.status, statsB.errorMessage).toBe('done');
    const textB = kit.pdfText((await kit.bytes(safetyB, `/api/v1/exports/${statsB.id}/file`)).body).flat;
    expect(textB).toContain('B区新材料科技有限公司');
    expect(textB).not.toContain('A区精密制造有限公司');
  });

  it('rejects unknown kinds and bad params with stable codes, writing nothing', async () => {
    // when
    const kind = await server.request('POST', '/api/v1/exports', { token: safetyA, body: { kind: 'everything', params: {} } });
    const params = await server.request('POST', '/api/v1/exports', { token: safetyA, body: { kind: 'hazard-statistics', params: { period: '2026-Q9' } } });
    const extra = await server.request('POST', '/api/v1/exports', { token: safetyA, body: { kind: 'enterprise-dossier', params: { orgId: entA, evil: 1 } } });
    // then
    expect([kind.status, params.status, params.body.code, extra.status]).toEqual([400, 400, 'hazard_statistics.invalid_period', 400]);
  });

  it('makes the hazard statistics PDF with the numbers of the statistics API and the signature line', async () => {
    // given the district admin and the statistics of this quarter
    const district = await kit.login('district.admin');
    const period = currentQuarter();
    const api = await server.request('GET', `/api/v1/hazard-statistics?period=${period}`, { token: district });
    expect(api.status, api.text).toBe(200);
    expect(api.body.totals.registered).toBeGreaterThan(0);
    // when
    const job = await kit.run(district, 'hazard-statistics', { period });
    // then the total row of the PDF has the API's totals, column by column
    expect(job.status, job.errorMessage).toBe('done');
    const { text } = kit.pdfText((await kit.bytes(district, `/api/v1/exports/${job.id}/file`)).body);
    const total = text.split('\n').find((line) => line.trim().startsWith('合计'))!;
    const t = api.body.totals;
    expect(total.trim().split(/\s+/).slice(1).map(Number)).toEqual([t.registered, t.general, t.major, t.closed, t.closedMajor, t.open, t.overdue, t.rectificationRate, t.funds, t.rejected]);
    for (const o of api.body.orgs) expect(squash(text), o.orgName).toContain(squash(o.orgName));
    expect(text).toMatch(/主要负责人签字/);
    expect(text).toContain(api.body.period.dueDate);
  });

  it('makes a ledger xlsx in the background with row progress, the same rows as the ledger', async () => {
    // given
    const district = await kit.login('district.admin');
    const ledger = await server.request('GET', '/api/v1/ledgers/safety_hazard_ledger?pageSize=200', { token: district });
    expect(ledger.status, ledger.text).toBe(200);
    // when
    const job = await kit.run(district, 'ledger-xlsx', { viewKey: 'safety_hazard_ledger' });
    // then
    expect([job.status, job.done, job.total, job.phase]).toEqual(['done', ledger.body.total, ledger.body.total, 'done']);
    const file = await kit.bytes(district, `/api/v1/exports/${job.id}/file`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount - 1).toBe(ledger.body.total);
    const titles = ledger.body.items.map((i: any) => String(i.data.title));
    const cells = new Set<string>();
    ws.eachRow((row) => row.eachCell((c) => void cells.add(String(c.value))));
    for (const title of titles) expect(cells.has(title), title).toBe(true);
  });
});
