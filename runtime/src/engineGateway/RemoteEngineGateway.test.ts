import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../engine/testing/engineTestKit';
import { createWorker, type Worker } from '../worker';
import { startRemoteEnginePair, scoredProcess, type RemoteEnginePair } from './testing/remoteEnginePair';

/** 隐患复核 — the safety officer reviews a high-scored hazard. */
const reviewForm = {
  type: 'object',
  properties: {
    decision: { type: 'string', title: '复核结论', enum: ['confirm', 'dismiss'], 'x-component': 'Radio.Group', required: true },
    note: { type: 'string', title: '说明', 'x-component': 'Input.TextArea' },
  },
};

describe('RemoteEngineGateway: node B runs on node A’s /engine-rest (A plays Operaton)', () => {
  let pair: RemoteEnginePair;
  let worker: Worker;
  let tenant: string;
  const scored: Array<{ taskId: string; hazard: unknown }> = [];

  beforeAll(async () => {
    pair = await startRemoteEnginePair();
    tenant = await pair.createTenantOnB('企业甲');
    // the typed worker helper, connected to A's /engine-rest with a worker credential of A
    const cred = await pair.a.workerCredential(['score']);
    worker = createWorker({ baseUrl: `${pair.a.server.url}/engine-rest`, workerId: 'scorer-1', auth: cred, asyncResponseTimeout: 2_000, interval: 20 });
    worker.subscribe<{ severity: number; hazard: { area: string } }, { score: number }>('score', async ({ task, variables }) => {
      scored.push({ taskId: task.id, hazard: variables.hazard });
      return { score: variables.severity * 10 };
    });
    worker.start();
  });
  afterAll(async () => {
    worker?.stop();
    await pair?.close();
  });

  it('deploys through B, the worker on A scores, B lists and completes the form-bound task, A records the end', async () => {
    // given: the review form published on B, a safety officer of the tenant on B
    const officer = await pair.createUserOnB('officer-b', tenant, 'safetyOfficer');
    for (const step of ['', '/hazardReview/publish']) {
      const res = step
        ? await pair.api('POST', `/definitions/form${step}`, officer, {})
        : await pair.api('POST', '/definitions/form', officer, { key: 'hazardReview', name: '隐患复核', content: reviewForm });
      expect(res.status, res.text).toBe(step ? 200 : 201);
    }
    const dep = await pair.remote.deploy({ name: 'hazard', tenantId: tenant, resources: [{ name: 'hazard.bpmn', content: scoredProcess('hazardScored', 'score', 'safeflow:forms/hazardReview@latest') }] });
    expect(dep.deployedProcessDefinitions).toMatchObject([{ key: 'hazardScored', version: 1, tenantId: tenant }]);

    // when: started through B with typed variables, scored on A by the worker
    const pi = await pair.remote.startProcess({ key: 'hazardScored', businessKey: 'HZ-1', variables: { severity: 9, hazard: { area: '仓库' } } });
    const task = await until(async () => (await pair.remote.listTasks({ processInstanceId: pi.id, firstResult: 0, maxResults: 10 }))[0]);
    const submitted = await pair.api('POST', `/tasks/${task.id}/submit`, officer, { values: { decision: 'confirm', note: '已核实' } });

    // then: the worker saw the Json variable; B saw the form-bound task of A; A ended the instance
    expect(pi).toMatchObject({ businessKey: 'HZ-1', tenantId: tenant, ended: false });
    expect(scored).toContainEqual({ taskId: expect.any(String), hazard: { area: '仓库' } });
    expect(task).toMatchObject({ taskDefinitionKey: 'review', formKey: 'safeflow:forms/hazardReview@latest', tenantId: tenant, assignee: null });
    expect(submitted.status, submitted.text).toBe(201);
    expect(submitted.body).toMatchObject({ taskId: task.id, formKey: 'hazardReview', formVersion: 1, data: { decision: 'confirm' } });
    const history = await pair.a.rest('GET', `/history/process-instance?processInstanceId=${pi.id}`);
    expect(history.body).toMatchObject([{ state: 'COMPLETED', endActivityId: 'end', businessKey: 'HZ-1', tenantId: tenant }]);
    const hvars = await pair.a.rest('GET', `/history/variable-instance?processInstanceId=${pi.id}`);
    const byName = Object.fromEntries((hvars.body as Array<{ name: string; value: unknown }>).map((v) => [v.name, v.value]));
    expect(byName).toMatchObject({ score: 90, decision: 'confirm', submissionId: submitted.body.submissionId });
    expect(await pair.remote.getProcessInstance(pi.id)).toMatchObject({ id: pi.id, ended: true });
    const [stored] = await pair.b.runtime.deps.db.query<{ task_id: string; tenant_id: string }>('SELECT task_id, tenant_id FROM submission WHERE id = ?', [submitted.body.submissionId]);
    expect(stored).toEqual({ task_id: task.id, tenant_id: tenant });
  });

  it('takes the plain branch for a low score and completes it through the gateway', async () => {
    // given
    await pair.remote.deploy({ name: 'hazard-low', resources: [{ name: 'low.bpmn', content: scoredProcess('hazardLow', 'score', 'safeflow:forms/hazardReview@latest') }] });
    const pi = await pair.remote.startProcess({ key: 'hazardLow', variables: { severity: 2, hazard: { area: '办公区' } } });
    const task = await until(async () => (await pair.remote.listTasks({ processInstanceId: pi.id, firstResult: 0, maxResults: 10 }))[0]);

    // when
    await pair.remote.completeTask(task.id, { acknowledgedAt: new Date('2026-11-28T08:00:00.000Z') });

    // then
    expect(task).toMatchObject({ taskDefinitionKey: 'ack', formKey: null });
    expect(await pair.remote.getTask(task.id)).toBeNull();
    expect(await pair.remote.getProcessInstance(pi.id)).toMatchObject({ ended: true });
    const hvars = await pair.a.rest('GET', `/history/variable-instance?processInstanceId=${pi.id}&variableName=score`);
    expect(hvars.body.map((v: { value: unknown }) => v.value)).toEqual([20]);
  });

  it('refuses a submission by a user of another tenant on B (404) and by one who is no candidate (403), leaving the task open', async () => {
    // given: a task of the tenant waiting for review
    const other = await pair.createTenantOnB('企业乙');
    const foreigner = await pair.createUserOnB('foreigner-b', other, 'safetyOfficer');
    const worker1 = await pair.createUserOnB('worker-b', tenant, 'worker');
    const pi = await pair.remote.startProcess({ key: 'hazardScored', tenantId: tenant, variables: { severity: 8, hazard: { area: '罐区' } } });
    const task = await until(async () => (await pair.remote.listTasks({ processInstanceId: pi.id, firstResult: 0, maxResults: 10 }))[0]);

    // when
    const foreign = await pair.api('POST', `/tasks/${task.id}/submit`, foreigner, { values: { decision: 'dismiss' } });
    const notCandidate = await pair.api('POST', `/tasks/${task.id}/submit`, worker1, { values: { decision: 'dismiss' } });

    // then
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('task.not_found');
    expect(notCandidate.status, notCandidate.text).toBe(403);
    expect(notCandidate.body.code).toBe('engine.forbidden');
    expect(await pair.remote.getTask(task.id)).toMatchObject({ id: task.id, assignee: null });
    const [n] = await pair.b.runtime.deps.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM submission WHERE task_id = ?', [task.id]);
    expect(Number(n!.n)).toBe(0);
  });

  it('is no engine itself: B serves no /engine-rest, and its workers connect to ENGINE_URL with the configured credentials', async () => {
    // when
    const own = await pair.b.request('GET', '/engine-rest/version');
    const conn = await pair.remote.workerConnection({ selfUrl: pair.b.url, name: 'x', topics: ['rules'] });
    // then
    expect(own.status).toBe(404);
    expect(conn).toEqual({ baseUrl: `${pair.a.server.url}/engine-rest`, auth: { username: pair.service.username, password: pair.service.password } });
    expect(pair.remote.workerBaseUrl(pair.b.url)).toBe(`${pair.a.server.url}/engine-rest`);
  });
});
