/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/FakeClock';
import { oneExternalTask } from '../testing/bpmn';
import { startEngineServer, type Creds, type EngineKit } from '../testing/engineTestKit';

describe('GET /deployment: Camunda query parameters and sorting', () => {
  let kit: EngineKit;
  let tenantA: string;
  let adminA: Creds;
  let adminB: Creds;
  const dep: Record<string, any> = {};
  beforeAll(async () => {
    const clock = new FakeClock('2026-11-28T08:00:00.000Z');
    kit = await startEngineServer({ clock });
    tenantA = await kit.createTenant('Deployments A');
    const tenantB = await kit.createTenant('Deployments B');
    adminA = await kit.createUser('dqAdminA', { tenantId: tenantA, role: 'cityBureauAdmin' });
    adminB = await kit.createUser('dqAdminB', { tenantId: tenantB, role: 'cityBureauAdmin' });
    dep.patrol = (await kit.deploy({ 'p.bpmn': oneExternalTask('dqPatrol', 'dq') }, { 'deployment-name': 'patrol', 'deployment-source': 'designer' })).body;
    clock.advance(60_000);
    dep.hazard = (await kit.deploy({ 'h.bpmn': oneExternalTask('dqHazard', 'dq') }, { 'deployment-name': 'hazard' })).body;
    clock.advance(60_000);
    dep.own = (await kit.deploy({ 'o.bpmn': oneExternalTask('dqOwn', 'dq') }, { 'deployment-name': 'own', 'tenant-id': tenantA }, adminA)).body;
  });
  afterAll(async () => {
    await kit.close();
  });
  const names = async (query: string, as?: Creds) => {
    const res = await kit.rest('GET', `/deployment?${query}`, { as });
    expect(res.status, `${query}: ${res.text}`).toBe(200);
    return (res.body as any[]).map((d) => d.name);
  };

  it('filters by id, name (Like), source, deployment time and tenant; sorts; counts', async () => {
    // when / then
    expect(await names(`id=${dep.hazard.id}`)).toEqual(['hazard']);
    expect(await names('name=patrol')).toEqual(['patrol']);
    expect(await names('nameLike=%25a%25&sortBy=name&sortOrder=asc')).toEqual(['hazard', 'patrol']);
    expect(await names('source=designer')).toEqual(['patrol']);
    expect(await names('withoutSource=true')).toEqual(['hazard', 'own']);
    expect(await names('after=2026-11-28T08:00:30.000%2B0000&before=2026-11-28T08:01:30.000%2B0000')).toEqual(['hazard']);
    expect(await names('sortBy=deploymentTime&sortOrder=desc')).toEqual(['own', 'hazard', 'patrol']);
    expect(await names(`tenantIdIn=${tenantA}`)).toEqual(['own']);
    expect(await names(`tenantIdIn=${tenantA}&includeDeploymentsWithoutTenantId=true`)).toEqual(['patrol', 'hazard', 'own']);
    expect(await names('withoutTenantId=true')).toEqual(['patrol', 'hazard']);
    expect((await kit.rest('GET', '/deployment/count?withoutTenantId=true')).body).toEqual({ count: 2 });
    expect((await kit.rest('GET', '/deployment?sortBy=deployTime&sortOrder=asc')).body).toEqual({
      type: 'InvalidRequestException',
      message: "Cannot set query parameter 'sortBy' to value 'deployTime'",
    });
  });

  it("never lists another tenant's deployments", async () => {
    // when / then
    expect(await names('sortBy=name&sortOrder=asc', adminA)).toEqual(['hazard', 'own', 'patrol']);
    expect(await names('sortBy=name&sortOrder=asc', adminB)).toEqual(['hazard', 'patrol']);
    expect(await names(`id=${dep.own.id}`, adminB)).toEqual([]);
    expect((await kit.rest('GET', `/deployment/count?tenantIdIn=${tenantA}`, { as: adminB })).body).toEqual({ count: 0 });
  });
});
