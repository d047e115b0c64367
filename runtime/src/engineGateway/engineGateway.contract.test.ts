import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../app/AppDeps';
import { SYSTEM_ACTOR } from '../audit/appendAudit';
import { bpmn } from '../engine/testing/bpmn';
import type { AuthContext } from '../http/AuthContext';
import { insertOrg } from '../orgs/orgCommands';
import type { EngineGateway } from './EngineGateway';
import { engineErrorType } from './RemoteEngineError';
import { startRemoteEnginePair, type RemoteEnginePair } from './testing/remoteEnginePair';

let pair: RemoteEnginePair;
beforeAll(async () => {
  pair = await startRemoteEnginePair();
});
afterAll(async () => {
  await pair?.close();
});

/** start → user task (candidates: safetyOfficer) → message catch → end. */
const reviewThenWait = (key: string, message: string) =>
  bpmn(
    key,
    `<startEvent id="start"/>
     <sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
     <userTask id="review" name="Review" camunda:candidateGroups="safetyOfficer" camunda:formKey="safeflow:forms/check@2"/>
     <sequenceFlow id="f2" sourceRef="review" targetRef="wait"/>
     <intermediateCatchEvent id="wait"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>
     <sequenceFlow id="f3" sourceRef="wait" targetRef="end"/>
     <endEvent id="end"/>`,
    `<message id="m" name="${message}"/>`,
  );

/** Resolves with what `p` rejects with (fails when it resolves). */
async function rejection(p: Promise<unknown>): Promise<{ status: number; type: string | undefined; err: unknown }> {
  const err = await p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  return { status: (err as { status: number }).status, type: engineErrorType(err), err };
}

const cases: Array<[string, () => { gw: EngineGateway; deps: AppDeps }]> = [
  ['LocalEngineGateway (node A in-process)', () => ({ gw: pair.local, deps: pair.a.deps })],
  ['RemoteEngineGateway (node B → A/engine-rest)', () => ({ gw: pair.remote, deps: pair.b.runtime.deps })],
];

