/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/FakeClock';
import { bpmn } from '../testing/bpmn';
import { startEngineServer, type Creds, type EngineKit } from '../testing/engineTestKit';

const escalation = bpmn(
  'escalation',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="rectify"/>
   <userTask id="rectify" name="Rectify" camunda:candidateGroups="safetyOfficer"/>
   <boundaryEvent id="late" attachedToRef="rectify"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
   <sequenceFlow id="f2" sourceRef="rectify" targetRef="end"/>
   <endEvent id="end"/>
   <sequenceFlow id="f3" sourceRef="late" targetRef="escalate"/>
   <userTask id="escalate" name="Escalate to street office"/>
   <sequenceFlow id="f4" sourceRef="escalate" targetRef="end2"/>
   <endEvent id="end2"/>`,
);

const waitForInspection = bpmn(
  'waitInspection',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
   <intermediateCatchEvent id="wait"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>
   <sequenceFlow id="f2" sourceRef="wait" targetRef="after"/>
   <serviceTask id="after" camunda:type="external" camunda:topic="after-inspection"/>
   <sequenceFlow id="f3" sourceRef="after" targetRef="end"/>
   <endEvent id="end"/>`,
  `<message id="m" name="inspectionDone"/>`,
);

const reported = bpmn(
  'reported',
  `<startEvent id="start"><messageEventDefinition messageRef="m2"/></startEvent>
   <sequenceFlow id="f1" sourceRef="start" targetRef="triage"/>
   <serviceTask id="triage" camunda:type="external" camunda:topic="triage"/>
   <sequenceFlow id="f2" sourceRef="triage" targetRef="end"/>
   <endEvent id="end"/>`,
  `<message id="m2" name="hazardReported"/>`,
);

const inclusive = bpmn(
  'inclusive',
  `<startEvent id="start"/>
   <sequenceFlow id="f0" sourceRef="start" targetRef="split"/>
   <inclusiveGateway id="split"/>
   <sequenceFlow id="fa" sourceRef="split" targetRef="a"><conditionExpression xsi:type="tFormalExpression">\${fire}</conditionExpression></sequenceFlow>
   <sequenceFlow id="fb" sourceRef="split" targetRef="b"><conditionExpression xsi:type="tFormalExpression">\${gas}</conditionExpression></sequenceFlow>
   <sequenceFlow id="fc" sourceRef="split" targetRef="c"><conditionExpression xsi:type="tFormalExpression">\${electric}</conditionExpression></sequenceFlow>
   <serviceTask id="a" camunda:type="external" camunda:topic="incl-a"/>
   <serviceTask id="b" camunda:type="external" camunda:topic="incl-b"/>
   <serviceTask id="c" camunda:type="external" camunda:topic="incl-c"/>
   <sequenceFlow id="fa2" sourceRef="a" targetRef="join"/>
   <sequenceFlow id="fb2" sourceRef="b" targetRef="join"/>
   <sequenceFlow id="fc2" sourceRef="c" targetRef="join"/>
   <inclusiveGateway id="join"/>
   <sequenceFlow id="f9" sourceRef="join" targetRef="after"/>
   <serviceTask id="after" camunda:type="external" camunda:topic="incl-after"/>
   <sequenceFlow id="f10" sourceRef="after" targetRef="end"/>
   <endEvent id="end"/>`,
);

const perInspector = bpmn(
  'perInspector',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="inspect"/>
   <serviceTask id="inspect" camunda:type="external" camunda:topic="inspect">
     <multiInstanceLoopCharacteristics camunda:collection="\${inspectors}" camunda:elementVariable="inspector"/>
   </serviceTask>
   <sequenceFlow id="f2" sourceRef="inspect" targetRef="end"/>
   <endEvent id="end"/>`,
);

const failingAsync = bpmn(
  'failingAsync',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="gw"/>
   <exclusiveGateway id="gw" camunda:asyncBefore="true"/>
   <sequenceFlow id="f2" sourceRef="gw" targetRef="end"><conditionExpression xsi:type="tFormalExpression">\${missing.field == 1}</conditionExpression></sequenceFlow>
   <endEvent id="end"/>`,
);

const hourly = bpmn(
  'hourly',
  `<startEvent id="start"><timerEventDefinition><timeCycle>R/PT1H</timeCycle></timerEventDefinition></startEvent>
   <sequenceFlow id="f1" sourceRef="start" targetRef="patrol"/>
   <serviceTask id="patrol" camunda:type="external" camunda:topic="patrol"/>
   <sequenceFlow id="f2" sourceRef="patrol" targetRef="end"/>
   <endEvent id="end"/>`,
);

