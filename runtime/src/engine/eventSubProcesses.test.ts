/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/FakeClock';
import { bpmn } from './testing/bpmn';
import { startEngineServer, until, type Creds, type EngineKit } from './testing/engineTestKit';

/** Inspection with an interrupting timer event sub-process: after two hours the slow inspection is escalated. */
const escalatedInspection = bpmn(
  'escInspection',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="inspect"/>
   <userTask id="inspect" name="Inspect the workshop" camunda:candidateGroups="safetyOfficer"/>
   <sequenceFlow id="f2" sourceRef="inspect" targetRef="end"/>
   <endEvent id="end"/>
   <subProcess id="escalation" triggeredByEvent="true">
     <startEvent id="tooSlow"><timerEventDefinition><timeDuration>PT2H</timeDuration></timerEventDefinition></startEvent>
     <sequenceFlow id="e1" sourceRef="tooSlow" targetRef="escalate"/>
     <userTask id="escalate" name="Escalate to the street office"/>
     <sequenceFlow id="e2" sourceRef="escalate" targetRef="escalated"/>
     <endEvent id="escalated"/>
   </subProcess>`,
);

/** Inspection with a non-interrupting message event sub-process: every 'addNote' message adds a note task. */
const annotatedInspection = bpmn(
  'noteInspection',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="inspect"/>
   <userTask id="inspect" name="Inspect"/>
   <sequenceFlow id="f2" sourceRef="inspect" targetRef="end"/>
   <endEvent id="end"/>
   <subProcess id="noting" triggeredByEvent="true">
     <startEvent id="noteArrived" isInterrupting="false"><messageEventDefinition messageRef="mNote"/></startEvent>
     <sequenceFlow id="n1" sourceRef="noteArrived" targetRef="readNote"/>
     <userTask id="readNote" name="Read the note"/>
     <sequenceFlow id="n2" sourceRef="readNote" targetRef="noted"/>
     <endEvent id="noted"/>
   </subProcess>
   <subProcess id="reminders" triggeredByEvent="true">
     <startEvent id="hourly" isInterrupting="false"><timerEventDefinition><timeCycle>R2/PT1H</timeCycle></timerEventDefinition></startEvent>
     <sequenceFlow id="r1" sourceRef="hourly" targetRef="remind"/>
     <serviceTask id="remind" camunda:type="external" camunda:topic="esp-remind"/>
     <sequenceFlow id="r2" sourceRef="remind" targetRef="reminded"/>
     <endEvent id="reminded"/>
   </subProcess>`,
  `<message id="mNote" name="addNote"/>`,
);

