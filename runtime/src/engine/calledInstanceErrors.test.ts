/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { Variables } from 'camunda-external-task-client-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn } from './testing/bpmn';
import { startEngineServer, until, type Creds, type EngineKit } from './testing/engineTestKit';

const errors = `<error id="eReject" errorCode="REJECT"/><error id="eAudit" errorCode="AUDIT"/><error id="eLate" errorCode="LATE"/>`;

/** Parent: calls `calledElement`; a REJECT from it goes to rework. */
const rectification = (id: string, calledElement: string) =>
  bpmn(
    id,
    `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="call"/>
   <callActivity id="call" calledElement="${calledElement}">
     <extensionElements>
       <camunda:in source="site" target="site"/>
       <camunda:out source="finding" target="childFinding"/>
     </extensionElements>
   </callActivity>
   <sequenceFlow id="f2" sourceRef="call" targetRef="after"/>
   <userTask id="after"/>
   <boundaryEvent id="rejected" attachedToRef="call">
     <errorEventDefinition errorRef="eReject" camunda:errorCodeVariable="code" camunda:errorMessageVariable="why"/>
   </boundaryEvent>
   <sequenceFlow id="f3" sourceRef="rejected" targetRef="rework"/>
   <userTask id="rework"/>`,
    errors,
  );

/** Child: an external inspection beside a review (with a timer), a message wait. */
const inspection = bpmn(
  'ceInspection',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
   <parallelGateway id="fork"/>
   <sequenceFlow id="f2" sourceRef="fork" targetRef="inspect"/>
   <sequenceFlow id="f3" sourceRef="fork" targetRef="review"/>
   <sequenceFlow id="f4" sourceRef="fork" targetRef="confirm"/>
   <serviceTask id="inspect" camunda:type="external" camunda:topic="ce-inspect"/>
   <sequenceFlow id="f5" sourceRef="inspect" targetRef="join"/>
   <userTask id="review"/>
   <sequenceFlow id="f6" sourceRef="review" targetRef="join"/>
   <boundaryEvent id="reviewLate" attachedToRef="review" cancelActivity="false"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></boundaryEvent>
   <sequenceFlow id="f7" sourceRef="reviewLate" targetRef="lateEnd"/>
   <endEvent id="lateEnd"/>
   <intermediateCatchEvent id="confirm"><messageEventDefinition messageRef="mConfirm"/></intermediateCatchEvent>
   <sequenceFlow id="f8" sourceRef="confirm" targetRef="join"/>
   <parallelGateway id="join"/>
   <sequenceFlow id="f9" sourceRef="join" targetRef="end"/>
   <endEvent id="end"/>`,
  `<message id="mConfirm" name="ceConfirm"/>`,
);

/** A child whose inspection and review end separately. */
const simpleInspection = bpmn(
  'ceSimpleInspection',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
   <parallelGateway id="fork"/>
   <sequenceFlow id="f2" sourceRef="fork" targetRef="inspect"/>
   <sequenceFlow id="f3" sourceRef="fork" targetRef="review"/>
   <serviceTask id="inspect" camunda:type="external" camunda:topic="ce-inspect"/>
   <sequenceFlow id="f4" sourceRef="inspect" targetRef="inspected"/>
   <endEvent id="inspected"/>
   <userTask id="review"/>
   <sequenceFlow id="f5" sourceRef="review" targetRef="reviewed"/>
   <endEvent id="reviewed"/>`,
);