const signalled = bpmn(
  'signalled',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
   <intermediateCatchEvent id="wait"><signalEventDefinition signalRef="s"/></intermediateCatchEvent>
   <sequenceFlow id="f2" sourceRef="wait" targetRef="end"/>
   <endEvent id="end"/>`,
  `<signal id="s" name="typhoonWarning"/>`,
);

describe('jobs, timers, messages and gateways (FakeClock)', () => {
  let kit: EngineKit;
  let clock: FakeClock;
  let worker: Creds;
  beforeAll(async () => {
    clock = new FakeClock('2026-11-28T08:00:00.000Z');
    kit = await startEngineServer({ clock });
    const dep = await kit.deploy({
      'escalation.bpmn': escalation,
      'wait.bpmn': waitForInspection,
      'reported.bpmn': reported,
      'inclusive.bpmn': inclusive,
      'mi.bpmn': perInspector,
      'failing.bpmn': failingAsync,
      'signalled.bpmn': signalled,
    });
    expect(dep.status).toBe(200);
    worker = await kit.workerCredential(['after-inspection', 'triage', 'incl-a', 'incl-b', 'incl-c', 'incl-after', 'inspect', 'patrol']);
  });
  afterAll(async () => {
    await kit.close();
  });

  const fetch = async (topic: string, maxTasks = 10) =>
    (await kit.rest('POST', '/external-task/fetchAndLock', { as: worker, body: { workerId: 'w', maxTasks, topics: [{ topicName: topic, lockDuration: 60_000 }] } })).body as any[];
  const complete = (id: string, variables: Record<string, unknown> = {}) =>
    kit.rest('POST', `/external-task/${id}/complete`, { as: worker, body: { workerId: 'w', variables } });
  const tasksOf = async (piId: string) => (await kit.rest('GET', `/task?processInstanceId=${piId}`)).body as any[];

  it('a boundary timer escalates an overdue user task once its hour has passed', async () => {
    // given
    const pi = await kit.start('escalation');
    expect((await tasksOf(pi.id)).map((t) => t.taskDefinitionKey)).toEqual(['rectify']);
    // when: not yet due
    clock.advance(59 * 60_000);
    await kit.engine.jobs.runDueJobs();
    // then
    expect((await tasksOf(pi.id)).map((t) => t.taskDefinitionKey)).toEqual(['rectify']);
    // when: due
    clock.advance(2 * 60_000);
    await kit.engine.jobs.runDueJobs();
    // then
    expect((await tasksOf(pi.id)).map((t) => t.taskDefinitionKey)).toEqual(['escalate']);
    const jobs = await kit.deps.db.query(`SELECT id FROM job WHERE process_instance_id = ?`, [pi.id]);
    expect(jobs).toEqual([]);
  });

  it('completing the task first removes its timer', async () => {
    // given
    const pi = await kit.start('escalation');
    const [t] = await tasksOf(pi.id);
    // when
    expect((await kit.rest('POST', `/task/${t.id}/complete`, { body: {} })).status).toBe(204);
    clock.advance(2 * 3600_000);
    const fired = await kit.engine.jobs.runDueJobs();
    // then
    expect(fired).toBe(0);
    expect((await kit.rest('GET', `/process-instance/${pi.id}`)).status).toBe(404);
  });

  it('correlates a message by business key to the one waiting instance; none or several matches are 400', async () => {
    // given
    const one = await kit.start('waitInspection', { businessKey: 'ent-1' });
    const two = await kit.start('waitInspection', { businessKey: 'ent-2' });
    // when
    const ambiguous = await kit.rest('POST', '/message', { body: { messageName: 'inspectionDone' } });
    const res = await kit.rest('POST', '/message', {
      body: { messageName: 'inspectionDone', businessKey: 'ent-2', processVariables: { result: { value: 'pass', type: 'String' } }, resultEnabled: true },
    });
    const none = await kit.rest('POST', '/message', { body: { messageName: 'inspectionDone', businessKey: 'ent-9' } });
    // then
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.message).toBe("Cannot correlate message 'inspectionDone': 2 executions match the correlation keys");
    expect(res.status).toBe(200);
    expect(res.body).toEqual([expect.objectContaining({ resultType: 'Execution', execution: expect.objectContaining({ processInstanceId: two.id }) })]);
    const tasks = await fetch('after-inspection');
    expect(tasks.map((t) => t.processInstanceId)).toEqual([two.id]);
    expect(tasks[0].variables.result).toEqual({ type: 'String', value: 'pass', valueInfo: {} });
    expect(none.status).toBe(400);
    expect(none.body).toEqual({
      type: 'RestException',
      message: "Cannot correlate message 'inspectionDone': No process definition or execution matches the parameters",
    });
    expect((await kit.rest('POST', '/message', { body: { messageName: 'inspectionDone', businessKey: 'ent-1' } })).status).toBe(204);
    expect((await fetch('after-inspection')).map((t) => t.processInstanceId)).toEqual([one.id]);
  });

  it('a message start event starts an instance with the business key', async () => {
    // when
    const res = await kit.rest('POST', '/message', { body: { messageName: 'hazardReported', businessKey: 'hz-77', resultEnabled: true } });
    // then
    expect(res.status).toBe(200);
    expect(res.body[0].resultType).toBe('ProcessDefinition');
    expect(res.body[0].processInstance).toMatchObject({ businessKey: 'hz-77', definitionKey: 'reported' });
    const [t] = await fetch('triage');
    expect(t.businessKey).toBe('hz-77');
  });

  it('an inclusive join waits for exactly the branches that were taken', async () => {
    // given
    const pi = await kit.start('inclusive', {
      variables: { fire: { value: true, type: 'Boolean' }, gas: { value: true, type: 'Boolean' }, electric: { value: false, type: 'Boolean' } },
    });
    const [a] = await fetch('incl-a');
    const [b] = await fetch('incl-b');
    expect(await fetch('incl-c')).toEqual([]);
    // when
    await complete(a.id);
    const afterOne = await fetch('incl-after');
    await complete(b.id);
    const afterBoth = await fetch('incl-after');
    // then
    expect(afterOne).toEqual([]);
    expect(afterBoth.map((t) => t.processInstanceId)).toEqual([pi.id]);
  });

  it('multi-instance runs one task per collection element with its element variable', async () => {
    // given
    const pi = await kit.start('perInspector', { variables: { inspectors: { value: JSON.stringify(['li', 'wang', 'zhao']), type: 'Json' } } });
    // when
    const tasks = await fetch('inspect');
    // then
    expect(tasks.map((t) => t.variables.inspector.value).sort()).toEqual(['li', 'wang', 'zhao']);
    for (const t of tasks) expect((await complete(t.id)).status).toBe(204);
    expect((await kit.rest('GET', `/process-instance/${pi.id}`)).status).toBe(404);
    const hpi = await kit.rest('GET', `/history/process-instance?processInstanceId=${pi.id}`);
    expect(hpi.body[0].state).toBe('COMPLETED');
  });

  it('a failing async continuation spends its 3 retries and becomes a failedJob incident', async () => {
    // given
    const pi = await kit.start('failingAsync');
    // when
    await kit.engine.jobs.runDueJobs();
    // then
    const [job] = await kit.deps.db.query<any>(`SELECT retries, exception_message FROM job WHERE process_instance_id = ?`, [pi.id]);
    expect(Number(job.retries)).toBe(0);
    expect(job.exception_message).toBeTruthy();
    const incidents = (await kit.rest('GET', `/incident?processInstanceId=${pi.id}`)).body;
    expect(incidents).toEqual([expect.objectContaining({ incidentType: 'failedJob', activityId: 'gw' })]);
    const [failed] = (await kit.rest('GET', `/job?processInstanceId=${pi.id}&noRetriesLeft=true`)).body;
    expect(failed).toMatchObject({ retries: 0, failedActivityId: 'gw' });
    expect((await kit.rest('GET', `/job/${failed.id}/stacktrace`)).text.length).toBeGreaterThan(0);

    // when the cause is fixed and the job gets a retry
    await kit.rest('PUT', `/process-instance/${pi.id}/variables/missing`, { body: { value: '{"field":1}', type: 'Json' } });
    const put = await kit.rest('PUT', `/job/${failed.id}/retries`, { body: { retries: 1 } });
    await kit.engine.jobs.runDueJobs();
    // then
    expect(put.status).toBe(204);
    expect((await kit.rest('GET', `/incident?processInstanceId=${pi.id}`)).body).toEqual([]);
    expect((await kit.rest('GET', `/process-instance/${pi.id}`)).status).toBe(404);
  });

  it('a signal reaches every waiting instance', async () => {
    // given
    const a = await kit.start('signalled');
    const b = await kit.start('signalled');
    // when
    const res = await kit.rest('POST', '/signal', { body: { name: 'typhoonWarning' } });
    // then
    expect(res.status).toBe(204);
    expect((await kit.rest('GET', `/process-instance/${a.id}`)).status).toBe(404);
    expect((await kit.rest('GET', `/process-instance/${b.id}`)).status).toBe(404);
  });

  it('a timer start cycle fires once per due tick and reschedules itself in the future', async () => {
    // given
    expect((await kit.deploy({ 'hourly.bpmn': hourly }, { 'deployment-name': 'hourly' })).status).toBe(200);
    // when: three hours pass while nobody runs jobs
    clock.advance(3 * 3600_000 + 1000);
    await kit.engine.jobs.runDueJobs();
    // then: one instance (missed ticks are not replayed), next tick in the future
    const started = await kit.rest('GET', '/process-instance?processDefinitionKey=hourly');
    expect(started.body).toHaveLength(1);
    const [job] = await kit.deps.db.query<any>(`SELECT due_date FROM job WHERE type = 'timer-start'`);
    expect(Number(job.due_date)).toBeGreaterThan(clock.now().getTime());
  });
});
