/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn } from '../testing/bpmn';
import { startEngineServer, type EngineKit } from '../testing/engineTestKit';

/** start → call activity of a key nobody deployed. */
const callsNothing = bpmn(
  'ifCallsNothing',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="call"/>
   <callActivity id="call" calledElement="ifNeverDeployed"/>
   <sequenceFlow id="f2" sourceRef="call" targetRef="end"/>
   <endEvent id="end"/>`,
);

/** start → a gateway whose condition reads a variable the start does not give. */
const needsLevel = bpmn(
  'ifNeedsLevel',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="gw"/>
   <exclusiveGateway id="gw"/>
   <sequenceFlow id="f2" sourceRef="gw" targetRef="end"><conditionExpression xsi:type="tFormalExpression">\${level == 'major'}</conditionExpression></sequenceFlow>
   <endEvent id="end"/>`,
);

describe('POST /process-definition/.../start failures (Camunda: "Cannot instantiate process definition <id>: <cause>")', () => {
  let kit: EngineKit;
  const ids: Record<string, string> = {};
  const rowCount = async (table: string) =>
    Number((await kit.deps.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n);
  beforeAll(async () => {
    kit = await startEngineServer();
    const dep = await kit.deploy({ 'nothing.bpmn': callsNothing, 'level.bpmn': needsLevel });
    expect(dep.status).toBe(200);
    for (const d of Object.values(dep.body.deployedProcessDefinitions) as any[]) ids[d.key] = d.id;
  });
  afterAll(async () => {
    await kit.close();
  });

  it('a call activity whose called definition is missing: 500 RestException wrapping the NullValueException, by key and by id; nothing stored', async () => {
    // given
    const before = [await rowCount('process_instance'), await rowCount('hist_process_instance')];
    // when
    const byKey = await kit.rest('POST', '/process-definition/key/ifCallsNothing/start', { body: {} });
    const byId = await kit.rest('POST', `/process-definition/${ids.ifCallsNothing}/start`, { body: {} });
    // then
    const expected = {
      type: 'RestException',
      message: `Cannot instantiate process definition ${ids.ifCallsNothing}: no processes deployed with key 'ifNeverDeployed' and tenant-id 'null': processDefinition is null`,
    };
    expect(byKey.status).toBe(500);
    expect(byKey.body).toEqual(expected);
    expect(byId.status).toBe(500);
    expect(byId.body).toEqual(expected);
    expect([await rowCount('process_instance'), await rowCount('hist_process_instance')]).toEqual(before);
  });

  it('an expression failing while the instance runs: 500 RestException with the engine message', async () => {
    // when
    const res = await kit.rest('POST', '/process-definition/key/ifNeedsLevel/start', { body: {} });
    // then
    expect(res.status).toBe(500);
    expect(res.body.type).toBe('RestException');
    expect(res.body.message).toMatch(
      new RegExp(`^Cannot instantiate process definition ${ids.ifNeedsLevel}: .*level`),
    );
  });

  it('a variable of an unsupported type: 400 InvalidRequestException, wrapped the same way', async () => {
    // when
    const res = await kit.rest('POST', '/process-definition/key/ifNeedsLevel/start', {
      body: { variables: { level: { value: '{}', type: 'JSON' } } },
    });
    // then
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('InvalidRequestException');
    expect(res.body.message).toMatch(
      new RegExp(
        `^Cannot instantiate process definition ${ids.ifNeedsLevel}: .*Unsupported value type 'JSON'$`,
      ),
    );
  });

  it('a caller without a start permission still gets the plain 403 AuthorizationException', async () => {
    // given: a worker credential (topics only, no start permission)
    const worker = await kit.workerCredential(['if-topic']);
    // when
    const res = await kit.rest('POST', `/process-definition/${ids.ifNeedsLevel}/start`, {
      as: worker,
      body: {},
    });
    // then
    expect(res.status).toBe(403);
    expect(res.body.type).toBe('AuthorizationException');
    expect(res.body.message).not.toMatch(/Cannot instantiate/);
  });
});