/** Top: calls the middle level; AUDIT from anywhere below goes to an audit task. */
const top = bpmn(
  'ceTop',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="callMiddle"/>
   <callActivity id="callMiddle" calledElement="ceMiddle">
     <extensionElements><camunda:out source="midNote" target="topNote"/></extensionElements>
   </callActivity>
   <sequenceFlow id="f2" sourceRef="callMiddle" targetRef="end"/>
   <endEvent id="end"/>
   <boundaryEvent id="audited" attachedToRef="callMiddle"><errorEventDefinition errorRef="eAudit" camunda:errorMessageVariable="auditReason"/></boundaryEvent>
   <sequenceFlow id="f3" sourceRef="audited" targetRef="audit"/>
   <userTask id="audit"/>`,
  errors,
);

/** Middle: calls the leaf beside its own work; catches only REJECT. */
const middle = bpmn(
  'ceMiddle',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
   <parallelGateway id="fork"/>
   <sequenceFlow id="f2" sourceRef="fork" targetRef="callLeaf"/>
   <sequenceFlow id="f3" sourceRef="fork" targetRef="middleWork"/>
   <callActivity id="callLeaf" calledElement="ceLeaf">
     <extensionElements><camunda:out source="leafNote" target="midNote"/></extensionElements>
   </callActivity>
   <boundaryEvent id="leafRejected" attachedToRef="callLeaf"><errorEventDefinition errorRef="eReject"/></boundaryEvent>
   <sequenceFlow id="f4" sourceRef="leafRejected" targetRef="fixLeaf"/>
   <userTask id="fixLeaf"/>
   <userTask id="middleWork"/>`,
  errors,
);

/** Leaf: a check, then an AUDIT error end event. */
const leaf = bpmn(
  'ceLeaf',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="leafCheck"/>
   <userTask id="leafCheck"/>
   <sequenceFlow id="f2" sourceRef="leafCheck" targetRef="fail"/>
   <endEvent id="fail"><errorEventDefinition errorRef="eAudit"/></endEvent>`,
  errors,
);

/** A parent whose error event sub-process catches LATE from a child that fails at once. */
const patrol = bpmn(
  'cePatrol',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="callLate"/>
   <callActivity id="callLate" calledElement="ceLateChild"><extensionElements><camunda:out variables="all"/></extensionElements></callActivity>
   <sequenceFlow id="f2" sourceRef="callLate" targetRef="end"/>
   <endEvent id="end"/>
   <subProcess id="onLate" triggeredByEvent="true">
     <startEvent id="lateStart"><errorEventDefinition errorRef="eLate" camunda:errorCodeVariable="lateCode"/></startEvent>
     <sequenceFlow id="l1" sourceRef="lateStart" targetRef="escalate"/>
     <userTask id="escalate"/>
     <sequenceFlow id="l2" sourceRef="escalate" targetRef="lateEnd"/>
     <endEvent id="lateEnd"/>
   </subProcess>`,
  errors,
);

/** A parallel multi-instance call of the failing child; the body's boundary catches LATE. */
const sweep = bpmn(
  'ceSweep',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="callEach"/>
   <callActivity id="callEach" calledElement="ceLateChild">
     <multiInstanceLoopCharacteristics><loopCardinality>3</loopCardinality></multiInstanceLoopCharacteristics>
   </callActivity>
   <sequenceFlow id="f2" sourceRef="callEach" targetRef="end"/>
   <endEvent id="end"/>
   <boundaryEvent id="sweepLate" attachedToRef="callEach"><errorEventDefinition errorRef="eLate"/></boundaryEvent>
   <sequenceFlow id="f3" sourceRef="sweepLate" targetRef="report"/>
   <userTask id="report"/>`,
  errors,
);

/** A parent whose error path fails: its gateway reads a variable nobody set. */
const brokenHandler = bpmn(
  'ceBrokenHandler',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="call"/>
   <callActivity id="call" calledElement="ceSimpleInspection"/>
   <sequenceFlow id="f2" sourceRef="call" targetRef="end"/>
   <endEvent id="end"/>
   <boundaryEvent id="rejected" attachedToRef="call"><errorEventDefinition errorRef="eReject"/></boundaryEvent>
   <sequenceFlow id="f3" sourceRef="rejected" targetRef="gw"/>
   <exclusiveGateway id="gw"/>
   <sequenceFlow id="f4" sourceRef="gw" targetRef="end2"><conditionExpression xsi:type="tFormalExpression">\${severity == 'high'}</conditionExpression></sequenceFlow>
   <endEvent id="end2"/>`,
  errors,
);

