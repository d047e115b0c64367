/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn } from '../testing/bpmn';
import { startEngineServer, type Creds, type EngineKit } from '../testing/engineTestKit';

/** start → external task with a local input variable `attempt` → end. */
const flow = bpmn(
  'viFlow',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
   <serviceTask id="work" camunda:type="external" camunda:topic="vi-work">
     <extensionElements><camunda:inputOutput><camunda:inputParameter name="attempt">first</camunda:inputParameter></camunda:inputOutput></extensionElements>
   </serviceTask>
   <sequenceFlow id="f2" sourceRef="work" targetRef="end"/>
   <endEvent id="end"/>`,
);

describe('/variable-instance: runtime variables of running instances', () => {
  let kit: EngineKit;
  let tenantA: string;
  let adminA: Creds;
  const pi: Record<string, any> = {};
  beforeAll(async () => {
    kit = await startEngineServer();
    tenantA = await kit.createTenant('Variables A');
    const tenantB = await kit.createTenant('Variables B');
    adminA = await kit.createUser('viAdminA', { tenantId: tenantA, role: 'cityBureauAdmin' });
    const adminB = await kit.createUser('viAdminB', { tenantId: tenantB, role: 'cityBureauAdmin' });
    await kit.deploy({ 'vi.bpmn': flow }, { 'tenant-id': tenantA });
    await kit.deploy({ 'vi.bpmn': flow }, { 'tenant-id': tenantB });
    pi.v1 = await kit.start(
      'viFlow',
      {
        variables: {
          level: { value: 'major', type: 'String' },
          score: { value: 80, type: 'Integer' },
          photo: { value: Buffer.from('jpeg bytes').toString('base64'), type: 'File', valueInfo: { filename: 'p.jpg', mimetype: 'image/jpeg' } },
        },
      },
      adminA,
    );
    pi.v2 = await kit.start('viFlow', { variables: { level: { value: 'minor', type: 'String' }, score: { value: 40, type: 'Integer' } } }, adminA);
    pi.b = await kit.start('viFlow', { variables: { level: { value: 'major', type: 'String' }, secret: { value: 'b only', type: 'String' } } }, adminB);
  });
  afterAll(async () => {
    await kit.close();
  });
  const list = async (query: string, as?: Creds) => {
    const res = await kit.rest('GET', `/variable-instance?${query}`, { as });
    expect(res.status, `${query}: ${res.text}`).toBe(200);
    return res.body as any[];
  };

  it('lists process and local variables with Camunda fields; filters by instances, names, values, executions; sorts and pages', async () => {
    // when
    const ofV1 = await list(`processInstanceIdIn=${pi.v1.id}&sortBy=variableName&sortOrder=asc`);
    // then
    expect(ofV1.map((v) => v.name)).toEqual(['attempt', 'level', 'photo', 'score']);
    const level = ofV1.find((v) => v.name === 'level');
    expect(level).toEqual({
      id: expect.any(String),
      name: 'level',
      type: 'String',
      value: 'major',
      valueInfo: {},
      processDefinitionId: pi.v1.definitionId,
      processInstanceId: pi.v1.id,
      executionId: pi.v1.id,
      caseInstanceId: null,
      caseExecutionId: null,
      taskId: null,
      batchId: null,
      activityInstanceId: pi.v1.id,
      errorMessage: null,
      tenantId: tenantA,
    });
    const attempt = ofV1.find((v) => v.name === 'attempt');
    expect(attempt.executionId).not.toBe(pi.v1.id);
    expect(ofV1.find((v) => v.name === 'photo')).toMatchObject({ type: 'File', value: null, valueInfo: { filename: 'p.jpg', mimetype: 'image/jpeg' } });
    const hist = (await kit.rest('GET', `/history/variable-instance?processInstanceId=${pi.v1.id}&variableName=level`)).body;
    expect(level.id).toBe(hist[0].id);

    // when / then
    const both = `processInstanceIdIn=${pi.v1.id},${pi.v2.id}`;
    expect((await list(`${both}&variableName=score&sortBy=variableName&sortOrder=asc`)).map((v) => v.value)).toEqual([80, 40]);
    expect((await list(`${both}&variableNameLike=sc%25`)).map((v) => v.value)).toEqual([80, 40]);
    expect((await list(`${both}&variableValues=level_eq_minor`)).map((v) => v.processInstanceId)).toEqual([pi.v2.id]);
    expect((await list(`${both}&variableValues=score_gt_50`)).map((v) => v.name)).toEqual([]);
    expect((await list(`executionIdIn=${attempt.executionId}`)).map((v) => v.name)).toEqual(['attempt']);
    expect((await list(`activityInstanceIdIn=${attempt.activityInstanceId}`)).map((v) => v.name)).toEqual(['attempt']);
    expect((await list(`${both}&sortBy=variableName&sortOrder=desc&firstResult=1&maxResults=2&deserializeValues=false`)).map((v) => v.name)).toEqual(['score', 'photo']);
    const posted = await kit.rest('POST', '/variable-instance', { body: { processInstanceIdIn: [pi.v1.id, pi.v2.id], variableValues: [{ name: 'score', operator: 'gteq', value: 80 }] } });
    expect(posted.body.map((v: any) => [v.name, v.value])).toEqual([['score', 80]]);
    expect((await kit.rest('GET', `/variable-instance/count?${both}`)).body).toEqual({ count: 7 });
    expect((await kit.rest('POST', '/variable-instance/count', { body: { processInstanceIdIn: [pi.v2.id], variableNameLike: '%t%' } })).body).toEqual({ count: 1 });
  });

  it('serves one variable by id and File content from /data', async () => {
    // given
    const [photo] = await list(`processInstanceIdIn=${pi.v1.id}&variableName=photo`);
    const [score] = await list(`processInstanceIdIn=${pi.v1.id}&variableName=score`);
    // when
    const one = await kit.rest('GET', `/variable-instance/${score.id}`);
    const data = await kit.rest('GET', `/variable-instance/${photo.id}/data`);
    const notBinary = await kit.rest('GET', `/variable-instance/${score.id}/data`);
    const missing = await kit.rest('GET', '/variable-instance/nope');
    // then
    expect(one.body).toMatchObject({ id: score.id, name: 'score', type: 'Integer', value: 80 });
    expect(data.status).toBe(200);
    expect(data.headers.get('content-type')).toBe('image/jpeg');
    expect(data.text).toBe('jpeg bytes');
    expect(notBinary.status).toBe(400);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ type: 'RestException', message: "Variable instance with Id 'nope' does not exist." });
  });

  it('keeps tenants apart and validates sorting', async () => {
    // given
    const [secret] = await list('variableName=secret');
    // when
    const asA = await list('variableName=level', adminA);
    const secretAsA = await kit.rest('GET', `/variable-instance/${secret.id}`, { as: adminA });
    const countAsA = await kit.rest('GET', `/variable-instance/count?processInstanceIdIn=${pi.b.id}`, { as: adminA });
    const badSort = await kit.rest('GET', '/variable-instance?sortBy=value&sortOrder=asc');
    const halfSort = await kit.rest('GET', '/variable-instance?sortBy=variableName');
    // then
    expect(asA.map((v) => v.processInstanceId).sort()).toEqual([pi.v1.id, pi.v2.id].sort());
    expect(secretAsA.status).toBe(404);
    expect(countAsA.body).toEqual({ count: 0 });
    expect(badSort.body).toEqual({ type: 'InvalidRequestException', message: "Cannot set query parameter 'sortBy' to value 'value'" });
    expect(halfSort.status).toBe(400);
  });
});
