import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordsServer, type RecordsServer } from './testing/startRecordsServer';
import { hazardCollection, hazardLedgerView } from './testing/hazardSamples';

describe('POST /api/v1/ledgers/preview (the views editor\'s live preview)', () => {
  let server: RecordsServer;
  const draft = {
    ...hazardLedgerView,
    key: 'hazardDraft',
    columns: [{ field: 'responsiblePerson', title: { zh: '责任人', en: 'Responsible' } }, { field: 'status', title: { zh: '状态', en: 'State' } }],
    defaultSort: { field: 'createdAt', dir: 'asc' as const },
  };
  beforeAll(async () => {
    server = await startRecordsServer();
    await server.publish('districtAdmin', 'collection', 'hazard', hazardCollection);
    await server.publish('otherAdmin', 'collection', 'hazard', hazardCollection, server.orgs.other.id);
    for (const p of ['张三', '李四']) await server.as('safetyA').post('/api/v1/records/hazard', { data: { title: `A-${p}`, riskLevel: 'major', responsiblePerson: p } });
    await server.as('otherAdmin').post('/api/v1/records/hazard', { data: { title: 'X', riskLevel: 'major', responsiblePerson: '外人' }, orgId: server.orgs.otherEnt.id });
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('shows the unpublished view\'s columns over the records in scope, in its default sort; nothing is published', async () => {
    // when
    const res = await server.as('districtAdmin').post('/api/v1/ledgers/preview', { content: draft });
    // then
    expect(res.status, res.text).toBe(200);
    expect(res.body.columns.map((c: { field: string }) => c.field)).toEqual(['responsiblePerson', 'status']);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((i: { cells: Record<string, unknown> }) => i.cells.responsiblePerson)).toEqual(['张三', '李四']);
    expect(Object.keys(res.body.items[0].cells)).toEqual(['responsiblePerson', 'status']);
    const published = await server.as('districtAdmin').get('/api/v1/definitions/view/hazardDraft');
    expect(published.status).toBe(404);
  });

  it('another tenant previews the same view over its own records only', async () => {
    // when
    const res = await server.as('otherAdmin').post('/api/v1/ledgers/preview', { content: draft });
    // then
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.map((i: { cells: Record<string, unknown> }) => i.cells.responsiblePerson)).toEqual(['外人']);
  });

  it('a sort on a field that is not indexed, a malformed view or a caller without definition.write is refused', async () => {
    // when
    const badSort = await server.as('districtAdmin').post('/api/v1/ledgers/preview', { content: { ...draft, defaultSort: { field: 'title', dir: 'asc' } } });
    const malformed = await server.as('districtAdmin').post('/api/v1/ledgers/preview', { content: { ...draft, columns: [] } });
    const reader = await server.as('readerA').post('/api/v1/ledgers/preview', { content: draft });
    // then
    expect(badSort.status).toBe(400);
    expect(badSort.body.code).toBe('ledger.invalid_sort');
    expect(malformed.status).toBe(400);
    expect(reader.status).toBe(403);
  });
});
