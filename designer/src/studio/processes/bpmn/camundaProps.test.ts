import { BpmnModdle } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json';
import { describe, expect, it } from 'vitest';
import {
  checkCondition, checkTimer, panelKind, readCondition, readExternalTask, readMessageName, readTimer, readUserTask,
  writeCondition, writeExtensionProperty, writeMessageName, writeTimer, writeTopic, writeUserTask,
  type BusinessObject, type DiagramElement, type PropsContext,
} from './camundaProps';

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
  <process id="p" isExecutable="true">
    <startEvent id="start"/>
    <userTask id="inspect" camunda:formKey="safeflow:forms/inspect@latest" camunda:candidateGroups="safetyOfficer, inspector"/>
    <serviceTask id="grade"/>
    <intermediateCatchEvent id="wait"><timerEventDefinition id="td"><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
    <intermediateCatchEvent id="reply"><messageEventDefinition id="md"/></intermediateCatchEvent>
    <sequenceFlow id="f1" sourceRef="start" targetRef="inspect"/>
  </process>
</definitions>`;

/**
 * The two bpmn-js modeling commands over plain moddle objects, with an undo
 * stack: each call is one entry, as on bpmn-js's command stack (a canvas
 * cannot render in happy-dom; the e2e runs the real Modeler).
 */
function commandStack() {
  const undo: Array<() => void> = [];
  const assign = (bo: BusinessObject, props: Record<string, unknown>) => {
    const before = Object.fromEntries(Object.keys(props).map((k) => [k, bo.get(k)]));
    for (const [k, v] of Object.entries(props)) (bo as unknown as { set(k: string, v: unknown): void }).set(k, v);
    undo.push(() => {
      for (const [k, v] of Object.entries(before)) (bo as unknown as { set(k: string, v: unknown): void }).set(k, v);
    });
  };
  return {
    modeling: {
      updateProperties: (el: DiagramElement, props: Record<string, unknown>) => assign(el.businessObject, props),
      updateModdleProperties: (_el: DiagramElement, bo: BusinessObject, props: Record<string, unknown>) => assign(bo, props),
    },
    undo: () => undo.pop()?.(),
    get size() {
      return undo.length;
    },
  };
}

async function load() {
  const moddle = new BpmnModdle({ camunda });
  const { rootElement, elementsById } = await moddle.fromXML(XML);
  const stack = commandStack();
  const ctx: PropsContext = { modeling: stack.modeling, moddle: { create: (t, a) => moddle.create(t, a) as unknown as BusinessObject } };
  const el = (id: string): DiagramElement => ({ id, type: (elementsById[id] as unknown as BusinessObject).$type, businessObject: elementsById[id] as unknown as BusinessObject });
  const xml = async () => (await moddle.toXML(rootElement, { format: true })).xml;
  return { ctx, el, xml, stack };
}

describe('camundaProps: the properties panel reads and writes Camunda extension elements', () => {
  it('reads a user task and writes its form, candidate groups, assignee and due date as camunda attributes', async () => {
    // given
    const { ctx, el, xml } = await load();
    const task = el('inspect');
    expect(panelKind(task)).toBe('userTask');
    expect(readUserTask(task.businessObject)).toMatchObject({ form: { key: 'inspect', version: 'latest' }, candidateGroups: ['safetyOfficer', 'inspector'] });
    // when
    writeUserTask(ctx, task, 'form', { key: 'hazardCheck', version: 3 });
    writeUserTask(ctx, task, 'candidateGroups', ['safetyOfficer']);
    writeUserTask(ctx, task, 'assignee', '${initiator}');
    writeUserTask(ctx, task, 'dueDate', '${dateTime().plusDays(3).toDate()}');
    // then
    const out = await xml();
    expect(out).toContain('camunda:formKey="safeflow:forms/hazardCheck@3"');
    expect(out).toContain('camunda:candidateGroups="safetyOfficer"');
    expect(out).toContain('camunda:assignee="${initiator}"');
    expect(readUserTask(task.businessObject)).toMatchObject({ form: { key: 'hazardCheck', version: 3 }, assignee: '${initiator}' });
  });

  it('makes a service task external on a topic and writes its config as camunda:properties (created on demand, removed when empty), undoable step by step', async () => {
    // given
    const { ctx, el, xml, stack } = await load();
    const task = el('grade');
    // when
    writeTopic(ctx, task, 'rules');
    writeExtensionProperty(ctx, task, 'ruleset', 'safety.lec');
    writeExtensionProperty(ctx, task, 'ruleset', 'safety.lec@2');
    writeExtensionProperty(ctx, task, 'note', 'x');
    writeExtensionProperty(ctx, task, 'note', '');
    // then
    expect(readExternalTask(task.businessObject)).toEqual({ topic: 'rules', properties: { ruleset: 'safety.lec@2' } });
    const out = await xml();
    expect(out).toContain('camunda:type="external" camunda:topic="rules"');
    expect(out).toMatch(/<camunda:properties>\s*<camunda:property name="ruleset" value="safety.lec@2" \/>\s*<\/camunda:properties>/);
    // when: undo everything
    while (stack.size) stack.undo();
    // then
    expect(readExternalTask(task.businessObject)).toEqual({ topic: '', properties: {} });
    expect(await xml()).not.toContain('camunda:properties');
  });

  it('reads and writes timers (one of date, duration, cycle) and checks their text', async () => {
    // given
    const { ctx, el, xml } = await load();
    const wait = el('wait');
    expect(panelKind(wait)).toBe('timer');
    expect(readTimer(wait.businessObject)).toEqual({ kind: 'timeDuration', value: 'PT1H' });
    // when
    writeTimer(ctx, wait, 'timeCycle', '0 0 8 ? * MON-FRI');
    // then
    expect(readTimer(wait.businessObject)).toEqual({ kind: 'timeCycle', value: '0 0 8 ? * MON-FRI' });
    expect(await xml()).toMatch(/<timeCycle xsi:type="tFormalExpression">0 0 8 \? \* MON-FRI<\/timeCycle>/);
    expect(await xml()).not.toContain('timeDuration');
    expect(checkTimer('timeDuration', 'P3D')).toBeNull();
    expect(checkTimer('timeDuration', '3 days')).toBe('duration');
    expect(checkTimer('timeDate', '2026-12-01T08:00:00Z')).toBeNull();
    expect(checkTimer('timeCycle', 'R3/PT10M')).toBeNull();
    expect(checkTimer('timeCycle', 'every day')).toBe('cycle');
  });

  it('writes conditions checked by the engine’s JUEL checker', async () => {
    // given
    const { ctx, el, xml } = await load();
    const flow = el('f1');
    // when
    writeCondition(ctx, flow, '${riskLevel == "major"}');
    // then
    expect(readCondition(flow.businessObject)).toBe('${riskLevel == "major"}');
    expect(await xml()).toContain('<conditionExpression xsi:type="tFormalExpression">${riskLevel == "major"}</conditionExpression>');
    expect(checkCondition('${riskLevel == "major"}')).toEqual([]);
    expect(checkCondition('${riskLevel == }').length).toBeGreaterThan(0);
    expect(checkCondition('riskLevel == 1')[0]).toMatch(/\$\{/);
    // when: cleared
    writeCondition(ctx, flow, '');
    expect(readCondition(flow.businessObject)).toBe('');
  });

  it('points a message event at a named bpmn:Message, adding it to the definitions once', async () => {
    // given
    const { ctx, el, xml } = await load();
    const reply = el('reply');
    // when
    writeMessageName(ctx, reply, 'rectified');
    writeMessageName(ctx, reply, 'rectified');
    // then
    expect(readMessageName(reply.businessObject)).toBe('rectified');
    const out = await xml();
    expect(out.match(/<message id="Message_rectified_[a-z0-9]+" name="rectified" \/>/g)).toHaveLength(1);
    expect(out).toMatch(/<messageEventDefinition id="md" messageRef="Message_rectified_[a-z0-9]+" \/>/);
  });
});