/** Gas measurement inside an area sub-process; an error event sub-process of the area evacuates on HAZARD. */
const gasCheck = bpmn(
  'gasCheck',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="area"/>
   <subProcess id="area">
     <startEvent id="areaStart"/>
     <sequenceFlow id="a1" sourceRef="areaStart" targetRef="split"/>
     <parallelGateway id="split"/>
     <sequenceFlow id="a2" sourceRef="split" targetRef="measure"/>
     <sequenceFlow id="a3" sourceRef="split" targetRef="photograph"/>
     <serviceTask id="measure" camunda:type="external" camunda:topic="esp-measure"/>
     <userTask id="photograph" name="Photograph the meter"/>
     <sequenceFlow id="a4" sourceRef="measure" targetRef="join"/>
     <sequenceFlow id="a5" sourceRef="photograph" targetRef="join"/>
     <parallelGateway id="join"/>
     <sequenceFlow id="a6" sourceRef="join" targetRef="areaEnd"/>
     <endEvent id="areaEnd"/>
     <subProcess id="onHazard" triggeredByEvent="true">
       <startEvent id="hazard"><errorEventDefinition errorRef="eHazard" camunda:errorCodeVariable="hazardCode" camunda:errorMessageVariable="hazardMessage"/></startEvent>
       <sequenceFlow id="h1" sourceRef="hazard" targetRef="evacuate"/>
       <serviceTask id="evacuate" camunda:type="external" camunda:topic="esp-evacuate"/>
       <sequenceFlow id="h2" sourceRef="evacuate" targetRef="evacuated"/>
       <endEvent id="evacuated"/>
     </subProcess>
   </subProcess>
   <boundaryEvent id="areaFailed" attachedToRef="area"><errorEventDefinition/></boundaryEvent>
   <sequenceFlow id="f3" sourceRef="areaFailed" targetRef="investigate"/>
   <userTask id="investigate" name="Investigate"/>
   <sequenceFlow id="f2" sourceRef="area" targetRef="report"/>
   <userTask id="report" name="Write the report"/>`,
  `<error id="eHazard" errorCode="HAZARD"/>`,
);

/** A typhoon signal interrupts the drill. */
const drill = bpmn(
  'espDrill',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="practice"/>
   <userTask id="practice"/>
   <sequenceFlow id="f2" sourceRef="practice" targetRef="end"/>
   <endEvent id="end"/>
   <subProcess id="typhoon" triggeredByEvent="true">
     <startEvent id="warning"><signalEventDefinition signalRef="sTyphoon"/></startEvent>
     <sequenceFlow id="t1" sourceRef="warning" targetRef="shelter"/>
     <userTask id="shelter"/>
     <sequenceFlow id="t2" sourceRef="shelter" targetRef="sheltered"/>
     <endEvent id="sheltered"/>
   </subProcess>`,
  `<signal id="sTyphoon" name="espTyphoon"/>`,
);

/** A signal thrown by the instance itself reaches its own non-interrupting signal event sub-process. */
const selfAlarm = bpmn(
  'espSelfAlarm',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="raise"/>
   <intermediateThrowEvent id="raise"><signalEventDefinition signalRef="sAlarm"/></intermediateThrowEvent>
   <sequenceFlow id="f2" sourceRef="raise" targetRef="work"/>
   <userTask id="work"/>
   <sequenceFlow id="f3" sourceRef="work" targetRef="end"/>
   <endEvent id="end"/>
   <subProcess id="alarmed" triggeredByEvent="true">
     <startEvent id="alarm" isInterrupting="false"><signalEventDefinition signalRef="sAlarm"/></startEvent>
     <sequenceFlow id="s1" sourceRef="alarm" targetRef="muster"/>
     <userTask id="muster"/>
     <sequenceFlow id="s2" sourceRef="muster" targetRef="mustered"/>
     <endEvent id="mustered"/>
   </subProcess>`,
  `<signal id="sAlarm" name="espSelfAlarm"/>`,
);

/** A non-interrupting message boundary event (same renewal path as the event sub-process listeners). */
const commented = bpmn(
  'espCommented',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="rectify"/>
   <userTask id="rectify"/>
   <sequenceFlow id="f2" sourceRef="rectify" targetRef="end"/>
   <endEvent id="end"/>
   <boundaryEvent id="comment" attachedToRef="rectify" cancelActivity="false"><messageEventDefinition messageRef="mComment"/></boundaryEvent>
   <sequenceFlow id="f3" sourceRef="comment" targetRef="read"/>
   <userTask id="read"/>`,
  `<message id="mComment" name="espComment"/>`,
);

