import { describe, expect, it } from 'vitest';
import type { SafeFlowError } from '../../errors';
import { bpmnXml } from '../testing/bpmnXml';
import { parseBpmn } from './parseBpmn';

async function parseErrors(xml: string): Promise<Array<{ message: string; line?: number; column?: number; elementId?: string }>> {
  try {
    await parseBpmn(xml);
  } catch (err) {
    const e = err as SafeFlowError;
    expect(e.code).toBe('bpmn.parse');
    return (e.details as { errors: Array<{ message: string }> }).errors;
  }
  throw new Error('expected a parse error');
}

describe('parseBpmn', () => {
  it('builds one executor per executable process with its info', async () => {
    // given
    const xml = `<?xml version="1.0"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
  <message id="m1" name="hazardReported" />
  <signal id="s1" name="alarm" />
  <process id="a" name="A" isExecutable="true" camunda:versionTag="v2">
    <startEvent id="none" />
    <startEvent id="timer"><timerEventDefinition><timeCycle>0 0 8 ? * MON-FRI</timeCycle></timerEventDefinition></startEvent>
    <startEvent id="msg"><messageEventDefinition messageRef="m1" /></startEvent>
    <startEvent id="sig"><signalEventDefinition signalRef="s1" /></startEvent>
    <sequenceFlow id="f1" sourceRef="none" targetRef="t" />
    <sequenceFlow id="f2" sourceRef="timer" targetRef="t" />
    <sequenceFlow id="f3" sourceRef="msg" targetRef="t" />
    <sequenceFlow id="f4" sourceRef="sig" targetRef="t" />
    <serviceTask id="t" camunda:type="external" camunda:topic="notify" />
    <sequenceFlow id="f5" sourceRef="t" targetRef="u" />
    <userTask id="u" camunda:formKey="form:x" />
  </process>
  <process id="b" isExecutable="false"><startEvent id="b1" /></process>
</definitions>`;
    // when
    const d = await parseBpmn(xml);
    // then
    expect(d.processes).toHaveLength(1);
    expect(d.processes[0].info).toEqual({
      key: 'a',
      name: 'A',
      versionTag: 'v2',
      isExecutable: true,
      timerStartEvents: [{ activityId: 'timer', timer: { kind: 'timeCycle', expression: '0 0 8 ? * MON-FRI' } }],
      messageStartEvents: [{ activityId: 'msg', messageName: 'hazardReported' }],
      signalStartEvents: [{ activityId: 'sig', signalName: 'alarm' }],
      formKeys: ['form:x'],
      topics: ['notify'],
    });
    expect(d.warnings).toEqual(["Process 'b' is not executable and was skipped"]);
  });

  it('reports XML errors with line and column', async () => {
    // given
    const xml = '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">\n<process id="p">\n<startEvent id="s">\n</process></definitions>';
    // when
    const errors = await parseErrors(xml);
    // then
    expect(errors[0]).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
  });

  it('lists every problem at once, located at the element', async () => {
    // given
    const xml = bpmnXml(`
    <startEvent id="start" />
    <sequenceFlow id="f1" sourceRef="start" targetRef="nowhere" />
    <serviceTask id="noTopic" camunda:type="external" />
    <serviceTask id="java" camunda:class="com.acme.Foo" />
    <scriptTask id="script" scriptFormat="js"><script>x</script></scriptTask>
    <exclusiveGateway id="deadEnd" />
    <intermediateCatchEvent id="badTimer"><timerEventDefinition><timeDuration>PT</timeDuration></timerEventDefinition></intermediateCatchEvent>
    <complexGateway id="complex" />
    <userTask id="u" camunda:assignee="\${a +}" />
    <userTask id="u2" camunda:dueDate="tomorrow" />
    <sequenceFlow id="f2" sourceRef="u" targetRef="u2"><conditionExpression xsi:type="tFormalExpression">yes</conditionExpression></sequenceFlow>
    <subProcess id="sub" triggeredByEvent="true" />
    <intermediateThrowEvent id="sigThrow"><signalEventDefinition /></intermediateThrowEvent>`);
    // when
    const errors = await parseErrors(xml);
    const text = errors.map((e) => `${e.elementId ?? '-'}: ${e.message}`);
    // then
    const expected = [
      /nowhere/,
      /noTopic.*camunda:topic/,
      /java.*camunda:class/,
      /script.*never runs scripts/,
      /deadEnd.*no outgoing/,
      /badTimer.*Invalid/,
      /ComplexGateway 'complex' is not supported/,
      /u: camunda:assignee: invalid expression/,
      /u2: camunda:dueDate 'tomorrow'/,
      /must be a \$\{\.\.\.\} expression/,
      /sub.*Event sub-process/,
      /sigThrow/,
    ];
    for (const re of expected) expect(text.some((t) => re.test(t)), `${re} in\n${text.join('\n')}`).toBe(true);
    expect(errors.find((e) => e.elementId === 'noTopic')).toMatchObject({ line: 11, column: 5 });
  });

  it('rejects a process without start event', async () => {
    // when
    const errors = await parseErrors(bpmnXml('<userTask id="u" />'));
    // then
    expect(errors.map((e) => e.message)).toContain("Process 'p' has no start event");
  });

  it('rejects listeners and Java-only implementations', async () => {
    // given
    const xml = bpmnXml(`
    <startEvent id="s"><extensionElements><camunda:executionListener event="start" class="x.Y" /></extensionElements></startEvent>
    <sequenceFlow id="f" sourceRef="s" targetRef="r" />
    <businessRuleTask id="r" camunda:decisionRef="dmn" />`);
    // when
    const errors = await parseErrors(xml);
    // then
    expect(errors.map((e) => e.elementId)).toEqual(['s', 'r']);
  });

  it('accepts a modeler file with diagram, colours and foreign extensions, warning about unknown camunda attributes', async () => {
    // given
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:bioc="http://bpmn.io/schema/bpmn/biocolor/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Platform">
  <bpmn:process id="P" isExecutable="true" camunda:historyTimeToLive="180">
    <bpmn:startEvent id="S" camunda:formKey="form:start"><bpmn:outgoing>F</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="F" sourceRef="S" targetRef="T" />
    <bpmn:userTask id="T" camunda:asignee="typo"><bpmn:extensionElements><zeebe:taskDefinition type="x" /><camunda:formData><camunda:formField id="a" type="string" /></camunda:formData></bpmn:extensionElements><bpmn:incoming>F</bpmn:incoming></bpmn:userTask>
    <bpmn:textAnnotation id="TA"><bpmn:text>note</bpmn:text></bpmn:textAnnotation>
    <bpmn:association id="A" sourceRef="T" targetRef="TA" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="DI"><bpmndi:BPMNPlane id="PL" bpmnElement="P">
    <bpmndi:BPMNShape id="S_di" bpmnElement="S" bioc:stroke="#000"><dc:Bounds x="1" y="1" width="36" height="36" /></bpmndi:BPMNShape>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
    // when
    const d = await parseBpmn(xml);
    // then
    expect(d.warnings).toEqual(['unknown attribute <camunda:asignee>']);
    expect(d.processes[0].info.formKeys).toEqual(['form:start']);
  });

  it('rejects camunda:calledElementTenantId on a call activity, whatever its value (tenant isolation)', async () => {
    // given
    const call = (attr: string) =>
      bpmnXml(`<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="call" /><callActivity id="call" calledElement="child" ${attr} />`);
    // when
    const literal = await parseErrors(call('camunda:calledElementTenantId="tenant-b"'));
    const expression = await parseErrors(call('camunda:calledElementTenantId="${execution.tenantId}"'));
    const none = await parseBpmn(call(''));
    // then
    const message = "Call activity 'call': camunda:calledElementTenantId is not supported; the called process always runs in the calling instance's own tenant (tenant isolation), remove the attribute";
    expect(literal).toEqual([expect.objectContaining({ message, elementId: 'call' })]);
    expect(expression).toEqual([expect.objectContaining({ message, elementId: 'call' })]);
    expect(none.processes).toHaveLength(1);
  });
});
