/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of the API under test */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn } from '../engine/testing/bpmn';
import { startEngineServer, until, type EngineKit } from '../engine/testing/engineTestKit';
import { hazardCollection } from '../records/testing/hazardSamples';
import { seedMatrix, type MatrixFixture, type MatrixUser } from '../testing/seedMatrix';

const reportForm = {
  type: 'object',
  properties: {
    title: { type: 'string', title: '隐患名称', 'x-component': 'Input', required: true },
    riskLevel: { type: 'string', title: '等级', enum: ['general', 'major'], 'x-component': 'Radio.Group', required: true },
  },
};

/** report (form) → register the hazard (records worker) → review (user task, waits). */
const reportProcess = bpmn(
  'rpReport',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="report"/>
   <userTask id="report" name="隐患上报" camunda:candidateGroups="safetyOfficer" camunda:formKey="safeflow:forms/rpReport@latest"/>
   <sequenceFlow id="f2" sourceRef="report" targetRef="register"/>
   <serviceTask id="register" name="登记隐患" camunda:type="external" camunda:topic="records">
     <extensionElements><camunda:properties><camunda:property name="collection" value="hazard"/></camunda:properties></extensionElements>
   </serviceTask>
   <sequenceFlow id="f3" sourceRef="register" targetRef="review"/>
   <userTask id="review" name="复核" camunda:candidateGroups="safetyOfficer"/>
   <sequenceFlow id="f4" sourceRef="review" targetRef="end"/>
   <endEvent id="end"/>`,
);

describe('GET /api/v1/records/:collection/:id/process', () => {
  let kit: EngineKit;
  let fx: MatrixFixture;
  let officer: MatrixUser;
  let recordId = '';
  const api = (method: string, path: string, as: MatrixUser, body?: unknown) =>
    kit.server.request(method, `/api/v1${path}`, { body, headers: { authorization: `Bearer ${as.token}` } });

  beforeAll(async () => {
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    kit = await startEngineServer();
    fx = await seedMatrix(kit.server, { prefix: 'rp' });
    officer = fx.user('safetyOfficer', 1);
    for (const [kind, key, content] of [['form', 'rpReport', reportForm], ['collection', 'hazard', hazardCollection]] as const) {
      expect((await api('POST', `/definitions/${kind}`, officer, { key, name: key, content })).status).toBe(201);
      expect((await api('POST', `/definitions/${kind}/${key}/publish`, officer, {})).status).toBe(200);
    }
    expect((await kit.deploy({ 'report.bpmn': reportProcess }, { 'tenant-id': fx.orgs.C.id })).status).toBe(200);
    const started = await kit.server.request('POST', `/engine-rest/process-definition/key/rpReport/tenant-id/${fx.orgs.C.id}/start`, {
      body: {},
      headers: { authorization: `Bearer ${officer.token}` },
    });
    expect(started.status, started.text).toBe(200);
    const inbox = await api('GET', '/tasks', officer);
    const task = inbox.body.items.find((t: any) => t.processInstanceId === started.body.id);
    const submitted = await api('POST', `/tasks/${task.id}/submit`, officer, { values: { title: '配电箱未接地', riskLevel: 'major' } });
    expect(submitted.status, submitted.text).toBe(201);
    recordId = await until(async () => {
      const rows = await kit.deps.db.query<{ id: string }>("SELECT id FROM record WHERE collection_key = 'hazard'");
      return rows[0]?.id;
    });
    await until(async () => (await api('GET', '/tasks', officer)).body.items.find((t: any) => t.taskDefinitionKey === 'review'));
  });
  afterAll(async () => {
    await kit.close();
    delete process.env.SAFEFLOW_INPROCESS_WORKERS;
  });

  it('answers the diagram with the current step active and the passed ones completed', async () => {
    // when
    const res = await api('GET', `/records/hazard/${recordId}/process`, officer);
    // then
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ definitionKey: 'rpReport', ended: false, active: ['review'] });
    expect(res.body.completed).toEqual(expect.arrayContaining(['start', 'report', 'register']));
    expect(res.body.xml).toContain('<userTask id="review"');
  });

  it('hides the record (and its process) from another enterprise', async () => {
    // when
    const res = await api('GET', `/records/hazard/${recordId}/process`, fx.user('safetyOfficer', 2));
    // then
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('record.not_found');
  });
});
