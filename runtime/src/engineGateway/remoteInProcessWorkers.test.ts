import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn } from '../engine/testing/bpmn';
import { until } from '../engine/testing/engineTestKit';
import { startRemoteEnginePair, type RemoteEnginePair } from './testing/remoteEnginePair';

const lec = JSON.parse(readFileSync(new URL('../../../definitions/safety/rules/safety.lec.json', import.meta.url), 'utf8')).content;

/** start → LEC grading (topic `rules`, ruleset stored on node B) → acknowledgement → end. */
const graded = bpmn(
  'gradedRemote',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="grade"/>
   <businessRuleTask id="grade" name="LEC 定级" camunda:type="external" camunda:topic="rules">
     <extensionElements><camunda:properties><camunda:property name="ruleset" value="safety.lec@1"/></camunda:properties></extensionElements>
   </businessRuleTask>
   <sequenceFlow id="f2" sourceRef="grade" targetRef="ack"/>
   <userTask id="ack" name="Acknowledge"/>
   <sequenceFlow id="f3" sourceRef="ack" targetRef="end"/>
   <endEvent id="end"/>`,
);

describe("node B's in-process rules worker serves the remote engine (ENGINE_URL)", () => {
  let pair: RemoteEnginePair;
  beforeAll(async () => {
    pair = await startRemoteEnginePair({ inProcessWorkersOnB: true });
  });
  afterAll(async () => {
    await pair?.close();
  });

  it("grades a business-rule task on A with B's ruleset, resolved for the task's tenant, and logs the decision on B", async () => {
    // given: the ruleset published on B by the tenant's safety officer; the process deployed through B for that tenant
    const tenant = await pair.createTenantOnB('企业丙');
    const officer = await pair.createUserOnB('officer-c', tenant, 'safetyOfficer');
    expect((await pair.api('POST', '/definitions/ruleset', officer, { key: 'safety.lec', name: 'LEC', content: lec })).status).toBe(201);
    expect((await pair.api('POST', '/definitions/ruleset/safety.lec/publish', officer, {})).status).toBe(200);
    await pair.remote.deploy({ name: 'graded', tenantId: tenant, resources: [{ name: 'graded.bpmn', content: graded }] });

    // when: L=6, E=6, C=15 → D = 540 → major
    const pi = await pair.remote.startProcess({ key: 'gradedRemote', variables: { L: 6, E: 6, C: 15 } });
    const task = await until(async () => (await pair.remote.listTasks({ processInstanceId: pi.id, firstResult: 0, maxResults: 1 }))[0]);

    // then
    expect(task.taskDefinitionKey).toBe('ack');
    expect(await pair.remote.getProcessVariables(pi.id)).toMatchObject({ riskLevel: 'major', riskValue: 540, rulesetVersion: 1 });
    const [decision] = await pair.b.runtime.deps.db.query<{ ruleset_key: string; tenant_id: string | null }>(
      'SELECT ruleset_key, tenant_id FROM decision_log WHERE process_instance_id = ?',
      [pi.id],
    );
    expect(decision).toEqual({ ruleset_key: 'safety.lec', tenant_id: tenant });
    const [onA] = await pair.a.deps.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM decision_log');
    expect(Number(onA!.n)).toBe(0);
  });
});
