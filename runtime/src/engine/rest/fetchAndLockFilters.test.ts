/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/FakeClock';
import { oneExternalTask } from '../testing/bpmn';
import { startEngineServer, type Creds, type EngineKit } from '../testing/engineTestKit';

describe('fetchAndLock filters, priority and sorting', () => {
  let kit: EngineKit;
  let worker: Creds;
  const clock = new FakeClock();
  beforeAll(async () => {
    kit = await startEngineServer({ clock });
    const dep = await kit.deploy({
      'low.bpmn': oneExternalTask('lowFlow', 'filtered', 'camunda:taskPriority="10"'),
      'high.bpmn': oneExternalTask('highFlow', 'filtered', 'camunda:taskPriority="90"'),
    });
    expect(dep.status).toBe(200);
    worker = await kit.workerCredential(['filtered']);
  });
  afterAll(async () => {
    await kit.close();
  });
  const fetch = async (body: Record<string, unknown>, topic: Record<string, unknown> = {}) => {
    const res = await kit.rest('POST', '/external-task/fetchAndLock', {
      as: worker,
      body: { workerId: 'f', maxTasks: 10, ...body, topics: [{ topicName: 'filtered', lockDuration: 60_000, ...topic }] },
    });
    expect(res.status).toBe(200);
    return res.body as any[];
  };
  const unlockAll = async (tasks: any[]) => {
    for (const t of tasks) await kit.rest('POST', `/external-task/${t.id}/unlock`, { as: worker });
  };

  it('filters by business key, definition key, process variables; returns only the variables asked for', async () => {
    // given
    const a = await kit.start('lowFlow', { businessKey: 'k-a', variables: { zone: { value: 'north', type: 'String' }, extra: { value: 1, type: 'Integer' } } });
    const b = await kit.start('highFlow', { businessKey: 'k-b', variables: { zone: { value: 'south', type: 'String' } } });
    // when
    const byKey = await fetch({}, { businessKey: 'k-a', variables: ['zone'] });
    await unlockAll(byKey);
    const byDef = await fetch({}, { processDefinitionKeyIn: ['highFlow'] });
    await unlockAll(byDef);
    const byVar = await fetch({}, { processVariables: { zone: 'south', other: 'x' } });
    await unlockAll(byVar);
    const noTenant = await fetch({}, { tenantIdIn: ['t-none'] });
    // then
    expect(byKey.map((t) => t.processInstanceId)).toEqual([a.id]);
    expect(Object.keys(byKey[0].variables)).toEqual(['zone']);
    expect(byDef.map((t) => t.processInstanceId)).toEqual([b.id]);
    expect(byVar.map((t) => t.processInstanceId)).toEqual([b.id]);
    expect(noTenant).toEqual([]);
    // cleanup
    await unlockAll(await fetch({}));
    for (const t of await fetch({})) await kit.rest('POST', `/external-task/${t.id}/complete`, { as: worker, body: { workerId: 'f' } });
  });

  it('usePriority hands out high-priority tasks first; sorting by createTime desc orders ties', async () => {
    // given
    const low1 = await kit.start('lowFlow');
    clock.advance(1000);
    const high = await kit.start('highFlow');
    clock.advance(1000);
    const low2 = await kit.start('lowFlow');
    // when
    const byPriority = await fetch({ usePriority: true, sorting: [{ sortBy: 'createTime', sortOrder: 'desc' }] });
    // then
    expect(byPriority.map((t) => t.processInstanceId)).toEqual([high.id, low2.id, low1.id]);
    expect(byPriority.map((t) => t.priority)).toEqual([90, 10, 10]);
  });

  it('rejects a bad sorting and a missing lockDuration', async () => {
    // when
    const badSort = await kit.rest('POST', '/external-task/fetchAndLock', {
      as: worker,
      body: { workerId: 'f', maxTasks: 1, sorting: [{ sortBy: 'priority', sortOrder: 'asc' }], topics: [{ topicName: 'filtered', lockDuration: 1 }] },
    });
    const noLock = await kit.rest('POST', '/external-task/fetchAndLock', { as: worker, body: { workerId: 'f', maxTasks: 1, topics: [{ topicName: 'filtered' }] } });
    // then
    expect(badSort.status).toBe(400);
    expect(noLock.status).toBe(400);
    expect(noLock.body.type).toBe('InvalidRequestException');
  });
});
