import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/FakeClock';
import { startRecordsServer, type RecordsServer } from './testing/startRecordsServer';
import { hazardCollection, hazardLedgerView } from './testing/hazardSamples';

/** 12 hazards in enterprise A, 3 in B, 2 in another tenant; created one minute apart. */
const A = Array.from({ length: 12 }, (_, i) => ({
  title: `A隐患${i}`,
  riskLevel: i % 3 === 0 ? 'major' : 'general',
  hazardType: i % 2 === 0 ? 'fire' : 'electrical',
  responsiblePerson: i % 2 === 0 ? '张三' : '李四',
  rectifyCost: i * 100,
  deadline: `2026-12-${String(10 + i).padStart(2, '0')}`,
}));

describe('/api/v1/ledgers/:viewKey', () => {
  let server: RecordsServer;
  const clock = new FakeClock('2026-11-28T08:00:00.000Z');
  const ids: string[] = [];
  beforeAll(async () => {
    // the fake clock moves 17 minutes while seeding; the callers' real access tokens must outlive that
    server = await startRecordsServer({ clock, config: { accessTokenTtlSeconds: 3600 } });
    await server.publish('districtAdmin', 'collection', 'hazard', hazardCollection);
    await server.publish('districtAdmin', 'view', 'hazardLedger', hazardLedgerView);
    await server.publish('otherAdmin', 'collection', 'hazard', hazardCollection, server.orgs.other.id);
    for (const data of A) {
      clock.advance(60_000);
      ids.push((await server.as('safetyA').post('/api/v1/records/hazard', { data })).body.id);
    }
    for (let i = 0; i < 3; i++) {
      clock.advance(60_000);
      await server.as('safetyB').post('/api/v1/records/hazard', { data: { title: `B${i}`, riskLevel: 'major' } });
    }
    for (let i = 0; i < 2; i++) await server.as('otherAdmin').post('/api/v1/records/hazard', { data: { title: `X${i}`, riskLevel: 'major' }, orgId: server.orgs.otherEnt.id });
    // A0..A3 rectifying, A0 then pendingAcceptance
    for (const id of ids.slice(0, 4)) await server.as('safetyA').post(`/api/v1/records/hazard/${id}/transition`, { to: 'rectifying', revision: 1 });
    await server.as('safetyA').post(`/api/v1/records/hazard/${ids[0]}/transition`, { to: 'pendingAcceptance', revision: 2 });
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('pages in the default sort (newest first) with the total and counts by state of the caller scope', async () => {
    // when
    const p1 = await server.as('safetyA').get('/api/v1/ledgers/hazardLedger?pageSize=5');
    const p3 = await server.as('safetyA').get('/api/v1/ledgers/hazardLedger?pageSize=5&page=3');
    // then
    expect(p1.status).toBe(200);
    expect(p1.body.total).toBe(12);
    expect(p1.body.items.map((i: { data: { title: string } }) => i.data.title)).toEqual(['A隐患11', 'A隐患10', 'A隐患9', 'A隐患8', 'A隐患7']);
    expect(p3.body.items.map((i: { data: { title: string } }) => i.data.title)).toEqual(['A隐患1', 'A隐患0']);
    expect(p1.body.countsByState).toEqual({ reported: 8, rectifying: 3, pendingAcceptance: 1, closed: 0 });
  });

  it('lets the district see both enterprises, but never the other tenant', async () => {
    // when
    const district = await server.as('districtAdmin').get('/api/v1/ledgers/hazardLedger?filter[riskLevel][eq]=major');
    // then
    expect(district.body.total).toBe(4 + 3);
    expect(district.body.countsByState.reported).toBe(8 + 3);
    expect(district.body.items.every((i: { data: { title: string } }) => !i.data.title.startsWith('X'))).toBe(true);
  });

  it('filters on index fields (eq, in, ranges, prefix) and sorts on them', async () => {
    // given
    const a = server.as('safetyA');
    // when
    const rectifyingMajor = await a.get('/api/v1/ledgers/hazardLedger?filter[status][eq]=rectifying&filter[riskLevel][in]=major');
    const costly = await a.get('/api/v1/ledgers/hazardLedger?filter[rectifyCost][gte]=800&sort=rectifyCost:desc');
    const dueSoon = await a.get('/api/v1/ledgers/hazardLedger?filter[deadline][lte]=2026-12-12&sort=deadline:asc');
    const byPerson = await a.get(`/api/v1/ledgers/hazardLedger?filter[responsiblePerson][prefix]=${encodeURIComponent('张')}&filter[status][in]=reported,rectifying`);
    // then
    expect(rectifyingMajor.body.items.map((i: { data: { title: string } }) => i.data.title)).toEqual(['A隐患3']);
    expect(rectifyingMajor.body.total).toBe(1);
    expect(costly.body.items.map((i: { data: { rectifyCost: number } }) => i.data.rectifyCost)).toEqual([1100, 1000, 900, 800]);
    expect(dueSoon.body.items.map((i: { data: { title: string } }) => i.data.title)).toEqual(['A隐患0', 'A隐患1', 'A隐患2']);
    expect(byPerson.body.total).toBe(5);
    expect(byPerson.body.items.every((i: { data: { responsiblePerson: string }; status: string }) => i.data.responsiblePerson === '张三' && i.status !== 'pendingAcceptance')).toBe(true);
  });

  it('rejects a filter or sort on a field that is not an index field, naming it', async () => {
    // when
    const filter = await server.as('safetyA').get('/api/v1/ledgers/hazardLedger?filter[description][eq]=x');
    const sort = await server.as('safetyA').get('/api/v1/ledgers/hazardLedger?sort=title:asc');
    const badNumber = await server.as('safetyA').get('/api/v1/ledgers/hazardLedger?filter[rectifyCost][gte]=abc');
    // then
    expect(filter.status).toBe(400);
    expect(filter.body.code).toBe('ledger.invalid_filter');
    expect(filter.body.details.field).toBe('description');
    expect(sort.status).toBe(400);
    expect(sort.body.code).toBe('ledger.invalid_sort');
    expect(badNumber.body.code).toBe('ledger.invalid_filter');
  });

  it('exports the filtered rows as xlsx with the Chinese titles of the export columns', async () => {
    // when
    const res = await fetch(`${server.url}/api/v1/ledgers/hazardLedger/export?format=xlsx&filter[riskLevel][eq]=major&sort=rectifyCost:asc`, {
      headers: { authorization: `Bearer ${server.users.safetyA.token}` },
    });
    // then
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      ['隐患名称', '隐患等级', '整改责任人', '整改资金', '隐患状态'],
      ['A隐患0', 'major', '张三', 0, '待验收'],
      ['A隐患3', 'major', '李四', 300, '整改中'],
      ['A隐患6', 'major', '张三', 600, '已登记'],
      ['A隐患9', 'major', '李四', 900, '已登记'],
    ]);
  });

  it('exports CSV as UTF-8 with a BOM, quoted where needed', async () => {
    // when
    const res = await fetch(`${server.url}/api/v1/ledgers/hazardLedger/export?format=csv&filter[status][eq]=rectifying`, {
      headers: { authorization: `Bearer ${server.users.safetyA.token}` },
    });
    // then
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('隐患名称,隐患等级,整改责任人,整改资金,隐患状态');
    expect(lines.slice(1)).toEqual(['A隐患3,major,李四,300,整改中', 'A隐患2,general,张三,200,整改中', 'A隐患1,general,李四,100,整改中']);
  });

  it('answers an unknown view with 404 and keeps errors JSON on export', async () => {
    const res = await server.as('safetyA').get('/api/v1/ledgers/nope/export?format=csv');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('view.not_found');
  });
});
