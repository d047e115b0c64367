/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/FakeClock';
import { oneExternalTask } from '../testing/bpmn';
import { startEngineServer, type Creds, type EngineKit } from '../testing/engineTestKit';

describe('GET /incident: Camunda query parameters and sorting over open incidents', () => {
  let kit: EngineKit;
  let worker: Creds;
  let tenantA: string;
  const inc: Record<string, any> = {};
  const task: Record<string, any> = {};
  beforeAll(async () => {
    const clock = new FakeClock('2026-11-28T08:00:00.000Z');
    kit = await startEngineServer({ clock });
    tenantA = await kit.createTenant('Incident A');
    await kit.deploy({ 'a.bpmn': oneExternalTask('incAlpha', 'inc-alpha'), 'b.bpmn': oneExternalTask('incBeta', 'inc-beta') });
    await kit.deploy({ 'c.bpmn': oneExternalTask('incGamma', 'inc-gamma') }, { 'tenant-id': tenantA });
    worker = await kit.workerCredential(['inc-alpha', 'inc-beta', 'inc-gamma']);
    const failOne = async (key: string, topic: string, message: string) => {
      const pi = await kit.start(key);
      const [t] = (
        await kit.rest('POST', '/external-task/fetchAndLock', { as: worker, body: { workerId: 'inc', maxTasks: 1, topics: [{ topicName: topic, lockDuration: 60_000 }] } })
      ).body;
      await kit.rest('POST', `/external-task/${t.id}/failure`, { as: worker, body: { workerId: 'inc', errorMessage: message, retries: 0, retryTimeout: 0 } });
      task[key] = t;
      [inc[key]] = (await kit.rest('GET', `/incident?processInstanceId=${pi.id}`)).body;
      clock.advance(60_000);
    };
    await failOne('incAlpha', 'inc-alpha', 'alpha broke');
    await failOne('incBeta', 'inc-beta', 'beta broke');
    await failOne('incGamma', 'inc-gamma', 'gamma broke');
  });
  afterAll(async () => {
    await kit.close();
  });
  const ids = async (query: string) => {
    const res = await kit.rest('GET', `/incident?${query}`);
    expect(res.status, res.text).toBe(200);
    return (res.body as any[]).map((i) => i.id);
  };

  it('filters by id, type, message (Like), instance, definition, definition keys, activity, execution, configuration, timestamps, tenants', async () => {
    // given
    const a = inc.incAlpha;
    const b = inc.incBeta;
    const g = inc.incGamma;
    // when / then
    expect(a).toMatchObject({ incidentType: 'failedExternalTask', activityId: 'work', configuration: task.incAlpha.id, incidentMessage: 'alpha broke' });
    expect(await ids(`incidentId=${b.id}`)).toEqual([b.id]);
    expect(await ids('incidentType=failedExternalTask&sortBy=incidentTimestamp&sortOrder=asc')).toEqual([a.id, b.id, g.id]);
    expect(await ids('incidentType=failedJob')).toEqual([]);
    expect(await ids('incidentMessage=beta%20broke')).toEqual([b.id]);
    expect(await ids('incidentMessageLike=%25mma%25')).toEqual([g.id]);
    expect(await ids(`processInstanceId=${a.processInstanceId}`)).toEqual([a.id]);
    expect(await ids(`processDefinitionId=${b.processDefinitionId}`)).toEqual([b.id]);
    expect(await ids('processDefinitionKeyIn=incAlpha,incGamma&sortBy=processDefinitionId&sortOrder=asc')).toEqual([a.id, g.id]);
    expect(await ids(`executionId=${a.executionId}`)).toEqual([a.id]);
    expect(await ids(`configuration=${task.incGamma.id}`)).toEqual([g.id]);
    expect(await ids('activityId=work&failedActivityId=work&sortBy=incidentTimestamp&sortOrder=desc')).toEqual([g.id, b.id, a.id]);
    expect(await ids('incidentTimestampAfter=2026-11-28T08:00:30.000%2B0000&incidentTimestampBefore=2026-11-28T08:01:30.000%2B0000')).toEqual([b.id]);
    expect(await ids(`tenantIdIn=${tenantA}`)).toEqual([g.id]);
    expect((await kit.rest('GET', '/incident/count?incidentType=failedExternalTask')).body).toEqual({ count: 3 });
  });

  it('sorts by every Camunda sortBy value and pages', async () => {
    for (const sortBy of ['incidentId', 'incidentMessage', 'incidentTimestamp', 'incidentType', 'executionId', 'activityId', 'causeIncidentId', 'rootCauseIncidentId', 'configuration', 'tenantId', 'processInstanceId', 'processDefinitionId']) {
      // when
      const res = await kit.rest('GET', `/incident?sortBy=${sortBy}&sortOrder=desc`);
      // then
      expect({ sortBy, status: res.status, n: res.body.length }).toEqual({ sortBy, status: 200, n: 3 });
    }
    expect(await ids('sortBy=incidentMessage&sortOrder=desc&firstResult=1&maxResults=1')).toEqual([inc.incBeta.id]);
    expect((await kit.rest('GET', '/incident?sortBy=incidentMessage')).status).toBe(400);
  });

  it('a resolved incident leaves the list; tenants (tenant-less ones are shared) and permissions apply', async () => {
    // given
    const tenantB = await kit.createTenant('Incident B');
    const adminA = await kit.createUser('incAdminA', { tenantId: tenantA, role: 'cityBureauAdmin' });
    const adminB = await kit.createUser('incAdminB', { tenantId: tenantB, role: 'cityBureauAdmin' });
    const operatorA = await kit.createUser('incOperatorA', { tenantId: tenantA, role: 'operator' });
    // when
    await kit.rest('PUT', `/external-task/${task.incAlpha.id}/retries`, { body: { retries: 1 } });
    const asA = await kit.rest('GET', '/incident?sortBy=incidentTimestamp&sortOrder=asc', { as: adminA });
    const asB = await kit.rest('GET', '/incident', { as: adminB });
    const asOperator = await kit.rest('GET', '/incident', { as: operatorA });
    // then
    expect(await ids(`incidentId=${inc.incAlpha.id}`)).toEqual([]);
    expect(asA.body.map((i: any) => i.id)).toEqual([inc.incBeta.id, inc.incGamma.id]);
    expect(asB.body.map((i: any) => i.id)).toEqual([inc.incBeta.id]);
    expect((await kit.rest('GET', `/incident?incidentId=${inc.incGamma.id}`, { as: adminB })).body).toEqual([]);
    expect((await kit.rest('GET', `/incident/count?tenantIdIn=${tenantA}`, { as: adminB })).body).toEqual({ count: 0 });
    expect(asOperator.status).toBe(403);
  });
});