describe.each(cases)('EngineGateway contract: %s', (name, get) => {
  const sfx = name.startsWith('Local') ? 'L' : 'R';
  const key = `contract${sfx}`;
  const message = `inspected${sfx}`;
  const tenant = `tenant-${sfx}`;
  let gw: EngineGateway;
  let deps: AppDeps;
  beforeAll(() => ({ gw, deps } = get()));

  const openTask = async (variables: Record<string, unknown> = {}) => {
    const pi = await gw.startProcess({ key, tenantId: tenant, variables });
    const [task] = await gw.listTasks({ processInstanceId: pi.id, firstResult: 0, maxResults: 10 });
    return { pi, task: task! };
  };

  it('deploys new versions per key, skips unchanged resources with deployChangedOnly, lists definitions', async () => {
    // given
    const v1 = reviewThenWait(key, message).replace('name="Review"', 'name="Review v1"');
    const v2 = reviewThenWait(key, message);
    // when
    const d1 = await gw.deploy({ name: key, tenantId: tenant, resources: [{ name: `${key}.bpmn`, content: v1 }] });
    const d2 = await gw.deploy({ name: key, tenantId: tenant, resources: [{ name: `${key}.bpmn`, content: v2 }] });
    const d3 = await gw.deploy({ name: key, tenantId: tenant, resources: [{ name: `${key}.bpmn`, content: v2 }], deployChangedOnly: true });
    const all = await gw.listProcessDefinitions({ key });
    const latest = await gw.listProcessDefinitions({ key, latestVersion: true });
    const otherTenant = await gw.listProcessDefinitions({ key, tenantIdIn: ['nobody'] });
    // then
    expect(d1.deployedProcessDefinitions).toMatchObject([{ key, version: 1, tenantId: tenant, resource: `${key}.bpmn`, suspended: false }]);
    expect(d2.deployedProcessDefinitions).toMatchObject([{ key, version: 2 }]);
    expect(d3.deployedProcessDefinitions).toEqual([]);
    expect(all.map((d) => d.version)).toEqual([1, 2]);
    expect(latest).toEqual([d2.deployedProcessDefinitions[0]]);
    expect(otherTenant).toEqual([]);
  });

  it('starts with plain variables and gives them back typed the same way', async () => {
    // given
    const variables = { s: '隐患', i: 42, long: 2 ** 40, d: 1.5, b: true, n: null, when: new Date('2026-11-28T08:30:00.000Z'), obj: { area: '仓库', ids: [1, 2] } };
    // when
    const pi = await gw.startProcess({ key, businessKey: `BK-${sfx}`, tenantId: tenant, variables });
    const back = await gw.getProcessVariables(pi.id);
    // then
    expect(pi).toMatchObject({ businessKey: `BK-${sfx}`, tenantId: tenant, ended: false, suspended: false });
    expect(back).toEqual(variables);
    expect(await gw.getProcessInstance(pi.id)).toEqual({ ...pi, definitionId: pi.definitionId });
  });

  it('lists user tasks by instance, candidate group, tenant and assignee; claims by the rules', async () => {
    // given
    const { pi, task } = await openTask();
    // when
    const byGroup = await gw.listTasks({ candidateGroups: ['safetyOfficer'], processInstanceId: pi.id, firstResult: 0, maxResults: 10 });
    const byOtherGroup = await gw.listTasks({ candidateGroups: ['inspector'], processInstanceId: pi.id, firstResult: 0, maxResults: 10 });
    const byTenant = await gw.listTasks({ tenantIdIn: [tenant], processInstanceId: pi.id, firstResult: 0, maxResults: 10 });
    const byOtherTenant = await gw.listTasks({ tenantIdIn: ['nobody'], processInstanceId: pi.id, firstResult: 0, maxResults: 10 });
    await gw.claimTask(task.id, 'alice');
    await gw.claimTask(task.id, 'alice');
    const taken = await rejection(gw.claimTask(task.id, 'bob'));
    const mine = await gw.listTasks({ assignee: 'alice', processInstanceId: pi.id, firstResult: 0, maxResults: 10 });
    const claimable = await gw.listTasks({ candidateGroups: ['safetyOfficer'], processInstanceId: pi.id, firstResult: 0, maxResults: 10 });
    // then
    expect(task).toMatchObject({ taskDefinitionKey: 'review', name: 'Review', formKey: 'safeflow:forms/check@2', tenantId: tenant, assignee: null, suspended: false });
    expect(byGroup.map((t) => t.id)).toEqual([task.id]);
    expect(byOtherGroup).toEqual([]);
    expect(byTenant.map((t) => t.id)).toEqual([task.id]);
    expect(byOtherTenant).toEqual([]);
    expect(taken.type).toBe('TaskAlreadyClaimedException');
    expect(mine.map((t) => t.assignee)).toEqual(['alice']);
    expect(claimable).toEqual([]);
    expect(await gw.getTaskFormKey(task.id)).toBe('safeflow:forms/check@2');
  });

  it('completes a task with variables and work in the same transaction, then correlates the message to the end', async () => {
    // given
    const { pi, task } = await openTask();
    // when
    await gw.completeTask(task.id, { decision: 'confirm' }, { inTransaction: async () => ({ submissionId: `sub-${sfx}` }) });
    const waiting = await gw.getProcessVariables(pi.id);
    const reached = await gw.correlateMessage({ messageName: message, processInstanceId: pi.id, processVariables: { inspector: '张三' } });
    // then
    expect(await gw.getTask(task.id)).toBeNull();
    expect(waiting).toMatchObject({ decision: 'confirm', submissionId: `sub-${sfx}` });
    expect(reached).toEqual([pi.id]);
    expect(await gw.getProcessInstance(pi.id)).toMatchObject({ id: pi.id, tenantId: tenant, ended: true });
  });

  it('rolls back the transactional work when the completion fails, and refuses actors who are no candidates', async () => {
    // given
    const { task } = await openTask();
    const probe = `rollback-probe-${sfx}`;
    const outsider: AuthContext = {
      kind: 'user', userId: 'u-out', username: 'outsider', platformAdmin: false,
      memberships: [{ orgId: tenant, orgPath: `/${tenant}/`, tenantId: tenant, roleKey: 'worker', permissions: ['task.work'] }],
    };
    // when
    const gone = await rejection(
      gw.completeTask('no-such-task', {}, { inTransaction: async (tx) => void (await insertOrg(tx, deps, SYSTEM_ACTOR, { type: 'enterprise', name: probe })) }),
    );
    const refused = await rejection(gw.completeTask(task.id, {}, { actor: outsider }));
    // then
    expect(gone).toMatchObject({ status: 404, type: 'RestException' });
    const [n] = await deps.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM org WHERE name = ?', [probe]);
    expect(Number(n!.n)).toBe(0);
    expect(refused).toMatchObject({ status: 403, type: 'AuthorizationException' });
    expect(await gw.getTask(task.id)).toMatchObject({ id: task.id });
  });

  it('lists a key’s instances from history, running and ended, newest first, by tenant', async () => {
    // given: two instances of the key (one ended through its task and message), one of them started last
    const first = await openTask();
    await gw.completeTask(first.task.id, {});
    await gw.correlateMessage({ messageName: message, processInstanceId: first.pi.id });
    await new Promise((r) => setTimeout(r, 5)); // distinct start times
    const second = await gw.startProcess({ key, businessKey: `H-${sfx}`, tenantId: tenant });
    // when
    const all = await gw.listHistoricInstances({ definitionKey: key, tenantIdIn: [tenant], maxResults: 1000 });
    const newest = await gw.listHistoricInstances({ definitionKey: key, maxResults: 1 });
    const elsewhere = await gw.listHistoricInstances({ definitionKey: key, tenantIdIn: ['nobody'], maxResults: 10 });
    // then
    const ours = all.filter((h) => h.id === first.pi.id || h.id === second.id);
    expect(ours.map((h) => h.id)).toEqual([second.id, first.pi.id]);
    expect(newest.map((h) => h.id)).toEqual([second.id]);
    expect(ours[0]).toMatchObject({ definitionId: second.definitionId, businessKey: `H-${sfx}`, tenantId: tenant, startActivityId: 'start', endTime: null, state: 'ACTIVE' });
    expect(ours[1]).toMatchObject({ state: 'COMPLETED', startActivityId: 'start' });
    expect(Date.parse(ours[1]!.endTime!)).toBeGreaterThanOrEqual(Date.parse(ours[1]!.startTime));
    expect(Date.parse(ours[0]!.startTime)).toBeGreaterThan(Date.parse(ours[1]!.startTime));
    expect(elsewhere).toEqual([]);
  });

  it('answers unknown ids and names the same way', async () => {
    // when
    const noTask = await gw.getTask('no-such-task');
    const noInstance = await gw.getProcessInstance('no-such-instance');
    const noKey = await rejection(gw.startProcess({ key: 'noSuchProcess' }));
    const noFormKey = await rejection(gw.getTaskFormKey('no-such-task'));
    const noClaim = await rejection(gw.claimTask('no-such-task', 'alice'));
    const noMessage = await rejection(gw.correlateMessage({ messageName: 'nobodyWaits' }));
    // then
    expect(noTask).toBeNull();
    expect(noInstance).toBeNull();
    expect(noKey).toMatchObject({ status: 404, type: 'RestException' });
    expect(noFormKey).toMatchObject({ status: 404, type: 'RestException' });
    expect(noClaim).toMatchObject({ status: 404, type: 'RestException' });
    expect(noMessage).toMatchObject({ status: 400, type: 'RestException' });
  });
});
