/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/FakeClock';
import { bpmn } from '../testing/bpmn';
import { startEngineServer, type Creds, type EngineKit } from '../testing/engineTestKit';

const review = bpmn(
  'review',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
   <userTask id="check" name="Check hazard" camunda:candidateGroups="safetyOfficer" camunda:dueDate="PT2H" camunda:formKey="form:hazard-check">
     <documentation>Look at it</documentation>
   </userTask>
   <sequenceFlow id="f2" sourceRef="check" targetRef="end"/>
   <endEvent id="end"/>`,
);

describe('/task: user tasks, tenant scope and claim rules', () => {
  let kit: EngineKit;
  let clock: FakeClock;
  let tenantA: string;
  let officerA: Creds;
  let officerA2: Creds;
  let operatorA: Creds;
  let officerB: Creds;
  let pi: any;
  let taskId: string;
  beforeAll(async () => {
    clock = new FakeClock('2026-11-28T08:00:00.000Z');
    kit = await startEngineServer({ clock });
    tenantA = await kit.createTenant('Enterprise A');
    const tenantB = await kit.createTenant('Enterprise B');
    officerA = await kit.createUser('officerA', { tenantId: tenantA, role: 'safetyOfficer' });
    officerA2 = await kit.createUser('officerA2', { tenantId: tenantA, role: 'safetyOfficer' });
    operatorA = await kit.createUser('operatorA', { tenantId: tenantA, role: 'operator' });
    officerB = await kit.createUser('officerB', { tenantId: tenantB, role: 'safetyOfficer' });
    const dep = await kit.deploy({ 'review.bpmn': review }, { 'tenant-id': tenantA });
    expect(dep.status).toBe(200);
    pi = await kit.start('review', { businessKey: 'hz-1', variables: { hazard: { value: 'open flame', type: 'String' } } }, officerA);
    const list = await kit.rest('GET', `/task?processInstanceId=${pi.id}`, { as: officerA });
    taskId = list.body[0].id;
  });
  afterAll(async () => {
    await kit.close();
  });

  it('lists the task for candidates of its tenant with Camunda fields (due from the ISO duration)', async () => {
    // when
    const byGroup = await kit.rest('GET', '/task?candidateGroup=safetyOfficer', { as: officerA });
    const byUser = await kit.rest('GET', '/task?candidateUser=officerA', { as: officerA });
    const count = await kit.rest('GET', '/task/count?processInstanceBusinessKey=hz-1', { as: officerA });
    // then
    expect(byGroup.status).toBe(200);
    expect(byGroup.headers.get('content-type')).toBe('application/json');
    expect(byGroup.body).toEqual([
      expect.objectContaining({
        id: taskId,
        name: 'Check hazard',
        description: 'Look at it',
        assignee: null,
        taskDefinitionKey: 'check',
        processInstanceId: pi.id,
        formKey: 'form:hazard-check',
        tenantId: tenantA,
        created: '2026-11-28T08:00:00.000+0000',
        due: '2026-11-28T10:00:00.000+0000',
        suspended: false,
      }),
    ]);
    expect(byUser.body.map((t: any) => t.id)).toEqual([taskId]);
    expect(count.body).toEqual({ count: 1 });
  });

  it('hides the task from another tenant (list empty, get 404)', async () => {
    // when
    const list = await kit.rest('GET', '/task?candidateGroup=safetyOfficer', { as: officerB });
    const one = await kit.rest('GET', `/task/${taskId}`, { as: officerB });
    const claim = await kit.rest('POST', `/task/${taskId}/claim`, { as: officerB, body: { userId: 'officerB' } });
    // then
    expect(list.body).toEqual([]);
    expect(one.status).toBe(404);
    expect(claim.status).toBe(404);
  });

  it('claim rules: non-candidates are refused, the claim is idempotent for its owner, someone else gets TaskAlreadyClaimedException', async () => {
    // when
    const notCandidate = await kit.rest('POST', `/task/${taskId}/claim`, { as: operatorA, body: { userId: 'operatorA' } });
    const forOther = await kit.rest('POST', `/task/${taskId}/claim`, { as: officerA2, body: { userId: 'officerA' } });
    const first = await kit.rest('POST', `/task/${taskId}/claim`, { as: officerA, body: { userId: 'officerA' } });
    const again = await kit.rest('POST', `/task/${taskId}/claim`, { as: officerA, body: { userId: 'officerA' } });
    const taken = await kit.rest('POST', `/task/${taskId}/claim`, { as: officerA2, body: { userId: 'officerA2' } });
    // then
    expect(notCandidate.status).toBe(403);
    expect(notCandidate.body.type).toBe('AuthorizationException');
    expect(forOther.status).toBe(403);
    expect(first.status).toBe(204);
    expect(again.status).toBe(204);
    expect(taken.status).toBe(500);
    expect(taken.body).toEqual({ type: 'TaskAlreadyClaimedException', message: `Task '${taskId}' is already claimed by someone else.` });
    expect((await kit.rest('GET', '/task?candidateGroup=safetyOfficer', { as: officerA })).body).toEqual([]);
    const withAssigned = await kit.rest('POST', '/task', { as: officerA, body: { candidateGroups: ['safetyOfficer'], includeAssignedTasks: true, sorting: [{ sortBy: 'created', sortOrder: 'desc' }] } });
    expect(withAssigned.body.map((t: any) => [t.id, t.assignee])).toEqual([[taskId, 'officerA']]);
    const links = await kit.rest('GET', `/task/${taskId}/identity-links`, { as: officerA });
    expect(links.body).toEqual([
      { userId: 'officerA', groupId: null, type: 'assignee' },
      { userId: null, groupId: 'safetyOfficer', type: 'candidate' },
    ]);
  });

  it('only the assignee completes; form variables and withVariablesInReturn carry typed values', async () => {
    // given
    const form = await kit.rest('GET', `/task/${taskId}/form-variables`, { as: officerA });
    expect(form.body.hazard).toEqual({ type: 'String', value: 'open flame', valueInfo: {} });
    // when
    const byOther = await kit.rest('POST', `/task/${taskId}/complete`, { as: officerA2, body: {} });
    const done = await kit.rest('POST', `/task/${taskId}/complete`, {
      as: officerA,
      body: { variables: { verdict: { value: '{"ok":true}', type: 'Json' } }, withVariablesInReturn: true },
    });
    // then
    expect(byOther.status).toBe(403);
    expect(done.status).toBe(200);
    expect(done.body.verdict).toEqual({ type: 'Json', value: '{"ok":true}', valueInfo: {} });
    expect((await kit.rest('GET', `/task/${taskId}`, { as: officerA })).status).toBe(404);
    const hist = await kit.rest('GET', `/history/task?processInstanceId=${pi.id}`);
    expect(hist.body[0]).toMatchObject({ assignee: 'officerA', deleteReason: 'completed', taskDefinitionKey: 'check' });
  });

  it('unclaim gives a task back; bad sort is 400', async () => {
    // given
    const p2 = await kit.start('review', {}, officerA);
    const [t] = (await kit.rest('GET', `/task?processInstanceId=${p2.id}`, { as: officerA })).body;
    await kit.rest('POST', `/task/${t.id}/claim`, { as: officerA, body: { userId: 'officerA' } });
    // when
    const unclaim = await kit.rest('POST', `/task/${t.id}/unclaim`, { as: officerA });
    const bad = await kit.rest('GET', '/task?sortBy=nonsense&sortOrder=asc', { as: officerA });
    // then
    expect(unclaim.status).toBe(204);
    expect((await kit.rest('GET', `/task/${t.id}`, { as: officerA })).body.assignee).toBeNull();
    expect(bad.status).toBe(400);
    expect(bad.body.type).toBe('InvalidRequestException');
  });
});

const inspect = bpmn(
  'tqInspect',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="inspect"/>
   <userTask id="inspect" name="Inspect boiler" camunda:priority="\${prio}" camunda:dueDate="\${due}" camunda:followUpDate="\${fu}">
     <documentation>Pressure and valves</documentation>
   </userTask>
   <sequenceFlow id="f2" sourceRef="inspect" targetRef="end"/>
   <endEvent id="end"/>`,
);
const signOff = bpmn(
  'tqSignOff',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="sign"/>
   <userTask id="sign" name="sign off" camunda:candidateGroups="mgr"/>
   <sequenceFlow id="f2" sourceRef="sign" targetRef="end"/>
   <endEvent id="end"/>`,
);

describe('GET|POST /task query parameters and sorting', () => {
  let kit: EngineKit;
  const label = new Map<string, string>();
  const taskOf: Record<string, string> = {};
  beforeAll(async () => {
    const clock = new FakeClock('2026-11-28T08:00:00.000Z');
    kit = await startEngineServer({ clock });
    await kit.deploy({ 'inspect.bpmn': inspect, 'sign.bpmn': signOff });
    const start = async (name: string, key: string, businessKey: string, vars: Record<string, unknown> = {}) => {
      const pi = await kit.start(key, { businessKey, variables: vars });
      label.set(pi.id, name);
      taskOf[name] = (await kit.rest('GET', `/task?processInstanceId=${pi.id}`)).body[0].id;
      clock.advance(60_000);
      return pi;
    };
    const v = (prio: number, due: string, fu: string, level: string) => ({
      prio: { value: prio, type: 'Integer' },
      due: { value: due, type: 'String' },
      fu: { value: fu, type: 'String' },
      level: { value: level, type: 'String' },
    });
    await start('t1', 'tqInspect', 'tq-1', v(10, '2026-11-30T10:00:00.000+0000', '2026-11-29T10:00:00.000+0000', 'major'));
    await start('t2', 'tqInspect', 'tq-2', v(80, '2026-12-05T10:00:00.000+0000', '2026-12-01T00:00:00.000+0000', 'minor'));
    const p3 = await start('t3', 'tqSignOff', 'other-3');
    await kit.rest('POST', `/task/${taskOf.t2}/assignee`, { body: { userId: 'carol' } });
    await kit.rest('PUT', `/process-instance/${p3.id}/suspended`, { body: { suspended: true } });
  });
  afterAll(async () => {
    await kit.close();
  });
  const names = async (query: string) => {
    const res = await kit.rest('GET', `/task?${query}`);
    expect(res.status, `${query}: ${res.text}`).toBe(200);
    return (res.body as any[]).map((t) => label.get(t.processInstanceId));
  };
  const postNames = async (body: Record<string, unknown>) => ((await kit.rest('POST', '/task', { body })).body as any[]).map((t) => label.get(t.processInstanceId));

  it('filters by ids, instances, business keys, definitions, task keys, names, descriptions, priorities, assignees, candidates', async () => {
    // when / then
    expect(await names(`taskIdIn=${taskOf.t1},${taskOf.t3}`)).toEqual(['t1', 't3']);
    expect(await names('processInstanceBusinessKeyIn=tq-2,other-3')).toEqual(['t2', 't3']);
    expect(await names('processInstanceBusinessKeyLike=tq-%25')).toEqual(['t1', 't2']);
    expect(await names('processDefinitionKeyIn=tqSignOff')).toEqual(['t3']);
    expect(await names('taskDefinitionKeyIn=sign,other')).toEqual(['t3']);
    expect(await names('taskDefinitionKeyLike=ins%25')).toEqual(['t1', 't2']);
    expect(await names('name=sign%20off')).toEqual(['t3']);
    expect(await names('nameLike=%25boiler')).toEqual(['t1', 't2']);
    expect(await names('nameNotEqual=sign%20off')).toEqual(['t1', 't2']);
    expect(await names('descriptionLike=Pressure%25')).toEqual(['t1', 't2']);
    expect(await names('priority=80')).toEqual(['t2']);
    expect(await names('minPriority=50')).toEqual(['t2', 't3']);
    expect(await names('maxPriority=50&minPriority=10')).toEqual(['t1', 't3']);
    expect(await names('assignee=carol')).toEqual(['t2']);
    expect(await names('assigneeLike=car%25')).toEqual(['t2']);
    expect(await names('assigneeIn=carol,dave')).toEqual(['t2']);
    expect(await names('assigneeNotIn=carol')).toEqual(['t1', 't3']);
    expect(await names('assigned=true')).toEqual(['t2']);
    expect(await names('unassigned=true')).toEqual(['t1', 't3']);
    expect(await names('withCandidateGroups=true')).toEqual(['t3']);
    expect(await names('withoutCandidateGroups=true')).toEqual(['t1', 't2']);
    expect(await names('candidateGroup=mgr')).toEqual(['t3']);
    expect(await postNames({ candidateGroups: ['mgr', 'other'], processDefinitionKeyIn: ['tqSignOff'] })).toEqual(['t3']);
  });

  it('filters by due, follow-up and creation dates, suspension state and process variables', async () => {
    // when / then
    expect(await names('dueBefore=2026-12-01T00:00:00.000%2B0000')).toEqual(['t1']);
    expect(await names('dueAfter=2026-12-01T00:00:00.000%2B0000')).toEqual(['t2']);
    expect(await names('dueDate=2026-11-30T10:00:00.000%2B0000')).toEqual(['t1']);
    expect(await names('withoutDueDate=true')).toEqual(['t3']);
    expect(await names('followUpAfter=2026-11-30T00:00:00.000%2B0000')).toEqual(['t2']);
    expect(await names('followUpBefore=2026-11-30T00:00:00.000%2B0000')).toEqual(['t1']);
    expect(await names('followUpBeforeOrNotExistent=2026-11-30T00:00:00.000%2B0000')).toEqual(['t1', 't3']);
    expect(await names('createdAfter=2026-11-28T08:00:30.000%2B0000')).toEqual(['t2', 't3']);
    expect(await names('createdBefore=2026-11-28T08:01:30.000%2B0000')).toEqual(['t1', 't2']);
    expect(await names('suspended=true')).toEqual(['t3']);
    expect(await names('active=true')).toEqual(['t1', 't2']);
    expect(await names('processVariables=level_eq_minor')).toEqual(['t2']);
    expect(await postNames({ processVariables: [{ name: 'prio', operator: 'lt', value: 50 }] })).toEqual(['t1']);
    expect((await kit.rest('POST', '/task/count', { body: { processVariables: [{ name: 'level', operator: 'like', value: 'm%' }] } })).body).toEqual({ count: 2 });
    const bad = await kit.rest('GET', '/task?dueBefore=tomorrow');
    expect(bad.body).toEqual({ type: 'InvalidRequestException', message: `Cannot set query parameter 'dueBefore' to value 'tomorrow': Cannot convert value "tomorrow" to java type java.util.Date` });
  });

  it('sorts by created, dueDate, followUpDate, name, nameCaseInsensitive, assignee, priority, id, description, instanceId, executionId, tenantId', async () => {
    // when / then
    expect(await names('sortBy=priority&sortOrder=desc')).toEqual(['t2', 't3', 't1']);
    expect(await names('sortBy=created&sortOrder=desc')).toEqual(['t3', 't2', 't1']);
    expect(await names('sortBy=dueDate&sortOrder=desc&withoutDueDate=false&dueAfter=2026-01-01T00:00:00.000%2B0000')).toEqual(['t2', 't1']);
    expect(await names('sortBy=followUpDate&sortOrder=asc&processDefinitionKeyIn=tqInspect')).toEqual(['t1', 't2']);
    expect(await names('sortBy=name&sortOrder=asc')).toEqual(['t1', 't2', 't3']);
    expect(await names('sortBy=nameCaseInsensitive&sortOrder=desc&maxResults=1')).toEqual(['t3']);
    expect(await names('sortBy=assignee&sortOrder=desc&assigned=true')).toEqual(['t2']);
    for (const sortBy of ['id', 'description', 'instanceId', 'executionId', 'tenantId']) {
      expect((await names(`sortBy=${sortBy}&sortOrder=asc`)).sort()).toEqual(['t1', 't2', 't3']);
    }
    expect(await postNames({ sorting: [{ sortBy: 'priority', sortOrder: 'asc' }, { sortBy: 'created', sortOrder: 'desc' }] })).toEqual(['t1', 't3', 't2']);
  });
});
