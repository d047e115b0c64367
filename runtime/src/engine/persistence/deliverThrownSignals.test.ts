/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn } from '../testing/bpmn';
import { startEngineServer, until, type EngineKit } from '../testing/engineTestKit';

/** start → user task `confirm` → signal throw (name, camunda:in, business key) → user task `afterRaise`. */
const raiser = (id: string, signal: string, opts: { end?: boolean; async?: boolean } = {}) =>
  bpmn(
    id,
    `<startEvent id="start"/>
     <sequenceFlow id="f1" sourceRef="start" targetRef="confirm"/>
     <userTask id="confirm"/>
     <sequenceFlow id="f2" sourceRef="confirm" targetRef="raise"/>
     <${opts.end ? 'endEvent' : 'intermediateThrowEvent'} id="raise">
       <signalEventDefinition signalRef="sg"${opts.async ? ' camunda:async="true"' : ''}>
         <extensionElements>
           <camunda:in source="level" target="alarmLevel"/>
           <camunda:in businessKey="\${site}-response"/>
         </extensionElements>
       </signalEventDefinition>
     </${opts.end ? 'endEvent' : 'intermediateThrowEvent'}>
     ${opts.end ? '' : '<sequenceFlow id="f3" sourceRef="raise" targetRef="afterRaise"/><userTask id="afterRaise"/>'}`,
    `<signal id="sg" name="${signal}"/>`,
  );

/** start → signal catch → user task `evacuate`. */
const waiter = (id: string, signal: string) =>
  bpmn(
    id,
    `<startEvent id="start"/>
     <sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
     <intermediateCatchEvent id="wait"><signalEventDefinition signalRef="sg"/></intermediateCatchEvent>
     <sequenceFlow id="f2" sourceRef="wait" targetRef="evacuate"/>
     <userTask id="evacuate"/>`,
    `<signal id="sg" name="${signal}"/>`,
  );

/** start → user task `drilling` with an interrupting signal boundary → `abortDrill`. */
const drill = (id: string, signal: string) =>
  bpmn(
    id,
    `<startEvent id="start"/>
     <sequenceFlow id="f1" sourceRef="start" targetRef="drilling"/>
     <userTask id="drilling"/>
     <boundaryEvent id="alarm" attachedToRef="drilling"><signalEventDefinition signalRef="sg"/></boundaryEvent>
     <sequenceFlow id="f2" sourceRef="drilling" targetRef="end"/>
     <endEvent id="end"/>
     <sequenceFlow id="f3" sourceRef="alarm" targetRef="abortDrill"/>
     <userTask id="abortDrill"/>`,
    `<signal id="sg" name="${signal}"/>`,
  );

/** signal start → `first` (a user task, or an exclusive gateway whose condition fails) → `respond`. */
const responder = (id: string, signal: string, broken = false) =>
  bpmn(
    id,
    `<startEvent id="start"><signalEventDefinition signalRef="sg"/></startEvent>
     <sequenceFlow id="f1" sourceRef="start" targetRef="first"/>
     ${
       broken
         ? `<exclusiveGateway id="first"/>
            <sequenceFlow id="f2" sourceRef="first" targetRef="respond"><conditionExpression xsi:type="tFormalExpression">\${missing == 1}</conditionExpression></sequenceFlow>`
         : `<userTask id="first"/><sequenceFlow id="f2" sourceRef="first" targetRef="respond"/>`
     }
     <userTask id="respond"/>`,
    `<signal id="sg" name="${signal}"/>`,
  );

/** A signal start event whose instance throws the same signal again at once. */
const echo = bpmn(
  'echo',
  `<startEvent id="start"><signalEventDefinition signalRef="sg"/></startEvent>
   <sequenceFlow id="f1" sourceRef="start" targetRef="again"/>
   <endEvent id="again"><signalEventDefinition signalRef="sg"/></endEvent>`,
  `<signal id="sg" name="echo"/>`,
);

/** One instance catching its own signal: the catch branch comes first (caught) or after the throw (not caught). */
const selfSignal = (id: string, catchFirst: boolean) => {
  const branches = [
    `<sequenceFlow id="fa" sourceRef="fork" targetRef="wait"/>`,
    `<sequenceFlow id="fb" sourceRef="fork" targetRef="raise"/>`,
  ];
  return bpmn(
    id,
    `<startEvent id="start"/>
     <sequenceFlow id="f0" sourceRef="start" targetRef="fork"/>
     <parallelGateway id="fork"/>
     ${catchFirst ? branches.join('') : branches.reverse().join('')}
     <intermediateCatchEvent id="wait"><signalEventDefinition signalRef="sg"/></intermediateCatchEvent>
     <intermediateThrowEvent id="raise"><signalEventDefinition signalRef="sg"/></intermediateThrowEvent>
     <sequenceFlow id="fa2" sourceRef="wait" targetRef="join"/>
     <sequenceFlow id="fb2" sourceRef="raise" targetRef="join"/>
     <parallelGateway id="join"/>
     <sequenceFlow id="f9" sourceRef="join" targetRef="joined"/>
     <userTask id="joined"/>`,
    `<signal id="sg" name="${id}-self"/>`,
  );
};

