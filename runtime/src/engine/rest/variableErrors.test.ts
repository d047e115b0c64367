/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, oneExternalTask } from '../testing/bpmn';
import { startEngineServer, type Creds, type EngineKit } from '../testing/engineTestKit';

const userTaskProcess = bpmn(
  'veUser',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
   <userTask id="review" name="Review"/>
   <sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
   <endEvent id="end"/>`,
);

const jsonUpper = { x: { value: '{}', type: 'JSON' } };

describe("wrong variable types get Camunda's status, type and message on every endpoint; nothing changes", () => {
  let kit: EngineKit;
  let worker: Creds;
  beforeAll(async () => {
    kit = await startEngineServer();
    expect(
      (await kit.deploy({ 'u.bpmn': userTaskProcess, 'e.bpmn': oneExternalTask('veExt', 'veTopic') })).status,
    ).toBe(200);
    worker = await kit.workerCredential(['veTopic']);
  });
  afterAll(async () => {
    await kit.close();
  });
  const instanceState = async (id: string) =>
    kit.deps.db.query<any>('SELECT revision, state FROM process_instance WHERE id = ?', [id]);

  it('external-task complete: 400 RestException, not wrapped (ExternalTaskResourceImpl)', async () => {
    // given
    const pi = await kit.start('veExt');
    const fetched = await kit.rest('POST', '/external-task/fetchAndLock', {
      as: worker,
      body: { workerId: 've', maxTasks: 1, topics: [{ topicName: 'veTopic', lockDuration: 10_000 }] },
    });
    const before = await instanceState(pi.id);
    // when
    const res = await kit.rest('POST', `/external-task/${fetched.body[0].id}/complete`, {
      as: worker,
      body: { workerId: 've', variables: jsonUpper },
    });
    // then
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ type: 'RestException', message: "Unsupported value type 'JSON'" });
    expect(await instanceState(pi.id)).toEqual(before);
  });

  it('task complete and submit-form: 400 InvalidRequestException "Cannot complete task <id>: ..." (TaskResourceImpl)', async () => {
    // given
    const pi = await kit.start('veUser');
    const [task] = (await kit.rest('GET', `/task?processInstanceId=${pi.id}`)).body as any[];
    const before = await instanceState(pi.id);
    // when
    const complete = await kit.rest('POST', `/task/${task.id}/complete`, { body: { variables: jsonUpper } });
    const submit = await kit.rest('POST', `/task/${task.id}/submit-form`, {
      body: { variables: { n: { value: 'twelve', type: 'Integer' } } },
    });
    // then
    expect(complete.status).toBe(400);
    expect(complete.body).toEqual({
      type: 'InvalidRequestException',
      message: `Cannot complete task ${task.id}: Unsupported value type 'JSON'`,
    });
    expect(submit.status).toBe(400);
    expect(submit.body).toEqual({
      type: 'InvalidRequestException',
      message: `Cannot submit task form ${task.id}: Cannot convert value 'twelve' of type 'Integer' to java type java.lang.Integer`,
    });
    expect(await instanceState(pi.id)).toEqual(before);
    expect((await kit.rest('GET', `/task/${task.id}`)).status).toBe(200);
  });

  it('process-instance variables: modify and put wrap as AbstractVariablesResource does', async () => {
    // given
    const pi = await kit.start('veUser');
    const before = await instanceState(pi.id);
    // when
    const modify = await kit.rest('POST', `/process-instance/${pi.id}/variables`, {
      body: { modifications: jsonUpper },
    });
    const put = await kit.rest('PUT', `/process-instance/${pi.id}/variables/when`, {
      body: { value: 'not a date', type: 'Date' },
    });
    // then
    expect(modify.status).toBe(400);
    expect(modify.body).toEqual({
      type: 'InvalidRequestException',
      message: "Cannot modify variables for process instance: Unsupported value type 'JSON'",
    });
    expect(put.status).toBe(400);
    expect(put.body).toEqual({
      type: 'InvalidRequestException',
      message:
        "Cannot put process instance variable when: Cannot convert value 'not a date' of type 'Date' to java type java.util.Date",
    });
    expect(await instanceState(pi.id)).toEqual(before);
  });

  it('message: "Cannot deliver message: ..." (MessageRestServiceImpl)', async () => {
    // when
    const res = await kit.rest('POST', '/message', {
      body: { messageName: 'nobody', processVariables: jsonUpper },
    });
    // then
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      type: 'InvalidRequestException',
      message: "Cannot deliver message: Unsupported value type 'JSON'",
    });
  });

  it('start: "Cannot instantiate process definition <id>: ..." and no instance is created', async () => {
    // given
    const before = (await kit.rest('GET', '/process-instance/count?processDefinitionKey=veUser')).body.count;
    const def = (await kit.rest('GET', '/process-definition/key/veUser')).body;
    // when
    const res = await kit.rest('POST', '/process-definition/key/veUser/start', {
      body: { variables: jsonUpper },
    });
    // then
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      type: 'InvalidRequestException',
      message: `Cannot instantiate process definition ${def.id}: Unsupported value type 'JSON'`,
    });
    expect((await kit.rest('GET', '/process-instance/count?processDefinitionKey=veUser')).body.count).toBe(
      before,
    );
  });
});
