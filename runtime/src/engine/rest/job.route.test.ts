/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/FakeClock';
import { bpmn } from '../testing/bpmn';
import { startEngineServer, type Creds, type EngineKit } from '../testing/engineTestKit';

const waits = bpmn(
  'jqTimer',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
   <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
   <sequenceFlow id="f2" sourceRef="wait" targetRef="end"/>
   <endEvent id="end"/>`,
);
const failing = bpmn(
  'jqFailing',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="gw"/>
   <exclusiveGateway id="gw" camunda:asyncBefore="true"/>
   <sequenceFlow id="f2" sourceRef="gw" targetRef="end"><conditionExpression xsi:type="tFormalExpression">\${missing.field == 1}</conditionExpression></sequenceFlow>
   <endEvent id="end"/>`,
);
const everyTwoHours = bpmn(
  'jqStart',
  `<startEvent id="start"><timerEventDefinition><timeCycle>R/PT2H</timeCycle></timerEventDefinition></startEvent>
   <sequenceFlow id="f1" sourceRef="start" targetRef="end"/>
   <endEvent id="end"/>`,
);

describe('GET|POST /job: Camunda query parameters and sorting', () => {
  let kit: EngineKit;
  let clock: FakeClock;
  let tenantA: string;
  let adminB: Creds;
  const label = new Map<string, string>();
  beforeAll(async () => {
    clock = new FakeClock('2026-11-28T08:00:00.000Z');
    kit = await startEngineServer({ clock });
    // jobs run only when the test says so: the background executor would fire t1 once the clock passes its due date
    await kit.engine.jobs.stop();
    tenantA = await kit.createTenant('Jobs A');
    const tenantB = await kit.createTenant('Jobs B');
    adminB = await kit.createUser('jqAdminB', { tenantId: tenantB, role: 'cityBureauAdmin' });
    await kit.deploy({ 'timer.bpmn': waits, 'failing.bpmn': failing });
    await kit.deploy({ 'start.bpmn': everyTwoHours }, { 'tenant-id': tenantA });
    label.set((await kit.start('jqTimer')).id, 't1');
    clock.advance(60_000);
    label.set((await kit.start('jqTimer')).id, 't2');
    label.set((await kit.start('jqFailing')).id, 'f');
    // a stopped executor runs one round per call: the failing job needs three (its 3 retries)
    for (let attempt = 0; attempt < 3; attempt++) await kit.engine.jobs.runDueJobs();
  });
  afterAll(async () => {
    await kit.close();
  });
  const jobs = async (query: string, as?: Creds) => {
    const res = await kit.rest('GET', `/job?${query}`, { as });
    expect(res.status, `${query}: ${res.text}`).toBe(200);
    return (res.body as any[]).map((j) => (j.processInstanceId ? label.get(j.processInstanceId) : `start:${j.processDefinitionKey}`));
  };

  it('filters by kind, instance, definition, activity, exception, retries, executability, suspension and tenant', async () => {
    // given
    const all = (await kit.rest('GET', '/job?sortBy=jobDueDate&sortOrder=asc')).body as any[];
    const byLabel = Object.fromEntries(all.map((j) => [j.processInstanceId ? label.get(j.processInstanceId) : 'start', j]));
    // when / then
    expect(await jobs('sortBy=jobDueDate&sortOrder=asc')).toEqual(['f', 't1', 't2', 'start:jqStart']);
    expect(await jobs('timers=true&sortBy=jobDueDate&sortOrder=desc')).toEqual(['start:jqStart', 't2', 't1']);
    expect(await jobs('messages=true')).toEqual(['f']);
    expect(await jobs(`processInstanceId=${byLabel.t2.processInstanceId}`)).toEqual(['t2']);
    expect(await jobs(`processInstanceIds=${byLabel.t1.processInstanceId},${byLabel.f.processInstanceId}&sortBy=jobRetries&sortOrder=asc`)).toEqual(['f', 't1']);
    expect(await jobs(`jobIds=${byLabel.t1.id},${byLabel.start.id}&sortBy=jobDueDate&sortOrder=asc`)).toEqual(['t1', 'start:jqStart']);
    expect(await jobs('processDefinitionKey=jqTimer')).toEqual(['t1', 't2']);
    expect(await jobs(`processDefinitionId=${byLabel.f.processDefinitionId}&activityId=gw`)).toEqual(['f']);
    expect(await jobs('withException=true&failedActivityId=gw&noRetriesLeft=true')).toEqual(['f']);
    expect(await jobs(`exceptionMessage=${encodeURIComponent(byLabel.f.exceptionMessage)}`)).toEqual(['f']);
    expect(await jobs('withRetriesLeft=true&sortBy=processDefinitionKey&sortOrder=desc&maxResults=1')).toEqual(['t1']);
    expect(await jobs('executable=true')).toEqual([]);
    expect(await jobs(`tenantIdIn=${tenantA}`)).toEqual(['start:jqStart']);
    expect(await jobs('', adminB)).toEqual(['f', 't1', 't2']);
    expect(await jobs(`tenantIdIn=${tenantA}`, adminB)).toEqual([]);
    const posted = await kit.rest('POST', '/job', { body: { processDefinitionKey: 'jqTimer', sorting: [{ sortBy: 'jobDueDate', sortOrder: 'desc' }] } });
    expect(posted.body.map((j: any) => label.get(j.processInstanceId))).toEqual(['t2', 't1']);
    expect((await kit.rest('POST', '/job/count', { body: { timers: true } })).body).toEqual({ count: 3 });

    // when time passes and an instance is suspended
    clock.set('2026-11-28T09:00:30.000Z');
    await kit.rest('PUT', `/process-instance/${byLabel.t2.processInstanceId}/suspended`, { body: { suspended: true } });
    // then
    expect(await jobs('executable=true')).toEqual(['t1']);
    expect(await jobs('suspended=true')).toEqual(['t2']);
    expect(await jobs('active=true&timers=true')).toEqual(['t1', 'start:jqStart']);
  });

  it("answers Camunda's errors for contradicting kinds, unknown sorting and bad booleans", async () => {
    // when
    const both = await kit.rest('GET', '/job?timers=true&messages=true');
    const sort = await kit.rest('GET', '/job?sortBy=dueDate&sortOrder=asc');
    const flag = await kit.rest('GET', '/job?timers=yes');
    const priority = await kit.rest('GET', '/job?sortBy=jobPriority&sortOrder=desc');
    // then
    expect(both.status).toBe(500);
    expect(both.body).toEqual({ type: 'ProcessEngineException', message: 'Cannot combine onlyTimers() with onlyMessages() in the same query' });
    expect(sort.body).toEqual({ type: 'InvalidRequestException', message: "Cannot set query parameter 'sortBy' to value 'dueDate'" });
    expect(flag.status).toBe(400);
    expect(priority.body).toHaveLength(4);
  });
});
