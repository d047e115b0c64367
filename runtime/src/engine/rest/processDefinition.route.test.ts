/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/FakeClock';
import { bpmn, oneExternalTask } from '../testing/bpmn';
import { startEngineServer, type Creds, type EngineKit } from '../testing/engineTestKit';

/** `oneExternalTask` with a process name and version tag. */
const named = (id: string, topic: string, name: string, versionTag?: string) =>
  oneExternalTask(id, topic).replace(
    `<process id="${id}" isExecutable="true">`,
    `<process id="${id}" name="${name}"${versionTag ? ` camunda:versionTag="${versionTag}"` : ''} isExecutable="true">`,
  );

const hourly = bpmn(
  'pdHourly',
  `<startEvent id="start"><timerEventDefinition><timeCycle>R/PT1H</timeCycle></timerEventDefinition></startEvent>
   <sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
   <serviceTask id="work" camunda:type="external" camunda:topic="pd-hourly"/>
   <sequenceFlow id="f2" sourceRef="work" targetRef="end"/>
   <endEvent id="end"/>`,
);

const byMessage = bpmn(
  'pdByMessage',
  `<startEvent id="start"><messageEventDefinition messageRef="m"/></startEvent>
   <sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
   <serviceTask id="work" camunda:type="external" camunda:topic="pd-msg"/>
   <sequenceFlow id="f2" sourceRef="work" targetRef="end"/>
   <endEvent id="end"/>`,
  '<message id="m" name="pdStartMessage"/>',
);

