import { buildColourPatchModel, cellBox, syntheticPng } from '@safeflow/plugin-ai-detect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContentServer, until, type ContentServer } from './contentServer';
import { entitleAll, eventOf, step } from './dispatchScenario';

const W = 1280;
const H = 720;
const personBox = cellBox(W, H, 640, 32, 6, 8);

/**
 * An AI patrol whose confirmed alarm is an emergency: photo → ai-detect (no-helmet) → review
 * (user task: confirmed, dispatch, where on the plan) → ai-alarm-review → dispatch? →
 * `safety-dispatch` of the pack (source alarm, the alarm as its reference) — the pattern
 * definitions/safety/docs/dispatch.md describes for patrols that dispatch instead of raising a hazard.
 */
const patrolXml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" targetNamespace="https://safeflow.cn/test" id="d">
  <process id="aiPatrolDispatch" name="AI 巡查（告警转调度）" isExecutable="true">
    <startEvent id="start" camunda:initiator="initiator"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="detect"/>
    <serviceTask id="detect" name="AI 识别" camunda:type="external" camunda:topic="ai-detect">
      <extensionElements><camunda:properties><camunda:property name="model" value="ppe"/><camunda:property name="rule" value="no-helmet"/><camunda:property name="source" value="photo"/></camunda:properties></extensionElements>
    </serviceTask>
    <sequenceFlow id="f2" sourceRef="detect" targetRef="anyAlarm"/>
    <exclusiveGateway id="anyAlarm" default="noAlarm"/>
    <sequenceFlow id="yesAlarm" sourceRef="anyAlarm" targetRef="review"><conditionExpression xsi:type="tFormalExpression">\${alarm}</conditionExpression></sequenceFlow>
    <sequenceFlow id="noAlarm" sourceRef="anyAlarm" targetRef="end"/>
    <userTask id="review" name="审核AI告警" camunda:candidateGroups="safetyOfficer"/>
    <sequenceFlow id="f3" sourceRef="review" targetRef="recordReview"/>
    <serviceTask id="recordReview" name="记录审核结果" camunda:type="external" camunda:topic="ai-alarm-review"/>
    <sequenceFlow id="f4" sourceRef="recordReview" targetRef="isDispatch"/>
    <exclusiveGateway id="isDispatch" default="noDispatch"/>
    <sequenceFlow id="toDispatch" sourceRef="isDispatch" targetRef="dispatch"><conditionExpression xsi:type="tFormalExpression">\${confirmed &amp;&amp; dispatch}</conditionExpression></sequenceFlow>
    <sequenceFlow id="noDispatch" sourceRef="isDispatch" targetRef="end"/>
    <callActivity id="dispatch" name="启动指挥调度" calledElement="safety-dispatch">
      <extensionElements>
        <camunda:in source="hazardTitle" target="title"/>
        <camunda:in sourceExpression="alarm" target="source"/>
        <camunda:in source="alarmId" target="sourceRef"/>
        <camunda:in sourceExpression="injury" target="eventType"/>
        <camunda:in source="locationX" target="locationX"/>
        <camunda:in source="locationY" target="locationY"/>
        <camunda:in source="reviewer" target="initiator"/>
      </extensionElements>
    </callActivity>
    <sequenceFlow id="f5" sourceRef="dispatch" targetRef="end"/>
    <endEvent id="end"/>
  </process>