/** start → user task `work`; an interrupting event sub-process with a signal start → user task `handleAlarm`. */
const espWatcher = bpmn(
  'espWatcher',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
   <userTask id="work"/>
   <subProcess id="onAlarm" triggeredByEvent="true">
     <startEvent id="alarmStart"><signalEventDefinition signalRef="sg"/></startEvent>
     <sequenceFlow id="e1" sourceRef="alarmStart" targetRef="handleAlarm"/>
     <userTask id="handleAlarm"/>
   </subProcess>`,
  `<signal id="sg" name="esp-alarm"/>`,
);

describe('signal throw events over REST', () => {
  let kit: EngineKit;
  beforeAll(async () => {
    kit = await startEngineServer();
    const dep = await kit.deploy({
      'raiser.bpmn': raiser('raiser', 'fire-${site}'),
      'waiter.bpmn': waiter('waiter', 'fire-A7'),
      'drill.bpmn': drill('drill', 'fire-A7'),
      'responder.bpmn': responder('responder', 'fire-A7'),
      'brokenRaiser.bpmn': raiser('brokenRaiser', 'flood', { end: true }),
      'brokenWaiter.bpmn': waiter('brokenWaiter', 'flood'),
      'brokenResponder.bpmn': responder('brokenResponder', 'flood', true),
      'echo.bpmn': echo,
      'selfCaught.bpmn': selfSignal('selfCaught', true),
      'selfMissed.bpmn': selfSignal('selfMissed', false),
      'asyncRaiser.bpmn': raiser('asyncRaiser', 'quake', { async: true }),
      'asyncWaiter.bpmn': waiter('asyncWaiter', 'quake'),
      'asyncResponder.bpmn': responder('asyncResponder', 'quake', true),
      'espWatcher.bpmn': espWatcher,
      'espRaiser.bpmn': raiser('espRaiser', 'esp-alarm'),
    });
    expect(dep.status).toBe(200);
  });
  afterAll(async () => {
    await kit.close();
  });

  const tasksOf = async (piId: string) =>
    ((await kit.rest('GET', `/task?processInstanceId=${piId}`)).body as any[])
      .map((t) => t.taskDefinitionKey)
      .sort();
  const completeTask = async (piId: string, key: string) => {
    const [task] = (
      (await kit.rest('GET', `/task?processInstanceId=${piId}&taskDefinitionKey=${key}`)).body as any[]
    ).filter((t) => t.taskDefinitionKey === key);
    return kit.rest('POST', `/task/${task.id}/complete`, { body: {} });
  };
  const instancesOf = async (key: string) =>
    (await kit.rest('GET', `/process-instance?processDefinitionKey=${key}`)).body as any[];
  const variable = async (piId: string, name: string) =>
    (await kit.rest('GET', `/process-instance/${piId}/variables/${name}`)).body;

  it('a thrown signal reaches a waiting catch, a signal boundary event and a signal start event in the same request', async () => {
    // given
    const waiting = await kit.start('waiter');
    const drilling = await kit.start('drill');
    const thrower = await kit.start('raiser', {
      variables: { site: { value: 'A7', type: 'String' }, level: { value: 3, type: 'Integer' } },
    });
    // when
    const res = await completeTask(thrower.id, 'confirm');
    // then
    expect(res.status).toBe(204);
    expect(await tasksOf(thrower.id)).toEqual(['afterRaise']);
    expect(await tasksOf(waiting.id)).toEqual(['evacuate']);
    expect(await variable(waiting.id, 'alarmLevel')).toEqual({ type: 'Integer', value: 3, valueInfo: {} });
    expect(await tasksOf(drilling.id)).toEqual(['abortDrill']);
    const [started] = await instancesOf('responder');
    expect(started).toMatchObject({ businessKey: 'A7-response' });
    expect(await tasksOf(started.id)).toEqual(['first']);
    expect(await variable(started.id, 'alarmLevel')).toEqual({ type: 'Integer', value: 3, valueInfo: {} });
    const acts = (
      await kit.rest('GET', `/history/activity-instance?processInstanceId=${thrower.id}&activityId=raise`)
    ).body as any[];
    expect(acts).toEqual([expect.objectContaining({ activityType: 'intermediateSignalThrow' })]);
  });

  it('a thrown signal starts an event sub-process of another instance (interrupting: the main flow is cancelled)', async () => {
    // given
    const watcher = await kit.start('espWatcher');
    const thrower = await kit.start('espRaiser', { variables: { site: { value: 'E1', type: 'String' } } });
    // when
    const res = await completeTask(thrower.id, 'confirm');
    // then
    expect(res.status).toBe(204);
    expect(await tasksOf(watcher.id)).toEqual(['handleAlarm']);
  });

  it('is one transaction: when a reached instance fails, the thrower, the catches and the starts all stay as they were', async () => {
    // given
    const waiting = await kit.start('brokenWaiter');
    const thrower = await kit.start('brokenRaiser', {
      variables: { site: { value: 'B9', type: 'String' }, level: { value: 1, type: 'Integer' } },
    });
    // when
    const res = await completeTask(thrower.id, 'confirm');
    // then
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({
      type: 'ProcessEngineException',
      message: expect.stringContaining('missing'),
    });
    expect(await tasksOf(thrower.id)).toEqual(['confirm']);
    expect(await tasksOf(waiting.id)).toEqual([]);
    const [sub] = await kit.deps.db.query<any>(
      `SELECT id FROM event_subscription WHERE process_instance_id = ?`,
      [waiting.id],
    );
    expect(sub).toBeDefined();
    expect(await instancesOf('brokenResponder')).toEqual([]);
    expect(
      (await kit.rest('GET', `/history/process-instance?processDefinitionKey=brokenResponder`)).body,
    ).toEqual([]);
  });

  it('a signal that re-triggers itself fails with a clear error and commits nothing', async () => {
    // when
    const res = await kit.rest('POST', '/signal', { body: { name: 'echo' } });
    // then
    expect(res.status).toBe(500);
    expect(res.body.type).toBe('ProcessEngineException');
    expect(res.body.message).toMatch(/^Signal 'echo' not delivered: more than 8 nested signal broadcasts/);
    expect((await kit.rest('GET', `/history/process-instance?processDefinitionKey=echo`)).body).toEqual([]);
  });

  it('an instance catches its own signal when the catch was reached before the throw, not when after', async () => {
    // when
    const caught = await kit.start('selfCaught');
    const missed = await kit.start('selfMissed');
    // then
    expect(await tasksOf(caught.id)).toEqual(['joined']);
    expect(await tasksOf(missed.id)).toEqual([]);
    const [sub] = await kit.deps.db.query<any>(
      `SELECT activity_id FROM event_subscription WHERE process_instance_id = ?`,
      [missed.id],
    );
    expect(sub.activity_id).toBe('wait');
  });

  it("reaches the thrower's tenant and tenant-less subscriptions only (a tenant-less thrower: tenant-less ones only)", async () => {
    // given
    const tenantA = await kit.createTenant('Enterprise A');
    const tenantB = await kit.createTenant('Enterprise B');
    expect(
      (
        await kit.deploy(
          {
            'a.bpmn': waiter('drillWaiterA', 'tenant-drill'),
            'ra.bpmn': raiser('drillRaiserA', 'tenant-drill'),
          },
          { 'tenant-id': tenantA },
        )
      ).status,
    ).toBe(200);
    expect(
      (await kit.deploy({ 'b.bpmn': waiter('drillWaiterB', 'tenant-drill') }, { 'tenant-id': tenantB }))
        .status,
    ).toBe(200);
    expect(
      (
        await kit.deploy({
          's.bpmn': waiter('drillWaiterShared', 'tenant-drill'),
          'rs.bpmn': raiser('drillRaiserShared', 'tenant-drill'),
        })
      ).status,
    ).toBe(200);
    const site = { site: { value: 'T1', type: 'String' } };
    const [a1, b1, shared1] = [
      await kit.start('drillWaiterA'),
      await kit.start('drillWaiterB'),
      await kit.start('drillWaiterShared'),
    ];
    const sharedThrower = await kit.start('drillRaiserShared', { variables: site });
    // when: the tenant-less thrower
    expect((await completeTask(sharedThrower.id, 'confirm')).status).toBe(204);
    // then
    expect([await tasksOf(a1.id), await tasksOf(b1.id), await tasksOf(shared1.id)]).toEqual([
      [],
      [],
      ['evacuate'],
    ]);
    // given
    const shared2 = await kit.start('drillWaiterShared');
    const thrower = await kit.start('drillRaiserA', { variables: site });
    // when: tenant A's thrower
    expect((await completeTask(thrower.id, 'confirm')).status).toBe(204);
    // then
    expect([await tasksOf(a1.id), await tasksOf(b1.id), await tasksOf(shared2.id)]).toEqual([
      ['evacuate'],
      [],
      ['evacuate'],
    ]);
  });

  it('camunda:async="true": the thrower commits; each subscription gets a job, run later without payload; a failing one becomes an incident', async () => {
    // given
    const waiting = await kit.start('asyncWaiter');
    const thrower = await kit.start('asyncRaiser', {
      variables: { site: { value: 'C3', type: 'String' }, level: { value: 5, type: 'Integer' } },
    });
    // when
    const res = await completeTask(thrower.id, 'confirm');
    // then: the thrower moved on although the started responder fails
    expect(res.status).toBe(204);
    expect(await tasksOf(thrower.id)).toEqual(['afterRaise']);
    await until(async () => (await tasksOf(waiting.id)).includes('evacuate'));
    expect((await kit.rest('GET', `/process-instance/${waiting.id}/variables/alarmLevel`)).status).toBe(404);
    const incidents = await until(async () => {
      const list = (await kit.rest('GET', '/incident?incidentType=failedJob')).body as any[];
      return list.find((i) => i.activityId === 'start' && i.processDefinitionId.startsWith('asyncResponder'));
    });
    expect(incidents.incidentMessage).toContain('missing');
    expect(await instancesOf('asyncResponder')).toEqual([]);
  });
});