describe('/process-definition: list parameters and suspension', () => {
  let kit: EngineKit;
  let clock: FakeClock;
  let worker: Creds;
  let alpha1: any;
  let alpha2: any;
  let beta: any;
  let betaDeployment: string;
  beforeAll(async () => {
    clock = new FakeClock('2026-11-28T08:00:00.000Z');
    kit = await startEngineServer({ clock });
    const d1 = await kit.deploy({ 'alpha.bpmn': named('pdqAlpha', 'pd-alpha', 'Alpha process', '1.0') });
    clock.advance(60_000);
    const d2 = await kit.deploy({ 'alpha.bpmn': named('pdqAlpha', 'pd-alpha2', 'Alpha process', '2.0') });
    clock.advance(60_000);
    const d3 = await kit.deploy({ 'beta.bpmn': named('pdqBeta', 'pd-beta', 'Beta process') });
    alpha1 = Object.values(d1.body.deployedProcessDefinitions)[0];
    alpha2 = Object.values(d2.body.deployedProcessDefinitions)[0];
    beta = Object.values(d3.body.deployedProcessDefinitions)[0];
    betaDeployment = d3.body.id;
    worker = await kit.workerCredential(['pd-alpha', 'pd-alpha2', 'pd-beta', 'pd-hourly']);
  });
  afterAll(async () => {
    await kit.close();
  });
  const ids = async (query: string) => ((await kit.rest('GET', `/process-definition?${query}`)).body as any[]).map((d) => d.id);
  const count = async (table: string) => Number((await kit.deps.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n);
  const fetchable = async (topic: string) =>
    ((await kit.rest('POST', '/external-task/fetchAndLock', { as: worker, body: { workerId: 'pd', maxTasks: 10, topics: [{ topicName: topic, lockDuration: 1 }] } })).body as any[]).length;

  it('filters by key, keysIn, keyLike, name, nameLike, version, latestVersion, deploymentId, versionTag, ids; sorts; counts', async () => {
    // when / then
    expect(await ids('key=pdqAlpha&sortBy=version&sortOrder=asc')).toEqual([alpha1.id, alpha2.id]);
    expect(await ids('keysIn=pdqAlpha,pdqBeta&sortBy=version&sortOrder=desc&latestVersion=true')).toEqual([alpha2.id, beta.id]);
    expect(await ids('keyLike=pdq%25&sortBy=deployTime&sortOrder=desc')).toEqual([beta.id, alpha2.id, alpha1.id]);
    expect(await ids('name=Beta%20process')).toEqual([beta.id]);
    expect(await ids('nameLike=Alpha%25&version=1')).toEqual([alpha1.id]);
    expect(await ids(`deploymentId=${betaDeployment}`)).toEqual([beta.id]);
    expect(await ids('versionTag=2.0')).toEqual([alpha2.id]);
    expect(await ids('versionTagLike=%25.0&sortBy=versionTag&sortOrder=asc')).toEqual([alpha1.id, alpha2.id]);
    expect(await ids('keyLike=pdq%25&withoutVersionTag=true')).toEqual([beta.id]);
    expect(await ids(`processDefinitionIdIn=${alpha1.id},${beta.id}&sortBy=id&sortOrder=asc`)).toEqual([alpha1.id, beta.id].sort());
    expect(await ids('keyLike=pdq%25&sortBy=name&sortOrder=desc&firstResult=1&maxResults=1')).toEqual([expect.stringMatching(/^pdqAlpha:/)]);
    expect((await kit.rest('GET', '/process-definition/count?keyLike=pdq%25')).body).toEqual({ count: 3 });
    expect((await kit.rest('GET', '/process-definition/count?keyLike=pdq%25&latestVersion=true')).body).toEqual({ count: 2 });
  });

  it('suspends a definition by id: it cannot be started (Camunda 500), its running instances go on, activation restores it', async () => {
    // given
    const running = await kit.start('pdqBeta');
    const before = await count('process_instance');
    // when
    const put = await kit.rest('PUT', `/process-definition/${beta.id}/suspended`, { body: { suspended: true, includeProcessInstances: false } });
    const start = await kit.rest('POST', '/process-definition/key/pdqBeta/start', { body: {} });
    const startById = await kit.rest('POST', `/process-definition/${beta.id}/start`, { body: {} });
    // then
    expect(put.status).toBe(204);
    expect((await kit.rest('GET', `/process-definition/${beta.id}`)).body.suspended).toBe(true);
    expect(await ids('keyLike=pdq%25&suspended=true')).toEqual([beta.id]);
    expect(await ids('keyLike=pdq%25&active=true')).not.toContain(beta.id);
    expect(start.status).toBe(500);
    expect(start.body).toEqual({
      type: 'RestException',
      message: `Cannot instantiate process definition ${beta.id}: ENGINE-03043 Process Definition with id '${beta.id}' is suspended.`,
    });
    expect(startById.status).toBe(500);
    expect(await count('process_instance')).toBe(before);
    expect((await kit.rest('GET', `/process-instance/${running.id}`)).body.suspended).toBe(false);
    expect(await fetchable('pd-beta')).toBe(1);

    // when
    const activate = await kit.rest('PUT', `/process-definition/${beta.id}/suspended`, { body: { suspended: false } });
    // then
    expect(activate.status).toBe(204);
    expect((await kit.rest('POST', '/process-definition/key/pdqBeta/start', { body: {} })).status).toBe(200);
  });

  it('includeProcessInstances suspends and activates every instance of the definition with its tasks', async () => {
    // given
    const p1 = await kit.start('pdqAlpha');
    const p2 = await kit.start('pdqAlpha');
    // when
    const put = await kit.rest('PUT', `/process-definition/key/pdqAlpha/suspended`, { body: { suspended: true, includeProcessInstances: true } });
    // then
    expect(put.status).toBe(204);
    const suspended = (await kit.rest('GET', `/process-instance?processDefinitionId=${alpha2.id}&suspended=true`)).body.map((p: any) => p.id);
    expect(suspended.sort()).toEqual([p1.id, p2.id].sort());
    expect((await kit.rest('GET', `/external-task/count?processDefinitionId=${alpha2.id}&suspended=true`)).body).toEqual({ count: 2 });
    expect(await fetchable('pd-alpha2')).toBe(0);
    const history = (await kit.rest('GET', `/history/process-instance?processDefinitionId=${alpha2.id}&suspended=true`)).body.map((p: any) => [p.id, p.state]);
    expect(history.sort()).toEqual([[p1.id, 'SUSPENDED'], [p2.id, 'SUSPENDED']].sort());
    expect((await kit.rest('GET', `/process-definition/${alpha1.id}`)).body.suspended).toBe(false); // by key: the latest version only

    // when
    const activate = await kit.rest('PUT', `/process-definition/key/pdqAlpha/suspended`, { body: { suspended: false, includeProcessInstances: true } });
    // then
    expect(activate.status).toBe(204);
    expect((await kit.rest('GET', `/process-instance/count?processDefinitionId=${alpha2.id}&active=true`)).body).toEqual({ count: 2 });
    expect(await fetchable('pd-alpha2')).toBe(2);
    expect((await kit.rest('GET', `/history/process-instance/count?processDefinitionId=${alpha2.id}&active=true`)).body).toEqual({ count: 2 });
  });

  it('PUT /process-definition/suspended by key changes every version; Camunda 400s for bad bodies', async () => {
    // when
    const all = await kit.rest('PUT', '/process-definition/suspended', { body: { processDefinitionKey: 'pdqAlpha', suspended: true } });
    // then
    expect(all.status).toBe(204);
    expect(await ids('key=pdqAlpha&suspended=true&sortBy=version&sortOrder=asc')).toEqual([alpha1.id, alpha2.id]);
    expect((await kit.rest('PUT', '/process-definition/suspended', { body: { processDefinitionKey: 'pdqAlpha', suspended: false } })).status).toBe(204);
    expect(await ids('key=pdqAlpha&suspended=true')).toEqual([]);

    // when
    const withId = await kit.rest('PUT', '/process-definition/suspended', { body: { processDefinitionId: alpha1.id, suspended: true } });
    const neither = await kit.rest('PUT', '/process-definition/suspended', { body: { suspended: true } });
    const delayed = await kit.rest('PUT', `/process-definition/${alpha1.id}/suspended`, { body: { suspended: true, executionDate: '2026-12-01T00:00:00.000+0000' } });
    const noFlag = await kit.rest('PUT', `/process-definition/${alpha1.id}/suspended`, { body: { includeProcessInstances: true } });
    const unknownId = await kit.rest('PUT', '/process-definition/nope:1:x/suspended', { body: { suspended: true } });
    const unknownKey = await kit.rest('PUT', '/process-definition/suspended', { body: { processDefinitionKey: 'nope', suspended: true } });
    // then
    expect(withId.body).toEqual({ type: 'InvalidRequestException', message: 'Only processDefinitionKey can be set to update the suspension state.' });
    expect(neither.body).toEqual({ type: 'InvalidRequestException', message: 'Either processDefinitionId or processDefinitionKey should be set to update the suspension state.' });
    expect(delayed.status).toBe(400);
    expect(delayed.body.message).toContain('executionDate');
    expect(noFlag.status).toBe(400);
    expect(unknownId.status).toBe(404);
    expect(unknownKey.status).toBe(404);
    expect(await ids('keyLike=pdq%25&suspended=true')).toEqual([]);
  });

  it('a suspended definition keeps its timer start from firing until it is activated', async () => {
    // given
    expect((await kit.deploy({ 'hourly.bpmn': hourly })).status).toBe(200);
    const [def] = (await kit.rest('GET', '/process-definition?key=pdHourly')).body;
    // when
    await kit.rest('PUT', `/process-definition/${def.id}/suspended`, { body: { suspended: true } });
    clock.advance(2 * 3600_000);
    await kit.engine.jobs.runDueJobs();
    const whileSuspended = (await kit.rest('GET', '/process-instance/count?processDefinitionKey=pdHourly')).body.count;
    await kit.rest('PUT', `/process-definition/${def.id}/suspended`, { body: { suspended: false } });
    await kit.engine.jobs.runDueJobs();
    // then
    expect(whileSuspended).toBe(0);
    expect((await kit.rest('GET', '/process-instance/count?processDefinitionKey=pdHourly')).body.count).toBe(1);
  });

  it('a suspended definition takes no start message; a change made by another node is seen by starts and messages', async () => {
    // given
    expect((await kit.deploy({ 'msg.bpmn': byMessage })).status).toBe(200);
    const [def] = (await kit.rest('GET', '/process-definition?key=pdByMessage')).body;
    const started = async () => (await kit.rest('GET', '/process-instance/count?processDefinitionKey=pdByMessage')).body.count;
    const message = () => kit.rest('POST', '/message', { body: { messageName: 'pdStartMessage' } });
    const setByOtherNode = (suspended: number) => kit.deps.db.query(`UPDATE process_definition SET suspended = ? WHERE id = ?`, [suspended, def.id]);
    // when: suspended here
    await kit.rest('PUT', `/process-definition/${def.id}/suspended`, { body: { suspended: true } });
    const refused = await message();
    // then
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ type: 'RestException', message: "Cannot correlate message 'pdStartMessage': No process definition or execution matches the parameters" });
    expect(await started()).toBe(0);

    // when: activated by another node (this node's cache still says suspended)
    await setByOtherNode(0);
    const accepted = await message();
    const startedByRest = await kit.rest('POST', '/process-definition/key/pdByMessage/start', { body: {} });
    // then
    expect(accepted.status).toBeLessThan(300);
    expect(startedByRest.status).toBe(200);
    expect(await started()).toBe(2);

    // when: suspended by another node (this node's cache says active)
    await setByOtherNode(1);
    const refusedAgain = await message();
    const refusedStart = await kit.rest('POST', '/process-definition/key/pdByMessage/start', { body: {} });
    // then
    expect(refusedAgain.status).toBe(400);
    expect(refusedStart.status).toBe(500);
    expect(await started()).toBe(2);
  });

  it("only operators of the definition's tenant change its suspension state", async () => {
    // given
    const a = await kit.createTenant('PD A');
    const b = await kit.createTenant('PD B');
    const adminA = await kit.createUser('pdAdminA', { tenantId: a, role: 'cityBureauAdmin' });
    const adminB = await kit.createUser('pdAdminB', { tenantId: b, role: 'cityBureauAdmin' });
    const operatorA = await kit.createUser('pdOperatorA', { tenantId: a, role: 'operator' });
    const dep = await kit.deploy({ 'own.bpmn': oneExternalTask('pdqOwn', 'pd-own') }, { 'tenant-id': a }, adminA);
    const own: any = Object.values(dep.body.deployedProcessDefinitions)[0];
    // when
    const foreign = await kit.rest('PUT', `/process-definition/${own.id}/suspended`, { as: adminB, body: { suspended: true } });
    const foreignKey = await kit.rest('PUT', '/process-definition/suspended', { as: adminB, body: { processDefinitionKey: 'pdqOwn', suspended: true } });
    const notOperator = await kit.rest('PUT', `/process-definition/${own.id}/suspended`, { as: operatorA, body: { suspended: true } });
    // then
    expect(foreign.status).toBe(404);
    expect(foreignKey.status).toBe(404);
    expect(notOperator.status).toBe(403);
    const withShared = (await kit.rest('GET', `/process-definition?keyLike=pdq%25&tenantIdIn=${a}&includeProcessDefinitionsWithoutTenantId=true`, { as: adminA })).body;
    expect(withShared.map((d: any) => d.key).sort()).toEqual(['pdqAlpha', 'pdqAlpha', 'pdqBeta', 'pdqOwn']);
    expect((await kit.rest('GET', `/process-definition?keyLike=pdq%25&tenantIdIn=${a}`, { as: adminA })).body.map((d: any) => d.key)).toEqual(['pdqOwn']);
    expect((await kit.rest('GET', `/process-definition?keyLike=pdq%25&tenantIdIn=${a}`, { as: adminB })).body).toEqual([]);
    expect((await kit.rest('GET', `/process-definition/${own.id}`)).body.suspended).toBe(false);
    expect((await kit.rest('PUT', `/process-definition/${own.id}/suspended`, { as: adminA, body: { suspended: true } })).status).toBe(204);
  });
});
