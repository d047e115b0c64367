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
