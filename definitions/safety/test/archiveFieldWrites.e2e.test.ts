/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are read loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContentServer, type ContentServer } from './contentServer';

describe('enterprise archive: the regulator-only fields (writableBy) through the records API (real pack, real server)', { timeout: 120_000 }, () => {
  let s: ContentServer;
  let id: string;
  const archive = {
    name: 'mx 企业A', uscc: '91330108MA2H0X1A20', industry: '通用设备制造业', industryCategory: 'machinery', scale: 'small', employees: 80,
    address: '滨江区江南大道1号', legalRepresentative: '王建华', stdGrade: 'level3', principalName: '王建华', principalPhone: '13805710001', safetyManagerCount: 2,
  };
  const get = async () => (await s.api('safetyA', 'GET', `/records/safety_enterprise/${id}`)).body;
  beforeAll(async () => {
    s = await startContentServer();
    const res = await s.api('safetyA', 'POST', '/records/safety_enterprise', { orgId: s.orgs.entA.id, values: archive });
    expect(res.status, res.text).toBe(201);
    id = res.body.id;
  });
  afterAll(async () => {
    await s?.close();
  });

  it("refuses the enterprise's own safety officer writing 核定意见 or 监管风险四色 (403 record.field_forbidden), nothing changed", async () => {
    // given the archive as the enterprise made it
    const before = await get();
    // when the enterprise tries to set the regulator's fields
    const res = await s.api('safetyA', 'PUT', `/records/safety_enterprise/${id}`, { data: { ...before.data, verifiedOpinion: '自评合格', regulatorRiskColor: 'blue' }, revision: before.revision });
    // then
    expect(res.status, res.text).toBe(403);
    expect(res.body.code).toBe('record.field_forbidden');
    expect(res.body.details.fields.map((f: any) => f.field).sort()).toEqual(['regulatorRiskColor', 'verifiedOpinion']);
    const after = await get();
    expect([after.revision, after.data.verifiedOpinion]).toEqual([before.revision, undefined]);
  });

  it('lets the street officer above set them, and the enterprise then edit its own fields resending them unchanged', async () => {
    // given
    const before = await get();
    // when the street (S1) verifies
    const street = await s.api('streetOfficer.1', 'PUT', `/records/safety_enterprise/${id}`, { data: { ...before.data, verifiedOpinion: '资料齐全，核定通过', regulatorRiskColor: 'yellow' }, revision: before.revision });
    expect(street.status, street.text).toBe(200);
    // and the enterprise updates its head count, sending the whole record back
    const mid = await get();
    const own = await s.api('safetyA', 'PUT', `/records/safety_enterprise/${id}`, { data: { ...mid.data, employees: 85 }, revision: mid.revision });
    // then
    expect(own.status, own.text).toBe(200);
    expect(own.body.data).toMatchObject({ employees: 85, verifiedOpinion: '资料齐全，核定通过', regulatorRiskColor: 'yellow' });
    // the street officer of S2 (not above the enterprise) and the other tenant do not see the record at all
    expect((await s.api('streetOfficer.2', 'PUT', `/records/safety_enterprise/${id}`, { data: { ...own.body.data, verifiedOpinion: 'x' }, revision: own.body.revision })).status).toBe(404);
    expect((await s.api('otherAdmin', 'GET', `/records/safety_enterprise/${id}`)).status).toBe(404);
  });
});
