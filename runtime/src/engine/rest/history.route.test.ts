/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/FakeClock';
import { bpmn } from '../testing/bpmn';
import { startEngineServer, type EngineKit } from '../testing/engineTestKit';

/** start → external task `hq-work` → user task `approve` → end. */
const flow = bpmn(
  'hqFlow',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
   <serviceTask id="work" name="Score" camunda:type="external" camunda:topic="hq-work"/>
   <sequenceFlow id="f2" sourceRef="work" targetRef="approve"/>
   <userTask id="approve" name="Approve"/>
   <sequenceFlow id="f3" sourceRef="approve" targetRef="end"/>
   <endEvent id="end"/>`,
);

describe('/history/*: Camunda query parameters over history', () => {
  let kit: EngineKit;
  const pi: Record<string, any> = {};
  let task1: string;
  let task2: string;
  beforeAll(async () => {
    const clock = new FakeClock('2026-11-28T08:00:00.000Z');
    kit = await startEngineServer({ clock });
    expect((await kit.deploy({ 'hq.bpmn': flow })).status).toBe(200);
    const worker = await kit.workerCredential(['hq-work']);
    const fetchOne = async (businessKey: string) =>
      (await kit.rest('POST', '/external-task/fetchAndLock', { as: worker, body: { workerId: 'hq', maxTasks: 1, topics: [{ topicName: 'hq-work', lockDuration: 60_000, businessKey }] } }))
        .body[0];
    // h-1 08:00 → work done 08:05 → approve by alice 08:10: finished after 10 minutes
    pi.h1 = await kit.start('hqFlow', { businessKey: 'h-1', variables: { level: { value: 'major', type: 'String' }, score: { value: 80, type: 'Integer' } } });
    clock.set('2026-11-28T08:01:00.000Z');
    // h-2 08:01 → work fails with no retries left: an open incident, unfinished
    pi.h2 = await kit.start('hqFlow', { businessKey: 'h-2', variables: { level: { value: 'minor', type: 'String' }, note: { value: 'temp', type: 'String' } } });
    clock.set('2026-11-28T08:02:00.000Z');
    // x-3 08:02 → deleted 08:03: externally terminated
    pi.x3 = await kit.start('hqFlow', { businessKey: 'x-3' });
    clock.set('2026-11-28T08:03:00.000Z');
    expect((await kit.rest('DELETE', `/process-instance/${pi.x3.id}`)).status).toBe(204);
    clock.set('2026-11-28T08:05:00.000Z');
    const w1 = await fetchOne('h-1');
    expect((await kit.rest('POST', `/external-task/${w1.id}/complete`, { as: worker, body: { workerId: 'hq' } })).status).toBe(204);
    const w2 = await fetchOne('h-2');
    await kit.rest('POST', `/external-task/${w2.id}/failure`, { as: worker, body: { workerId: 'hq', errorMessage: 'no score', retries: 0, retryTimeout: 0 } });
    await kit.rest('POST', `/process-instance/${pi.h2.id}/variables`, { body: { deletions: ['note'] } });
    [task1] = (await kit.rest('GET', `/task?processInstanceId=${pi.h1.id}`)).body.map((t: any) => t.id);
    await kit.rest('POST', `/task/${task1}/assignee`, { body: { userId: 'alice' } });
    clock.set('2026-11-28T08:10:00.000Z');
    expect((await kit.rest('POST', `/task/${task1}/complete`, { body: {} })).status).toBe(204);
    // a second task, still open, for bob
    pi.h4 = await kit.start('hqFlow', { businessKey: 'h-4' });
    const w4 = await fetchOne('h-4');
    await kit.rest('POST', `/external-task/${w4.id}/complete`, { as: worker, body: { workerId: 'hq' } });
    [task2] = (await kit.rest('GET', `/task?processInstanceId=${pi.h4.id}`)).body.map((t: any) => t.id);
    await kit.rest('POST', `/task/${task2}/assignee`, { body: { userId: 'bob' } });
  });
  afterAll(async () => {
    await kit.close();
  });
  const get = async (path: string) => {
    const res = await kit.rest('GET', path);
    expect(res.status, `${path}: ${res.text}`).toBe(200);
    return res.body as any[];
  };
  const keys = async (query: string) => (await get(`/history/process-instance?${query}&sortBy=businessKey&sortOrder=asc`)).map((p) => p.businessKey);

  it('/history/process-instance: ids, keys, business keys, finished/unfinished, started/finished bounds, incidents, state, variables', async () => {
    // when / then
    expect(await keys(`processInstanceId=${pi.h1.id}`)).toEqual(['h-1']);
    expect(await keys(`processInstanceIds=${pi.h1.id},${pi.x3.id}`)).toEqual(['h-1', 'x-3']);
    expect(await keys('processDefinitionKey=hqFlow')).toEqual(['h-1', 'h-2', 'h-4', 'x-3']);
    expect(await keys('processDefinitionKeyIn=hqFlow,other&processInstanceBusinessKey=h-2')).toEqual(['h-2']);
    expect(await keys('processInstanceBusinessKeyLike=h-%25')).toEqual(['h-1', 'h-2', 'h-4']);
    expect(await keys('finished=true')).toEqual(['h-1', 'x-3']);
    expect(await keys('unfinished=true')).toEqual(['h-2', 'h-4']);
    expect(await keys('startedBefore=2026-11-28T08:01:00.000%2B0000')).toEqual(['h-1', 'h-2']);
    expect(await keys('startedAfter=2026-11-28T08:01:00.000%2B0000&startedBefore=2026-11-28T08:02:00.000%2B0000')).toEqual(['h-2', 'x-3']);
    expect(await keys('finishedAfter=2026-11-28T08:05:00.000%2B0000')).toEqual(['h-1']);
    expect(await keys('finishedBefore=2026-11-28T08:05:00.000%2B0000')).toEqual(['x-3']);
    expect(await keys('withIncidents=true')).toEqual(['h-2']);
    expect(await keys('incidentStatus=open')).toEqual(['h-2']);
    expect(await keys('incidentMessageLike=no%25')).toEqual(['h-2']);
    expect(await keys('state=EXTERNALLY_TERMINATED')).toEqual(['x-3']);
    expect(await keys('completed=true')).toEqual(['h-1']);
    expect(await keys('externallyTerminated=true')).toEqual(['x-3']);
    expect(await keys('active=true')).toEqual(['h-2', 'h-4']);
    expect(await keys('variables=level_eq_major')).toEqual(['h-1']);
    expect(await keys('variables=note_eq_temp')).toEqual([]); // deleted
    const durations = await get('/history/process-instance?finished=true&sortBy=duration&sortOrder=desc');
    expect(durations.map((p) => [p.businessKey, p.durationInMillis])).toEqual([
      ['h-1', 600_000],
      ['x-3', 60_000],
    ]);
    const posted = await kit.rest('POST', '/history/process-instance', {
      body: { processInstanceIds: [pi.h1.id, pi.h2.id], variables: [{ name: 'score', operator: 'gt', value: 50 }], sorting: [{ sortBy: 'startTime', sortOrder: 'desc' }] },
    });
    expect(posted.body.map((p: any) => p.businessKey)).toEqual(['h-1']);
    expect((await kit.rest('POST', '/history/process-instance/count', { body: { unfinished: true } })).body).toEqual({ count: 2 });
    expect((await kit.rest('GET', '/history/process-instance/count?finished=true')).body).toEqual({ count: 2 });
    const one = await kit.rest('GET', `/history/process-instance/${pi.x3.id}`);
    expect(one.body).toMatchObject({ id: pi.x3.id, businessKey: 'x-3', state: 'EXTERNALLY_TERMINATED', durationInMillis: 60_000 });
    const none = await kit.rest('GET', '/history/process-instance/nope');
    expect([none.status, none.body]).toEqual([404, { type: 'RestException', message: 'Historic process instance with id nope does not exist' }]);
  });

  it('/history/activity-instance: instance, activity id/type/name, finished/unfinished, canceled, time bounds, sorting', async () => {
    // when
    const ofH1 = await get(`/history/activity-instance?processInstanceId=${pi.h1.id}&sortBy=startTime&sortOrder=asc`);
    const userTasks = await get('/history/activity-instance?activityType=userTask&sortBy=startTime&sortOrder=asc');
    const open = await get('/history/activity-instance?unfinished=true&activityId=approve');
    const canceled = await get('/history/activity-instance?canceled=true');
    const byName = await get('/history/activity-instance?activityNameLike=Sc%25&finished=true&sortBy=endTime&sortOrder=asc');
    const late = await get('/history/activity-instance?startedAfter=2026-11-28T08:05:00.000%2B0000&activityId=approve');
    // then
    expect(ofH1.map((a) => a.activityId)).toEqual(['start', 'work', 'approve', 'end']);
    expect(userTasks.map((a) => a.processInstanceId)).toEqual([pi.h1.id, pi.h4.id]);
    expect(open.map((a) => a.processInstanceId)).toEqual([pi.h4.id]);
    expect(canceled.map((a) => [a.processInstanceId, a.activityId])).toEqual([[pi.x3.id, 'work']]);
    expect(byName.map((a) => a.processInstanceId)).toEqual([pi.x3.id, pi.h1.id, pi.h4.id]);
    expect(late.map((a) => a.processInstanceId).sort()).toEqual([pi.h1.id, pi.h4.id].sort());
    expect((await kit.rest('POST', '/history/activity-instance/count', { body: { processInstanceId: pi.h1.id, activityType: 'userTask' } })).body).toEqual({ count: 1 });
  });

  it('/history/task: task id, instance, assignee (Like), name, definition key, finished/unfinished, business key, sorting', async () => {
    // when / then
    expect((await get(`/history/task?taskId=${task1}`)).map((t) => t.assignee)).toEqual(['alice']);
    expect((await get(`/history/task?processInstanceId=${pi.h4.id}`)).map((t) => t.id)).toEqual([task2]);
    expect((await get('/history/task?taskAssignee=bob')).map((t) => t.id)).toEqual([task2]);
    expect((await get('/history/task?taskAssigneeLike=%25li%25')).map((t) => t.id)).toEqual([task1]);
    expect((await get('/history/task?finished=true')).map((t) => [t.id, t.deleteReason])).toEqual([[task1, 'completed']]);
    expect((await get('/history/task?unfinished=true&taskName=Approve&taskDefinitionKey=approve')).map((t) => t.id)).toEqual([task2]);
    expect((await get('/history/task?processInstanceBusinessKey=h-1')).map((t) => t.id)).toEqual([task1]);
    expect((await get('/history/task?processDefinitionKey=hqFlow&processFinished=true')).map((t) => t.id)).toEqual([task1]);
    expect((await get('/history/task?sortBy=assignee&sortOrder=desc')).map((t) => t.assignee)).toEqual(['bob', 'alice']);
    expect((await kit.rest('POST', '/history/task', { body: { taskAssignee: 'alice' } })).body.map((t: any) => t.id)).toEqual([task1]);
    expect((await kit.rest('GET', '/history/task/count?taskNameLike=App%25')).body).toEqual({ count: 2 });
  });

  it('/history/variable-instance: instance ids, name (Like), value, type, deleted ones on request, sorting', async () => {
    // when / then
    const names = async (query: string) => (await get(`/history/variable-instance?${query}&sortBy=variableName&sortOrder=asc`)).map((v) => v.name);
    expect(await names(`processInstanceId=${pi.h1.id}`)).toEqual(['level', 'score']);
    expect(await names(`processInstanceIdIn=${pi.h1.id},${pi.h2.id}&variableName=level`)).toEqual(['level', 'level']);
    expect(await names(`processInstanceIdIn=${pi.h1.id},${pi.h2.id}&variableNameLike=sc%25`)).toEqual(['score']);
    expect(await names('variableName=level&variableValue=minor')).toEqual(['level']);
    expect(await names(`processInstanceId=${pi.h1.id}&variableTypeIn=Integer`)).toEqual(['score']);
    expect(await names(`processInstanceId=${pi.h2.id}`)).toEqual(['level']);
    expect(await names(`processInstanceId=${pi.h2.id}&includeDeleted=true&deserializeValues=false`)).toEqual(['level', 'note']);
    const posted = await kit.rest('POST', '/history/variable-instance', { body: { processInstanceIdIn: [pi.h1.id], variableName: 'score' } });
    expect(posted.body).toEqual([expect.objectContaining({ name: 'score', type: 'Integer', value: 80, processInstanceId: pi.h1.id })]);
    expect((await kit.rest('GET', `/history/variable-instance/count?processInstanceIdIn=${pi.h1.id},${pi.h2.id}`)).body).toEqual({ count: 3 });
    expect((await kit.rest('GET', '/history/variable-instance?deserializeValues=perhaps')).status).toBe(400);
  });
});
