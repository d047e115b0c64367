import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionContent } from '../definitions/CollectionContent';
import type { ViewContent } from '../definitions/ViewContent';
import { startRecordsServer, type RecordsServer } from './testing/startRecordsServer';
import { checklistItems, LedgerLabels, scoredText } from './ledgerLabels';

/** A fire-safety check: two checklist items and a graded finding. */
const checkForm = {
  type: 'object',
  properties: {
    title: { type: 'string', title: '检查名称', 'x-component': 'Input', required: true },
    riskLevel: { type: 'string', title: '等级', enum: ['general', 'major'], 'x-component': 'Select' },
    items: {
      type: 'void',
      'x-component': 'Card',
      title: '检查项',
      properties: {
        extinguisher: { type: 'object', title: '灭火器在有效期内', 'x-component': 'ScoredItem', 'x-index': 0 },
        exits: { type: 'object', title: '安全出口畅通', 'x-component': 'ScoredItem', 'x-index': 1 },
      },
    },
  },
};

const checkCollection: CollectionContent = {
  key: 'fireCheck',
  name: { zh: '消防检查', en: 'Fire check' },
  formKey: 'fireCheckForm',
  fields: {
    title: { type: 'string', required: true, title: { zh: '检查名称', en: 'Title' } },
    riskLevel: {
      type: 'enum',
      enum: ['general', 'major'],
      enumLabels: { general: { zh: '一般', en: 'General' }, major: { zh: '重大', en: 'Major' } },
      title: { zh: '等级', en: 'Grade' },
    },
    extinguisher: { type: 'json', title: { zh: '灭火器', en: 'Extinguisher' } },
    exits: { type: 'json', title: { zh: '安全出口', en: 'Exits' } },
  },
  indexFields: [{ field: 'riskLevel' }],
  states: [{ key: 'open', name: { zh: '待处理', en: 'Open' } }],
  initialState: 'open',
  transitions: [],
};

const checkView: ViewContent = {
  key: 'fireCheckLedger',
  collection: 'fireCheck',
  columns: [
    { field: 'orgId', title: { zh: '单位', en: 'Organisation' } },
    { field: 'riskLevel', title: { zh: '等级', en: 'Grade' } },
    { field: 'status', title: { zh: '状态', en: 'State' } },
  ],
  filters: [
    { field: 'riskLevel', op: 'eq' },
    { field: 'status', op: 'eq' },
  ],
  defaultSort: { field: 'createdAt', dir: 'desc' },
  exportColumns: [
    { field: 'title', title: { zh: '检查名称', en: 'Title' } },
    { field: 'orgId', title: { zh: '单位', en: 'Organisation' } },
    { field: 'riskLevel', title: { zh: '等级', en: 'Grade' } },
  ],
};

describe('ledger cells read as a 台账 (org names, enum labels, checklist columns)', () => {
  let server: RecordsServer;
  beforeAll(async () => {
    server = await startRecordsServer();
    await server.publish('districtAdmin', 'form', 'fireCheckForm', checkForm);
    await server.publish('districtAdmin', 'collection', 'fireCheck', checkCollection);
    await server.publish('districtAdmin', 'view', 'fireCheckLedger', checkView);
    const created = await server.as('safetyA').post('/api/v1/records/fireCheck', {
      data: { title: '十二月消防检查', riskLevel: 'major', extinguisher: { result: 'fail', note: '两具灭火器过期' }, exits: { result: 'pass' } },
    });
    expect(created.status, created.text).toBe(201);
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('gives each row its org name and labelled cells, and the filters with their options', async () => {
    // when
    const zh = await server.as('safetyA').get('/api/v1/ledgers/fireCheckLedger');
    const en = await server.as('safetyA').get('/api/v1/ledgers/fireCheckLedger', { 'accept-language': 'en-GB,en;q=0.9' });
    // then
    expect(zh.status, zh.text).toBe(200);
    const [org] = await server.runtime.deps.db.query<{ name: string }>('SELECT name FROM org WHERE id = ?', [server.orgs.entA.id]);
    expect(zh.body.items[0]).toMatchObject({ orgName: org!.name, cells: { orgId: org!.name, riskLevel: '重大', status: '待处理' } });
    expect(en.body.items[0].cells).toEqual({ orgId: org!.name, riskLevel: 'Major', status: 'Open' });
    expect(zh.body.filters).toEqual([
      { field: 'riskLevel', op: 'eq', type: 'enum', title: { zh: '等级', en: 'Grade' }, options: [{ value: 'general', label: { zh: '一般', en: 'General' } }, { value: 'major', label: { zh: '重大', en: 'Major' } }] },
      { field: 'status', op: 'eq', type: 'enum', title: { zh: '状态', en: 'State' }, options: [{ value: 'open', label: { zh: '待处理', en: 'Open' } }] },
    ]);
    expect(zh.body.collection).toMatchObject({ key: 'fireCheck', name: { zh: '消防检查' } });
  });

  it('exports org names, enum labels and one readable column per checklist item', async () => {
    // when
    const res = await fetch(`${server.url}/api/v1/ledgers/fireCheckLedger/export?format=xlsx`, { headers: { authorization: `Bearer ${server.users.safetyA.token}` } });
    // then
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const [org] = await server.runtime.deps.db.query<{ name: string }>('SELECT name FROM org WHERE id = ?', [server.orgs.entA.id]);
    expect(rows).toEqual([
      ['检查名称', '单位', '等级', '灭火器在有效期内', '安全出口畅通'],
      ['十二月消防检查', org!.name, '重大', '不合格：两具灭火器过期', '合格'],
    ]);
  });
});

describe('ledgerLabels helpers', () => {
  it('finds checklist items through void containers, in x-index order', () => {
    expect(checklistItems(checkForm)).toEqual([
      { path: 'extinguisher', title: '灭火器在有效期内' },
      { path: 'exits', title: '安全出口畅通' },
    ]);
  });

  it('writes checklist answers and unknown enum values in words', () => {
    const labels = new LedgerLabels(checkCollection, new Map(), 'en');
    expect(scoredText({ result: 'na' }, 'zh-CN')).toBe('不适用');
    expect(scoredText({ result: 'fail', note: 'expired', photos: [1, 2] }, 'en')).toBe('Fail: expired (2 photos)');
    expect(labels.cell({ orgId: 'o1', status: 'open', createdAt: 0, updatedAt: 0, data: { riskLevel: 'unknown' } }, 'riskLevel')).toBe('unknown');
    expect(labels.cell({ orgId: 'o1', status: 'open', createdAt: 0, updatedAt: 0, data: {} }, 'orgId')).toBe('o1');
  });
});