/** Fails with LATE as soon as it starts. */
const lateChild = bpmn(
  'ceLateChild',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="fail"/>
   <endEvent id="fail"><errorEventDefinition errorRef="eLate"/></endEvent>`,
  errors,
);

describe('BPMN errors crossing call-activity boundaries (REST, real external-task client)', () => {
  let kit: EngineKit;
  let worker: Creds;
  beforeAll(async () => {
    kit = await startEngineServer();
    const dep = await kit.deploy({
      'rect.bpmn': rectification('ceRectification', 'ceInspection'),
      'lenient.bpmn': rectification('ceLenient', 'ceSimpleInspection'),
      'simple.bpmn': simpleInspection,
      'insp.bpmn': inspection,
      'top.bpmn': top,
      'middle.bpmn': middle,
      'leaf.bpmn': leaf,
      'patrol.bpmn': patrol,
      'late.bpmn': lateChild,
      'sweep.bpmn': sweep,
      'broken.bpmn': brokenHandler,
    });
    expect(dep.status).toBe(200);
    worker = await kit.workerCredential(['ce-inspect']);
  });
  afterAll(async () => {
    await kit.close();
  });

  const tasksOf = async (piId: string) =>
    ((await kit.rest('GET', `/task?processInstanceId=${piId}`)).body as any[])
      .map((t) => t.taskDefinitionKey)
      .sort();
  const childOf = async (piId: string) => {
    const [child] = (await kit.rest('GET', `/process-instance?superProcessInstance=${piId}`)).body as any[];
    return child as { id: string } | undefined;
  };
  const historicChildOf = async (piId: string) => {
    const [child] = (await kit.rest('GET', `/history/process-instance?superProcessInstanceId=${piId}`))
      .body as any[];
    return child;
  };
  const variable = async (piId: string, name: string) => {
    const res = await kit.rest('GET', `/process-instance/${piId}/variables/${name}`);
    return res.status === 200 ? res.body.value : undefined;
  };
  const activity = async (piId: string, activityId: string) =>
    (
      (await kit.rest('GET', `/history/activity-instance?processInstanceId=${piId}&activityId=${activityId}`))
        .body as any[]
    )[0];
  /** Every runtime row an instance may own. */
  const artefacts = async (piId: string) => {
    const out: Record<string, number> = {};
    for (const table of ['external_task', 'user_task', 'job', 'event_subscription']) {
      const [row] = await kit.deps.db.query<{ n: number }>(
        `SELECT COUNT(*) AS n FROM ${table} WHERE process_instance_id = ?`,
        [piId],
      );
      out[table] = Number(row.n);
    }
    return out;
  };
  const none = { external_task: 0, user_task: 0, job: 0, event_subscription: 0 };

  it("a worker's bpmnError in a called instance is caught by the error boundary on the parent's call activity", async () => {
    // given
    const pi = await kit.start('ceRectification', { variables: { site: { value: 'A7', type: 'String' } } });
    const child = (await childOf(pi.id))!;
    expect(await artefacts(child.id)).toEqual({
      external_task: 1,
      user_task: 1,
      job: 1,
      event_subscription: 1,
    });
    const client = kit.client(worker, { workerId: 'inspector' });
    let reported = 0;
    client.subscribe('ce-inspect', async ({ task, taskService }) => {
      if (task.processInstanceId !== child.id) return;
      await taskService.handleBpmnError(
        task,
        'REJECT',
        'photo missing',
        new Variables().set('finding', 'crack'),
      );
      reported++;
    });
    // when
    client.start();
    await until(() => reported === 1);
    client.stop();
    // then: the parent takes the error path with the error and out-mapped variables
    expect(await tasksOf(pi.id)).toEqual(['rework']);
    expect(await variable(pi.id, 'code')).toBe('REJECT');
    expect(await variable(pi.id, 'why')).toBe('photo missing');
    expect(await variable(pi.id, 'childFinding')).toBe('crack');
    expect(await activity(pi.id, 'call')).toMatchObject({ canceled: true });
    expect(await activity(pi.id, 'rejected')).toMatchObject({ activityType: 'boundaryError' });
    // and the child is gone, terminated, with none of its artefacts left
    expect((await kit.rest('GET', `/process-instance/${child.id}`)).status).toBe(404);
    expect(await artefacts(child.id)).toEqual(none);
    expect(await historicChildOf(pi.id)).toMatchObject({ id: child.id, state: 'INTERNALLY_TERMINATED' });
    expect(
      ((await kit.rest('GET', `/history/process-instance?processInstanceId=${pi.id}`)).body as any[])[0],
    ).toMatchObject({ state: 'ACTIVE' });
    expect(await activity(child.id, 'review')).toMatchObject({ canceled: true });
    expect(await activity(child.id, 'inspect')).toMatchObject({ canceled: true });
    const [reviewTask] = (await kit.rest('GET', `/history/task?processInstanceId=${child.id}`)).body as any[];
    expect(reviewTask).toMatchObject({ taskDefinitionKey: 'review', deleteReason: 'deleted' });
  });

  it('an error end event in a grandchild is caught two levels up; both called instances terminate, out mappings apply on the way', async () => {
    // given
    const pi = await kit.start('ceTop');
    const mid = (await childOf(pi.id))!;
    const leafPi = (await childOf(mid.id))!;
    expect(await tasksOf(mid.id)).toEqual(['middleWork']);
    const [check] = (await kit.rest('GET', `/task?processInstanceId=${leafPi.id}`)).body as any[];
    // when
    const res = await kit.rest('POST', `/task/${check.id}/complete`, {
      body: { variables: { leafNote: { value: 'valve leaks', type: 'String' } } },
    });
    // then
    expect(res.status).toBe(204);
    expect(await tasksOf(pi.id)).toEqual(['audit']);
    expect(await variable(pi.id, 'topNote')).toBe('valve leaks');
    expect(await variable(pi.id, 'auditReason')).toBeNull();
    for (const id of [mid.id, leafPi.id]) {
      expect((await kit.rest('GET', `/process-instance/${id}`)).status).toBe(404);
      expect(await artefacts(id)).toEqual(none);
    }
    expect(await historicChildOf(pi.id)).toMatchObject({ id: mid.id, state: 'INTERNALLY_TERMINATED' });
    expect(await historicChildOf(mid.id)).toMatchObject({
      id: leafPi.id,
      state: 'INTERNALLY_TERMINATED',
      endActivityId: 'fail',
    });
    expect(await activity(mid.id, 'middleWork')).toMatchObject({ canceled: true });
    expect(await activity(mid.id, 'callLeaf')).toMatchObject({ canceled: true });
    expect(await activity(mid.id, 'fixLeaf')).toBeUndefined();
  });

  it("a called instance failing at once is caught by the parent's error event sub-process, in the start's own transaction", async () => {
    // when
    const pi = await kit.start('cePatrol');
    // then
    expect(await tasksOf(pi.id)).toEqual(['escalate']);
    expect(await variable(pi.id, 'lateCode')).toBe('LATE');
    expect(await activity(pi.id, 'callLate')).toMatchObject({ canceled: true });
    expect(await activity(pi.id, 'lateStart')).toMatchObject({ activityType: 'errorStartEvent' });
    expect(await historicChildOf(pi.id)).toMatchObject({ state: 'INTERNALLY_TERMINATED' });
    expect(await childOf(pi.id)).toBeUndefined();
  });

  it("the first child of a parallel multi-instance call failing at once cancels the body; the other instances' children are never started", async () => {
    // when
    const pi = await kit.start('ceSweep');
    // then
    expect(await tasksOf(pi.id)).toEqual(['report']);
    const children = (await kit.rest('GET', `/history/process-instance?superProcessInstanceId=${pi.id}`))
      .body as any[];
    expect(children.map((c) => c.state)).toEqual(['INTERNALLY_TERMINATED']);
    expect(await childOf(pi.id)).toBeUndefined();
  });

  it("a failure on the parent's error path rolls back the child's error too: one transaction across both instances", async () => {
    // given
    const pi = await kit.start('ceBrokenHandler');
    const child = (await childOf(pi.id))!;
    const [task] = (
      await kit.rest('POST', '/external-task/fetchAndLock', {
        as: worker,
        body: {
          workerId: 'w-broken',
          maxTasks: 10,
          topics: [{ topicName: 'ce-inspect', lockDuration: 60_000, processInstanceId: child.id }],
        },
      })
    ).body as any[];
    const before = { parent: await artefacts(pi.id), child: await artefacts(child.id) };
    const revisions = async () =>
      (
        await kit.deps.db.query<any>(
          `SELECT id, revision FROM process_instance WHERE id IN (?, ?) ORDER BY id`,
          [pi.id, child.id],
        )
      ).map((r) => [r.id, Number(r.revision)]);
    const revisionsBefore = await revisions();
    // when
    const res = await kit.rest('POST', `/external-task/${task.id}/bpmnError`, {
      as: worker,
      body: { workerId: 'w-broken', errorCode: 'REJECT' },
    });
    // then: the expression error surfaces, and neither instance changed
    expect(res.status).toBe(500);
    expect(res.body.message).toMatch(/severity/);
    expect(await revisions()).toEqual(revisionsBefore);
    expect({ parent: await artefacts(pi.id), child: await artefacts(child.id) }).toEqual(before);
    expect((await kit.rest('GET', `/external-task/${task.id}`)).body).toMatchObject({
      workerId: 'w-broken',
      processInstanceId: child.id,
    });
    expect(await historicChildOf(pi.id)).toMatchObject({ id: child.id, state: 'ACTIVE' });
    expect(await activity(pi.id, 'call')).toMatchObject({ canceled: false, endTime: null });
  });

  it('an error nobody catches only ends the throwing task; the child goes on and completes the call normally', async () => {
    // given
    const pi = await kit.start('ceLenient', { variables: { site: { value: 'B2', type: 'String' } } });
    const child = (await childOf(pi.id))!;
    const client = kit.client(worker, { workerId: 'inspector-2' });
    let reported = 0;
    client.subscribe('ce-inspect', async ({ task, taskService }) => {
      if (task.processInstanceId !== child.id) return;
      await taskService.handleBpmnError(task, 'NOBODY', 'no catcher', new Variables().set('finding', 'none'));
      reported++;
    });
    // when
    client.start();
    await until(() => reported === 1);
    client.stop();
    // then: the child still runs, without its external task (ended, not cancelled, no outgoing flow)
    expect(await artefacts(child.id)).toEqual({
      external_task: 0,
      user_task: 1,
      job: 0,
      event_subscription: 0,
    });
    expect(await activity(child.id, 'inspect')).toMatchObject({ canceled: false });
    expect(await activity(child.id, 'inspected')).toBeUndefined();
    expect(await tasksOf(pi.id)).toEqual([]);
    // when
    const [review] = (await kit.rest('GET', `/task?processInstanceId=${child.id}`)).body as any[];
    expect((await kit.rest('POST', `/task/${review.id}/complete`, { body: {} })).status).toBe(204);
    // then: the child completed; the parent left the call activity normally, with its out mapping
    expect(await historicChildOf(pi.id)).toMatchObject({ id: child.id, state: 'COMPLETED' });
    expect(await tasksOf(pi.id)).toEqual(['after']);
    expect(await variable(pi.id, 'childFinding')).toBe('none');
    expect(await variable(pi.id, 'code')).toBeUndefined();
  });
});
