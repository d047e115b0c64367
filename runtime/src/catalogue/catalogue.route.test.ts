import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordsServer, type RecordsServer } from '../records/testing/startRecordsServer';
import { hazardCollection } from '../records/testing/hazardSamples';

const lec = JSON.parse(readFileSync(new URL('../../../definitions/safety/rules/safety.lec.json', import.meta.url), 'utf8')).content;

describe('/api/v1/catalogue', () => {
  let server: RecordsServer;
  beforeAll(async () => {
    server = await startRecordsServer();
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('serves the form component registry: groups, palette entries with titles, property schemas, snippets and rules', async () => {
    // when
    const res = await server.as('districtAdmin').get('/api/v1/catalogue/form-components');
    // then
    expect(res.status).toBe(200);
    expect(res.body.groups.map((g: { key: string }) => g.key)).toEqual(['basic', 'choice', 'datetime', 'upload', 'layout', 'array', 'safeflow']);
    const photo = res.body.components.find((c: { name: string }) => c.name === 'Photo');
    expect(photo).toMatchObject({
      role: 'field',
      group: 'safeflow',
      title: { 'zh-CN': '现场拍照', en: 'Photo' },
      snippet: { type: 'array', 'x-component': 'Photo' },
      serverValidator: true,
      valueSchema: { type: 'array' },
    });
    expect(photo.propertySchema.properties.maxCount).toMatchObject({ type: 'integer', title: '最多张数', 'x-title-en': 'Max photos' });
    expect(res.body.components.find((c: { name: string }) => c.name === 'Input').rules).toEqual(['required', 'minLength', 'maxLength', 'pattern', 'format']);
    expect(res.body.formats).toContain('email');
  });

  it('is for callers who may read definitions (401 without a token)', async () => {
    // when
    const anonymous = await server.request('GET', '/api/v1/catalogue/form-components');
    // then
    expect(anonymous.status).toBe(401);
  });

  it('lists collections with the fields and states of their published version, and rulesets with versions, within the caller’s tenant', async () => {
    // given
    const admin = server.as('districtAdmin');
    expect((await admin.post('/api/v1/definitions/collection', { key: 'hazard', name: '隐患', content: hazardCollection })).status).toBe(201);
    expect((await admin.post('/api/v1/definitions/collection/hazard/publish', {})).status).toBe(200);
    expect((await admin.post('/api/v1/definitions/ruleset', { key: 'safety.lec', name: 'LEC', content: lec })).status).toBe(201);
    // when
    const collections = await admin.get('/api/v1/catalogue/collections');
    const rulesets = await admin.get('/api/v1/catalogue/rulesets');
    const otherTenant = await server.as('otherAdmin').get('/api/v1/catalogue/collections');
    // then
    expect(collections.status).toBe(200);
    const hazard = collections.body.items.find((c: { key: string }) => c.key === 'hazard');
    expect(hazard).toMatchObject({ name: '隐患', publishedVersion: 1, formKey: null });
    expect(hazard.fields).toContainEqual({ name: 'riskLevel', type: 'enum', required: true, title: { zh: '隐患等级', en: 'Grade' }, enum: ['general', 'major'] });
    expect(hazard.states.map((s: { key: string }) => s.key)).toEqual(['reported', 'rectifying', 'pendingAcceptance', 'closed']);
    expect(rulesets.status).toBe(200);
    expect(rulesets.body.items).toEqual([expect.objectContaining({ key: 'safety.lec', latestVersion: 1, publishedVersion: null })]);
    expect(otherTenant.body.items.some((c: { key: string }) => c.key === 'hazard')).toBe(false);
  });

  it('documents the catalogue routes in the OpenAPI document', async () => {
    // when
    const doc = await server.request('GET', '/api/v1/openapi.json');
    // then
    expect(doc.status).toBe(200);
    for (const p of ['/api/v1/catalogue/form-components', '/api/v1/catalogue/collections', '/api/v1/catalogue/rulesets'])
      expect(doc.body.paths[p]?.get?.tags, p).toEqual(['catalogue']);
  });
});
