import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMatrix, type MatrixFixture } from '../testing/seedMatrix';
import { startTestServer } from '../testing/startTestServer';
import { hazardCollection, hazardLedgerView } from './testing/hazardSamples';

/**
 * Records and ledgers with the real identity module: real users, real
 * logins, real tokens, built-in roles; two tenants (prefixes a and b), each
 * C → D1/D2 → S1/S2 → E1/E2.
 */
describe('records and ledgers through the real auth matrix', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let a: MatrixFixture;
  let b: MatrixFixture;
  let hazardId: string;
  const call = (method: string, path: string, token: string, body?: unknown) => server.request(method, `/api/v1${path}`, { token, body });

  beforeAll(async () => {
    server = await startTestServer();
    a = await seedMatrix(server, { prefix: 'a' });
    b = await seedMatrix(server, { prefix: 'b' });
    const district = a.user('districtBureauAdmin', 1).token;
    for (const [kind, key, content] of [['collection', 'hazard', hazardCollection], ['view', 'hazardLedger', hazardLedgerView]] as const) {
      expect((await call('POST', `/definitions/${kind}`, district, { key, name: key, content, orgId: a.orgs.D1.id })).status).toBe(201);
      expect((await call('POST', `/definitions/${kind}/${key}/publish`, district, { orgId: a.orgs.D1.id })).status).toBe(200);
    }
    const created = await call('POST', '/records/hazard', a.user('safetyOfficer', 1).token, { data: { title: '叉车超速', riskLevel: 'general' } });
    expect(created.status).toBe(201);
    hazardId = created.body.id;
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('uses the district definition in its subtree only', async () => {
    // when: an enterprise in the other district of the same tenant
    const res = await call('POST', '/records/hazard', a.user('safetyOfficer', 2).token, { data: { title: 'x', riskLevel: 'general' } });
    // then
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('collection.not_found');
  });

  it('answers 404 to the sibling district and the other tenant, 403 to a role without record.write', async () => {
    // when
    const sibling = await call('GET', `/records/hazard/${hazardId}`, a.user('safetyOfficer', 2).token);
    const otherTenant = await call('GET', `/records/hazard/${hazardId}`, b.user('cityBureauAdmin', 1).token);
    const worker = await call('POST', '/records/hazard', a.user('worker', 1).token, { data: { title: 'x', riskLevel: 'general' } });
    const city = await call('GET', `/records/hazard/${hazardId}`, a.user('cityBureauAdmin', 1).token);
    // then
    expect(sibling.status).toBe(404);
    expect(otherTenant.status).toBe(404);
    expect(worker.status).toBe(403);
    expect(worker.body.code).toBe('auth.forbidden');
    expect(city.status).toBe(200);
  });

  it('guards transitions by built-in role in the record org', async () => {
    // when
    const operator = await call('POST', `/records/hazard/${hazardId}/transition`, a.user('operator', 1).token, { to: 'rectifying', revision: 1 });
    const owner = await call('POST', `/records/hazard/${hazardId}/transition`, a.user('enterpriseOwner', 1).token, { to: 'rectifying', revision: 1 });
    // then
    expect(operator.status).toBe(403);
    expect(operator.body.code).toBe('record.transition_forbidden');
    expect(owner.status).toBe(200);
    expect(owner.body.status).toBe('rectifying');
  });

  it('shows the ledger to the street office above the enterprise, not to the other street', async () => {
    // when
    const street1 = await call('GET', '/ledgers/hazardLedger', a.user('streetOfficer', 1).token);
    const street2 = await call('GET', '/ledgers/hazardLedger', a.user('streetOfficer', 2).token);
    // then
    expect(street1.status).toBe(200);
    expect(street1.body.items.map((i: { id: string }) => i.id)).toEqual([hazardId]);
    expect(street1.body.countsByState).toMatchObject({ reported: 0, rectifying: 1 });
    expect(street2.status).toBe(404);
  });
});
