import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectForm, inspectionProcess } from '../definitions/process/processFixtures';
import { startRecordsServer, type RecordsServer } from '../records/testing/startRecordsServer';

const lec = JSON.parse(readFileSync(new URL('../../../definitions/safety/rules/safety.lec.json', import.meta.url), 'utf8')).content;
const KEY = 'one-start-path';

describe('one start path: the modeler\'s POST /processes/:key/instances and the scheduler\'s POST /processes/:key/start', () => {
  let server: RecordsServer;
  const instancesOf = async () => Number((await server.as('districtAdmin').get(`/api/v1/processes/${KEY}/instances`)).body.total);
  const detailOf = async (id: string) => (await server.as('districtAdmin').get(`/api/v1/process-instances/${id}`)).body;

  beforeAll(async () => {
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    server = await startRecordsServer();
    await server.publish('districtAdmin', 'form', 'inspect', inspectForm);
    await server.publish('districtAdmin', 'ruleset', 'safety.lec', lec);
    const p = await server.as('districtAdmin').post('/api/v1/definitions/process', { key: KEY, name: '一条启动路径', content: { xml: inspectionProcess(KEY) } });
    expect(p.status, p.text).toBe(201);
    const pub = await server.as('districtAdmin').post(`/api/v1/definitions/process/${KEY}/publish`, {});
    expect(pub.status, pub.text).toBe(200);
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
    delete process.env.SAFEFLOW_INPROCESS_WORKERS;
  });

  it('both routes start an instance belonging to the named org, with targetOrgId among its variables', async () => {
    // when
    const modeler = await server.as('districtAdmin').post(`/api/v1/processes/${KEY}/instances`, { orgId: server.orgs.entA.id, variables: { L: 3, E: 6, C: 7 } });
    const scheduler = await server.as('districtAdmin').post(`/api/v1/processes/${KEY}/start`, { orgIds: [server.orgs.entA.id], variables: { L: 3, E: 6, C: 7 } });
    // then
    expect(modeler.status, modeler.text).toBe(201);
    expect(scheduler.status, scheduler.text).toBe(201);
    const ids = [modeler.body.id as string, scheduler.body.instances[0].processInstanceId as string];
    for (const id of ids) {
      const detail = await detailOf(id);
      expect(detail.instance.orgPath).toBe(server.orgs.entA.path);
      expect(detail.variables).toContainEqual(expect.objectContaining({ name: 'targetOrgId', value: server.orgs.entA.id }));
    }
  });

  it('an org of another tenant or outside the caller\'s scope is 404 on both routes, and nothing starts', async () => {
    // given
    const before = await instancesOf();
    // when
    const otherTenant = await server.as('districtAdmin').post(`/api/v1/processes/${KEY}/instances`, { orgId: server.orgs.otherEnt.id });
    const otherStart = await server.as('districtAdmin').post(`/api/v1/processes/${KEY}/start`, { orgIds: [server.orgs.otherEnt.id] });
    const sibling = await server.as('safetyA').post(`/api/v1/processes/${KEY}/start`, { orgIds: [server.orgs.entB.id] });
    // then
    expect(otherTenant.status, otherTenant.text).toBe(404);
    expect(otherStart.status).toBe(404);
    expect(otherStart.body.code).toBe('org.not_found');
    expect(sibling.status).toBe(404);
    expect(await instancesOf()).toBe(before);
  });
});
