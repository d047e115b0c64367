/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn } from '../testing/bpmn';
import { startEngineServer, type Creds, type EngineKit } from '../testing/engineTestKit';

const report = bpmn(
  'hazardReport',
  `<startEvent id="start" camunda:initiator="reporter"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="followUp"/>
   <userTask id="followUp" camunda:assignee="\${reporter}"/>`,
);

describe('StartInstanceCommand over REST', () => {
  let kit: EngineKit;
  let officer: Creds;
  beforeAll(async () => {
    kit = await startEngineServer();
    const tenant = await kit.createTenant('Enterprise A');
    officer = await kit.createUser('officerA', { tenantId: tenant, role: 'safetyOfficer' });
    const dep = await kit.deploy({ 'report.bpmn': report }, { 'tenant-id': tenant });
    expect(dep.status).toBe(200);
  });
  afterAll(async () => {
    await kit.close();
  });

  it('camunda:initiator: the authenticated user of the start call becomes the variable (and can be the assignee)', async () => {
    // when
    const byOfficer = await kit.rest('POST', '/process-definition/key/hazardReport/start', {
      as: officer,
      body: { withVariablesInReturn: true },
    });
    const byAdmin = await kit.rest('POST', '/process-definition/key/hazardReport/start', { body: {} });
    // then
    expect(byOfficer.status).toBe(200);
    expect(byOfficer.body.variables.reporter).toEqual({ type: 'String', value: 'officerA', valueInfo: {} });
    const [task] = (await kit.rest('GET', `/task?processInstanceId=${byOfficer.body.id}`, { as: officer }))
      .body as any[];
    expect(task.assignee).toBe('officerA');
    const adminVar = await kit.rest('GET', `/process-instance/${byAdmin.body.id}/variables/reporter`);
    expect(adminVar.body).toMatchObject({ type: 'String', value: 'admin' });
  });

  it('camunda:initiator: a start variable of the same name overrides the authenticated user (Camunda sets the initiator first)', async () => {
    // when
    const res = await kit.rest('POST', '/process-definition/key/hazardReport/start', {
      as: officer,
      body: { variables: { reporter: { value: 'deputy', type: 'String' } }, withVariablesInReturn: true },
    });
    // then
    expect(res.status).toBe(200);
    expect(res.body.variables.reporter.value).toBe('deputy');
  });
});