describe('event sub-processes over REST (FakeClock, real external-task client)', () => {
  let kit: EngineKit;
  let clock: FakeClock;
  let worker: Creds;
  beforeAll(async () => {
    clock = new FakeClock('2026-11-28T08:00:00.000Z');
    kit = await startEngineServer({ clock });
    const dep = await kit.deploy({
      'esc.bpmn': escalatedInspection,
      'note.bpmn': annotatedInspection,
      'gas.bpmn': gasCheck,
      'drill.bpmn': drill,
      'self.bpmn': selfAlarm,
      'commented.bpmn': commented,
    });
    expect(dep.status).toBe(200);
    worker = await kit.workerCredential(['esp-remind', 'esp-measure', 'esp-evacuate']);
  });
  afterAll(async () => {
    await kit.close();
  });

  const tasksOf = async (piId: string) =>
    ((await kit.rest('GET', `/task?processInstanceId=${piId}`)).body as any[])
      .map((t) => t.taskDefinitionKey)
      .sort();
  const completeTask = async (piId: string, key: string) => {
    const task = (
      (await kit.rest('GET', `/task?processInstanceId=${piId}&taskDefinitionKey=${key}`)).body as any[]
    )[0];
    expect((await kit.rest('POST', `/task/${task.id}/complete`, { body: {} })).status).toBe(204);
  };
  const activities = async (piId: string) =>
    (await kit.rest('GET', `/history/activity-instance?processInstanceId=${piId}`)).body as any[];
  const rows = (table: string, piId: string) =>
    kit.deps.db.query<any>(`SELECT * FROM ${table} WHERE process_instance_id = ?`, [piId]);
  const ended = async (piId: string) => (await kit.rest('GET', `/process-instance/${piId}`)).status === 404;

  it('an interrupting timer event sub-process escalates a slow inspection', async () => {
    // given
    const pi = await kit.start('escInspection');
    expect(await tasksOf(pi.id)).toEqual(['inspect']);
    expect((await rows('job', pi.id)).map((j) => [j.activity_id, j.execution_id])).toEqual([
      ['tooSlow', pi.id],
    ]);
    // when: not yet due
    clock.advance(2 * 3600_000 - 60_000);
    await kit.engine.jobs.runDueJobs();
    // then
    expect(await tasksOf(pi.id)).toEqual(['inspect']);
    // when: due
    clock.advance(2 * 60_000);
    await kit.engine.jobs.runDueJobs();
    // then: the inspection is cancelled and the escalation runs
    expect(await tasksOf(pi.id)).toEqual(['escalate']);
    expect(await rows('job', pi.id)).toEqual([]);
    const acts = await activities(pi.id);
    const esp = acts.find((a) => a.activityId === 'escalation');
    expect(esp).toMatchObject({ activityType: 'subProcess', parentActivityInstanceId: pi.id, endTime: null });
    expect(acts.find((a) => a.activityId === 'tooSlow')).toMatchObject({
      activityType: 'startTimerEvent',
      parentActivityInstanceId: esp.id,
    });
    expect(acts.find((a) => a.activityId === 'inspect')).toMatchObject({ canceled: true });
    const historicTask = (
      await kit.rest('GET', `/history/task?processInstanceId=${pi.id}&taskDefinitionKey=inspect`)
    ).body[0];
    expect(historicTask.deleteReason).toBe('deleted');
    // when
    await completeTask(pi.id, 'escalate');
    // then
    expect(await ended(pi.id)).toBe(true);
    const hpi = (await kit.rest('GET', `/history/process-instance?processInstanceId=${pi.id}`)).body[0];
    expect(hpi.state).toBe('COMPLETED');
    expect((await activities(pi.id)).find((a) => a.activityId === 'escalation')).toMatchObject({
      canceled: false,
      endTime: expect.any(String),
    });
  });

  it('finishing the inspection in time removes the escalation timer', async () => {
    // given
    const pi = await kit.start('escInspection');
    // when
    await completeTask(pi.id, 'inspect');
    clock.advance(3 * 3600_000);
    const fired = await kit.engine.jobs.runDueJobs();
    // then
    expect(fired).toBe(0);
    expect(await ended(pi.id)).toBe(true);
    expect((await activities(pi.id)).map((a) => a.activityId)).not.toContain('escalation');
  });

  it('a non-interrupting message event sub-process adds a note task per message; the instance waits for every note', async () => {
    // given
    const site = (value: string) => ({ site: { value, type: 'String' } });
    const pi = await kit.start('noteInspection', { businessKey: 'ent-7', variables: site('A7') });
    const other = await kit.start('noteInspection', { businessKey: 'ent-8', variables: site('B2') });
    // when: correlated by business key, by process instance id, by correlation keys
    const first = await kit.rest('POST', '/message', {
      body: {
        messageName: 'addNote',
        businessKey: 'ent-7',
        processVariables: { note: { value: 'exit blocked', type: 'String' } },
        resultEnabled: true,
      },
    });
    const second = await kit.rest('POST', '/message', {
      body: { messageName: 'addNote', processInstanceId: pi.id },
    });
    const third = await kit.rest('POST', '/message', {
      body: { messageName: 'addNote', correlationKeys: site('A7') },
    });
    // then
    expect(first.status).toBe(200);
    expect(first.body).toEqual([
      expect.objectContaining({
        resultType: 'Execution',
        execution: expect.objectContaining({ processInstanceId: pi.id }),
      }),
    ]);
    expect(second.status).toBe(204);
    expect(third.status).toBe(204);
    expect(await tasksOf(pi.id)).toEqual(['inspect', 'readNote', 'readNote', 'readNote']);
    expect(await tasksOf(other.id)).toEqual(['inspect']);
    const note = (await kit.rest('GET', `/process-instance/${pi.id}/variables/note`)).body;
    expect(note).toMatchObject({ value: 'exit blocked', type: 'String' });
    const starts = (await activities(pi.id)).filter((a) => a.activityId === 'noteArrived');
    expect(starts.map((a) => a.activityType)).toEqual([
      'messageStartEvent',
      'messageStartEvent',
      'messageStartEvent',
    ]);

    // when: the main flow ends while notes are open
    await completeTask(pi.id, 'inspect');
    // then
    expect(await ended(pi.id)).toBe(false);
    expect((await rows('event_subscription', pi.id)).map((s) => s.event_name)).toEqual(['addNote']);
    // when
    for (let i = 0; i < 3; i++) await completeTask(pi.id, 'readNote');
    // then
    expect(await ended(pi.id)).toBe(true);
    expect(await rows('event_subscription', pi.id)).toEqual([]);
    expect(await rows('job', pi.id)).toEqual([]);
    const late = await kit.rest('POST', '/message', {
      body: { messageName: 'addNote', processInstanceId: pi.id },
    });
    expect(late.status).toBe(400);
    expect(late.body.message).toBe(
      "Cannot correlate message 'addNote': No process definition or execution matches the parameters",
    );
  });

  it('a non-interrupting timer cycle event sub-process reminds on every tick while the instance lives', async () => {
    // given
    const pi = await kit.start('noteInspection', { businessKey: 'ent-9' });
    const client = kit.client(worker, { workerId: 'reminder' });
    const reminded: string[] = [];
    // Two reminders of one instance: completed one after the other, so the order of their effects is fixed.
    let completing = Promise.resolve();
    client.subscribe('esp-remind', async ({ task, taskService }) => {
      if (task.processInstanceId !== pi.id) return;
      completing = completing.then(async () => {
        await taskService.complete(task);
        reminded.push(task.activityId ?? '');
      });
      await completing;
    });
    // when: two hours pass, one tick at a time
    clock.advance(3600_000 + 1000);
    await kit.engine.jobs.runDueJobs();
    const [job] = await rows('job', pi.id);
    clock.advance(3600_000);
    await kit.engine.jobs.runDueJobs();
    client.start();
    await until(() => reminded.length === 2);
    client.stop();
    // then
    expect(JSON.parse(job.timer)).toMatchObject({ kind: 'timeCycle', expression: 'R2/PT1H', repeatsLeft: 0 });
    expect(await rows('job', pi.id)).toEqual([]);
    expect(await tasksOf(pi.id)).toEqual(['inspect']);
    await until(async () => (await rows('external_task', pi.id)).length === 0);
    // when
    await completeTask(pi.id, 'inspect');
    // then
    expect(await ended(pi.id)).toBe(true);
  });

  it("an error event sub-process catches a worker's bpmnError inside its sub-process, before the sub-process's boundary", async () => {
    // given
    const pi = await kit.start('gasCheck');
    expect(await tasksOf(pi.id)).toEqual(['photograph']);
    const client = kit.client(worker, { workerId: 'gas-worker' });
    const evacuated: any[] = [];
    client.subscribe('esp-measure', async ({ task, taskService }) => {
      if (task.processInstanceId === pi.id)
        await taskService.handleBpmnError(task, 'HAZARD', 'CO above 50 ppm');
    });
    client.subscribe('esp-evacuate', async ({ task, taskService }) => {
      if (task.processInstanceId !== pi.id) return;
      evacuated.push({
        code: task.variables.get('hazardCode'),
        message: task.variables.get('hazardMessage'),
      });
      await taskService.complete(task);
    });
    // when
    client.start();
    await until(() => evacuated.length === 1);
    await until(async () => (await tasksOf(pi.id)).includes('report'));
    client.stop();
    // then: the error event sub-process ran, the area then completed normally
    expect(evacuated).toEqual([{ code: 'HAZARD', message: 'CO above 50 ppm' }]);
    expect(await tasksOf(pi.id)).toEqual(['report']);
    const acts = await activities(pi.id);
    expect(acts.find((a) => a.activityId === 'hazard')).toMatchObject({ activityType: 'errorStartEvent' });
    expect(acts.find((a) => a.activityId === 'photograph')).toMatchObject({ canceled: true });
    expect(acts.find((a) => a.activityId === 'area')).toMatchObject({ canceled: false });
    expect(acts.map((a) => a.activityId)).not.toContain('areaFailed');
    expect(await rows('external_task', pi.id)).toEqual([]);
  });

  it('an interrupting signal event sub-process replaces the drill when POST /signal broadcasts', async () => {
    // given
    const a = await kit.start('espDrill');
    const b = await kit.start('espDrill');
    // when
    const res = await kit.rest('POST', '/signal', {
      body: { name: 'espTyphoon', variables: { level: { value: 'red', type: 'String' } } },
    });
    // then
    expect(res.status).toBe(204);
    expect(await tasksOf(a.id)).toEqual(['shelter']);
    expect(await tasksOf(b.id)).toEqual(['shelter']);
    expect(await rows('event_subscription', a.id)).toEqual([]);
    expect((await activities(a.id)).find((x) => x.activityId === 'warning')).toMatchObject({
      activityType: 'signalStartEvent',
    });
    // when
    await completeTask(a.id, 'shelter');
    // then
    expect(await ended(a.id)).toBe(true);
  });

  it('a signal thrown by the instance reaches its own non-interrupting signal event sub-process in the same transaction', async () => {
    // when
    const pi = await kit.start('espSelfAlarm');
    // then
    expect(await tasksOf(pi.id)).toEqual(['muster', 'work']);
    expect((await rows('event_subscription', pi.id)).map((x) => x.event_name)).toEqual(['espSelfAlarm']);
    // when
    await completeTask(pi.id, 'work');
    await completeTask(pi.id, 'muster');
    // then
    expect(await ended(pi.id)).toBe(true);
  });

  it('a non-interrupting message boundary event fires on every message while its task waits', async () => {
    // given
    const pi = await kit.start('espCommented');
    // when
    const one = await kit.rest('POST', '/message', {
      body: { messageName: 'espComment', processInstanceId: pi.id },
    });
    const two = await kit.rest('POST', '/message', {
      body: { messageName: 'espComment', processInstanceId: pi.id },
    });
    // then
    expect([one.status, two.status]).toEqual([204, 204]);
    expect(await tasksOf(pi.id)).toEqual(['read', 'read', 'rectify']);
    // when
    await completeTask(pi.id, 'rectify');
    // then
    expect(await rows('event_subscription', pi.id)).toEqual([]);
  });
});
