/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn } from './testing/bpmn';
import { startEngineServer, type Creds, type EngineKit } from './testing/engineTestKit';

const BRANCHES = 8;
const parallelWork = bpmn(
  'ccParallel',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
   <serviceTask id="work" camunda:type="external" camunda:topic="ccWork">
     <multiInstanceLoopCharacteristics><loopCardinality>${BRANCHES}</loopCardinality></multiInstanceLoopCharacteristics>
   </serviceTask>
   <sequenceFlow id="f2" sourceRef="work" targetRef="end"/>
   <endEvent id="end"/>`,
);

describe('concurrent completes of parallel branches of one instance', () => {
  let kit: EngineKit;
  let worker: Creds;
  beforeAll(async () => {
    kit = await startEngineServer();
    expect((await kit.deploy({ 'p.bpmn': parallelWork })).status).toBe(200);
    worker = await kit.workerCredential(['ccWork']);
  });
  afterAll(async () => {
    await kit.close();
  });

  it('all succeed: a command that loses the race on the instance row is re-run, not answered with OptimisticLockingException', async () => {
    // given: eight locked external tasks of one instance
    const pi = await kit.start('ccParallel');
    const fetched = await kit.rest('POST', '/external-task/fetchAndLock', {
      as: worker,
      body: { workerId: 'cc', maxTasks: BRANCHES, topics: [{ topicName: 'ccWork', lockDuration: 60_000 }] },
    });
    expect(fetched.body).toHaveLength(BRANCHES);
    // when: all are completed at the same time
    const results = await Promise.all(
      (fetched.body as any[]).map((t, i) =>
        kit.rest('POST', `/external-task/${t.id}/complete`, {
          as: worker,
          body: { workerId: 'cc', localVariables: { n: { value: i, type: 'Integer' } } },
        }),
      ),
    );
    // then: every complete is a 204 and the instance ran to its end once
    expect(results.map((r) => `${r.status} ${r.text}`)).toEqual(
      Array.from({ length: BRANCHES }, () => '204 '),
    );
    const hist = await kit.rest('GET', `/history/process-instance/${pi.id}`);
    expect(hist.body.state).toBe('COMPLETED');
    const works = await kit.rest(
      'GET',
      `/history/activity-instance?processInstanceId=${pi.id}&activityId=work&activityType=serviceTask`,
    );
    expect((works.body as any[]).filter((a) => a.endTime)).toHaveLength(BRANCHES);
    const ends = await kit.rest(
      'GET',
      `/history/activity-instance?processInstanceId=${pi.id}&activityId=end`,
    );
    expect(ends.body).toHaveLength(1);
  });
});
