import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn } from '../engine/testing/bpmn';
import { hazardCollection } from '../records/testing/hazardSamples';
import { startEngineServer, until, type Creds, type EngineKit } from '../engine/testing/engineTestKit';

const lec = JSON.parse(readFileSync(new URL('../../../definitions/safety/rules/safety.lec.json', import.meta.url), 'utf8')).content;

/** 风险评估确认 — the safety officer confirms the graded risk and picks the control measure. */
const assessForm = {
  type: 'object',
  properties: {
    decision: { type: 'string', title: '处置决定', enum: ['accept', 'rectify'], 'x-component': 'Radio.Group', required: true },
    measures: { type: 'string', title: '管控措施', 'x-component': 'Input.TextArea', required: true },
  },
};

/** start → LEC grading (business-rule task on topic `rules`) → form-bound assessment → hazard record (topic `records`) → end. */
const assessProcess = bpmn(
  'riskAssessment',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="grade"/>
   <businessRuleTask id="grade" name="LEC 定级" camunda:type="external" camunda:topic="rules">
     <extensionElements><camunda:properties><camunda:property name="ruleset" value="safety.lec@1"/></camunda:properties></extensionElements>
   </businessRuleTask>
   <sequenceFlow id="f2" sourceRef="grade" targetRef="assess"/>
   <userTask id="assess" name="风险评估确认" camunda:candidateGroups="safetyOfficer" camunda:formKey="safeflow:forms/riskAssess@latest"/>
   <sequenceFlow id="f3" sourceRef="assess" targetRef="register"/>
   <serviceTask id="register" name="登记隐患" camunda:type="external" camunda:topic="records">
     <extensionElements><camunda:properties><camunda:property name="collection" value="hazard"/><camunda:property name="action" value="create"/></camunda:properties></extensionElements>
   </serviceTask>
   <sequenceFlow id="f4" sourceRef="register" targetRef="end"/>
   <endEvent id="end"/>`,
);

describe('a process with a rules task, a form-bound user task and a records task (in-process workers, real client)', () => {
  let kit: EngineKit;
  let officer: Creds;
  let outsider: Creds;
  const api = (method: string, path: string, as: Creds, body?: unknown) =>
    kit.server.request(method, `/api/v1${path}`, { body, headers: { authorization: `Basic ${Buffer.from(`${as.username}:${as.password}`).toString('base64')}` } });

  beforeAll(async () => {
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    kit = await startEngineServer();
    const tenant = await kit.createTenant('企业A');
    const other = await kit.createTenant('企业B');
    officer = await kit.createUser('officer', { tenantId: tenant, role: 'safetyOfficer' });
    outsider = await kit.createUser('outsider', { tenantId: other, role: 'safetyOfficer' });
    for (const [kind, key, content] of [['ruleset', 'safety.lec', lec], ['form', 'riskAssess', assessForm], ['collection', 'hazard', hazardCollection]] as const) {
      const c = await api('POST', `/definitions/${kind}`, officer, { key, name: key, content });
      expect(c.status, c.text).toBe(201);
      const p = await api('POST', `/definitions/${kind}/${key}/publish`, officer, {});
      expect(p.status, p.text).toBe(200);
    }
    const dep = await kit.deploy({ 'risk.bpmn': assessProcess }, { 'tenant-id': tenant });
    expect(dep.status, dep.text).toBe(200);
  });
  afterAll(async () => {
    await kit.close();
    delete process.env.SAFEFLOW_INPROCESS_WORKERS;
  });

  it('turns a rules task with a fact outside the value table into an incident at once, with the error code in the message', async () => {
    // given L = 4, which the LEC value table does not allow
    const pi = await kit.start(
      'riskAssessment',
      { variables: { L: { value: 4, type: 'Integer' }, E: { value: 6, type: 'Integer' }, C: { value: 15, type: 'Integer' } } },
      officer,
    );
    // when the in-process rules worker has handled the task
    const incident = await until(async () => (await kit.deps.db.query<{ type: string; message: string }>('SELECT type, message FROM incident WHERE process_instance_id = ?', [pi.id]))[0]);
    // then the task is out of retries, nothing was decided, and no user task appeared
    expect(incident.type).toBe('failedExternalTask');
    expect(incident.message).toMatch(/^rules\.invalid_fact: /);
    const [ext] = await kit.deps.db.query<{ retries: number; topic_name: string }>('SELECT retries, topic_name FROM external_task WHERE process_instance_id = ?', [pi.id]);
    expect(ext).toMatchObject({ retries: 0, topic_name: 'rules' });
    expect(await kit.deps.db.query('SELECT * FROM decision_log WHERE process_instance_id = ?', [pi.id])).toEqual([]);
    expect((await kit.rest('GET', `/task?processInstanceId=${pi.id}`, { as: officer })).body).toEqual([]);
  });

  it('grades with the ruleset, completes the user task through the form, registers the hazard, and ends', async () => {
    // given: L=6 (相当可能), E=6 (每天工作时间内暴露), C=15 (非常严重) → D = 540 → 重大
    const pi = await kit.start(
      'riskAssessment',
      { variables: { L: { value: 6, type: 'Integer' }, E: { value: 6, type: 'Integer' }, C: { value: 15, type: 'Integer' }, title: { value: '储罐区静电接地失效', type: 'String' } } },
      officer,
    );
    const task = await until(async () => (await kit.rest('GET', `/task?processInstanceId=${pi.id}`, { as: officer })).body[0]);
    const vars = (await kit.rest('GET', `/process-instance/${pi.id}/variables`, { as: officer })).body;
    expect(vars.riskLevel.value).toBe('major');
    expect(vars.riskValue.value).toBe(540);
    expect(vars.rulesetVersion.value).toBe(1);
    const [decision] = await kit.deps.db.query<{ ruleset_key: string; ruleset_version: number; outputs: string }>('SELECT * FROM decision_log WHERE process_instance_id = ?', [pi.id]);
    expect(decision).toMatchObject({ ruleset_key: 'safety.lec', ruleset_version: 1 });
    expect(JSON.parse(decision!.outputs).riskLevel).toBe('major');

    // when: an invalid submission, someone of another tenant, then a valid one
    const invalid = await api('POST', `/tasks/${task.id}/submit`, officer, { values: { decision: 'ignore' } });
    const foreign = await api('POST', `/tasks/${task.id}/submit`, outsider, { values: { decision: 'rectify', measures: '停产整改' } });
    const ok = await api('POST', `/tasks/${task.id}/submit`, officer, { values: { decision: 'rectify', measures: '停产整改，设置警示标志' } });

    // then
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('submission.invalid');
    expect(invalid.body.details.errors.map((e: { path: string }) => e.path).sort()).toEqual(['decision', 'measures']);
    expect(foreign.status).toBe(404);
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body).toMatchObject({ taskId: task.id, formKey: 'riskAssess', formVersion: 1 });
    const history = await until(async () => {
      const h = await kit.rest('GET', `/history/process-instance?processInstanceId=${pi.id}`);
      return h.body[0]?.state === 'COMPLETED' ? h : undefined;
    });
    expect(history.status, history.text).toBe(200);
    expect(history.body[0], JSON.stringify(history.body)).toMatchObject({ state: 'COMPLETED', endActivityId: 'end' });
    expect((await kit.rest('GET', `/task?processInstanceId=${pi.id}`, { as: officer })).body).toEqual([]);
    const hvars = await kit.rest('GET', `/history/variable-instance?processInstanceId=${pi.id}`);
    const byName = Object.fromEntries((hvars.body as Array<{ name: string; value: unknown }>).map((v) => [v.name, v.value]));
    expect(byName).toMatchObject({ decision: 'rectify', submissionId: ok.body.submissionId, riskLevel: 'major' });
    const record = await api('GET', `/records/hazard/${byName.recordId}`, officer);
    expect(record.status, record.text).toBe(200);
    expect(record.body).toMatchObject({ status: 'reported', data: { title: '储罐区静电接地失效', riskLevel: 'major' } });
    const sub = await api('GET', `/submissions/${ok.body.submissionId}`, officer);
    expect(sub.body).toMatchObject({ taskId: task.id, data: { decision: 'rectify' } });
  });

  it('evaluates the ruleset for the designer test panel without logging a decision', async () => {
    // given
    const before = await kit.deps.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM decision_log');
    // when
    const res = await api('POST', '/rulesets/safety.lec/evaluate', officer, { facts: { L: 1, E: 10, C: 7 } });
    // then
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ version: 1, outputs: { riskValue: 70, riskLevel: 'low', riskColor: 'blue' } });
    const after = await kit.deps.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM decision_log');
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n));
  });
});