</definitions>`;

describe('AI alarm → command dispatch: a confirmed no-helmet alarm starts safety-dispatch with the alarm as its source, placed on the plan', { timeout: 180_000 }, () => {
  let s: ContentServer;
  beforeAll(async () => {
    s = await startContentServer();
    await entitleAll(s);
    const form = new FormData();
    for (const [k, v] of Object.entries({ orgId: s.orgs.entA.id, key: 'ppe', labels: 'person,safehat', licence: 'test-only', source: 'built by the test' })) form.append(k, v);
    const model = buildColourPatchModel({ classes: [{ label: 'person', colour: 'red', stride: 32 }, { label: 'safehat', colour: 'green', stride: 16 }] });
    form.append('file', new Blob([new Uint8Array(model)]), 'ppe.onnx');
    const imported = await s.request('POST', '/api/v1/ai/models', { headers: { authorization: `Basic ${Buffer.from(`${s.username('safetyA')}:${s.fx.password}`).toString('base64')}` }, rawBody: form });
    expect(imported.status, imported.text).toBe(201);
    await s.publish('districtAdmin', 'process', 'aiPatrolDispatch', { xml: patrolXml }, s.orgs.district.id);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('runs alarm → review (dispatch) → event graded by the rule → order → done → report → closed', async () => {
    // given a photo of a person without a helmet
    const png = await syntheticPng(W, H, [{ colour: 'red', box: personBox }]);
    const up = new FormData();
    up.append('orgId', s.orgs.entA.id);
    up.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'site.png');
    const file = await s.request('POST', '/api/v1/files', { headers: { authorization: `Basic ${Buffer.from(`${s.username('safetyA')}:${s.fx.password}`).toString('base64')}` }, rawBody: up });
    expect(file.status, file.text).toBe(201);
    const pi = await s.startProcess('safetyA', 'aiPatrolDispatch', { photo: file.body.id });
    // when the officer confirms the alarm as an emergency at plan position 300/200
    const review = await s.task(pi, 'review');
    const done = await s.rest('safetyA', 'POST', `/task/${review}/complete`, {
      variables: { confirmed: { value: true, type: 'Boolean' }, dispatch: { value: true, type: 'Boolean' }, reviewer: { value: s.username('safetyA'), type: 'String' }, locationX: { value: 300, type: 'Integer' }, locationY: { value: 200, type: 'Integer' } },
    });
    expect(done.status, done.text).toBe(204);
    // then safety-dispatch runs as a child of the patrol with the alarm as its source
    const [child] = await until(async () => {
      const rows = await s.runtime.deps.db.query<{ id: string }>("SELECT id FROM process_instance WHERE super_instance_id = ? AND definition_key = 'safety-dispatch'", [pi]);
      return rows.length ? rows : undefined;
    });
    const gradeTask = await s.task(child!.id, 'grade');
    const [alarm] = await s.runtime.deps.db.query<{ id: string; status: string }>('SELECT id, status FROM ai_alarm ORDER BY created_at DESC LIMIT 1');
    expect(alarm!.status).toBe('confirmed');
    const [row] = await s.runtime.deps.db.query<{ id: string; data: string }>("SELECT id, data FROM record WHERE collection_key = 'safety_emergency_event'");
    expect(JSON.parse(row!.data)).toMatchObject({ source: 'alarm', sourceRef: alarm!.id, eventType: 'injury', locationX: 300, locationY: 200, suggestedGrade: 'IV', reporter: s.username('safetyA') });
    // and it is on the dispatch layer, then runs to its end
    const layer = await s.api('safetyA', 'GET', `/dispatch/layer?orgId=${s.orgs.entA.id}`);
    expect(layer.body.features).toEqual([expect.objectContaining({ id: `event:${row!.id}`, coords: [[300, 200]], status: 'reported' })]);
    await s.submit('safetyA', gradeTask, { grade: 'IV' });
    await s.submit('safetyA', await s.task(child!.id, 'dispatch'), { orders: [{ resourceKind: 'team', resourceName: '班组安全员', leader: s.username('workerA'), task: '现场纠正未戴安全帽作业', baseX: 260, baseY: 150 }] });
    const order = await until(async () => {
      const e = await eventOf(s, row!.id);
      return e.event.status === 'handling' ? e.orders[0] : undefined;
    });
    let cur = order;
    for (const to of ['accepted', 'en_route', 'on_site', 'done']) {
      const r = await step(s, 'workerA', row!.id, cur, to);
      expect(r.status, r.text).toBe(200);
      cur = r.body;
    }
    await s.submit('safetyA', await s.task(child!.id, 'review'), { summary: '已现场纠正并教育' });
    await s.ended(pi);
    expect((await eventOf(s, row!.id)).event.status).toBe('closed');
  });
});
