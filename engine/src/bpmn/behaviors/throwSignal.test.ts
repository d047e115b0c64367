import { describe, expect, it } from 'vitest';
import type { Effect } from '../ports';
import { parseBpmn } from '../parse/parseBpmn';
import { bpmnXml } from '../testing/bpmnXml';
import { ProcessHarness } from '../testing/ProcessHarness';

type SignalThrow = Extract<Effect, { type: 'signal.throw' }>;
const thrown = (h: ProcessHarness): SignalThrow[] =>
  h.effects.filter((e): e is SignalThrow => e.type === 'signal.throw');

describe('throwSignal', () => {
  it('an intermediate signal throw emits signal.throw with the evaluated name, then the token moves on', async () => {
    // given
    const h = await ProcessHarness.of(
      bpmnXml(
        `
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="raise" />
    <intermediateThrowEvent id="raise"><signalEventDefinition signalRef="alarm" /></intermediateThrowEvent>
    <sequenceFlow id="f2" sourceRef="raise" targetRef="u" /><userTask id="u" />`,
        { roots: '<signal id="alarm" name="alarm-${site}" />' },
      ),
    );
    // when
    h.start({ site: 'A7' });
    // then
    expect(thrown(h)).toEqual([
      {
        type: 'signal.throw',
        executionId: expect.any(String),
        activityId: 'raise',
        signalName: 'alarm-A7',
        variables: {},
        async: false,
      },
    ]);
    const signalAt = h.effects.findIndex((e) => e.type === 'signal.throw');
    const taskAt = h.effects.findIndex((e) => e.type === 'userTask.create');
    expect(signalAt).toBeLessThan(taskAt);
    expect(h.waitingAt()).toEqual(['u']);
    expect(h.history).toContainEqual(
      expect.objectContaining({
        type: 'activity.start',
        activityId: 'raise',
        activityType: 'intermediateSignalThrow',
      }),
    );
    h.expectBalancedHistory();
  });

  it('a signal end event throws with camunda:in variables, business key and async, then ends the instance', async () => {
    // given
    const h = await ProcessHarness.of(
      bpmnXml(
        `
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="done" />
    <endEvent id="done">
      <signalEventDefinition signalRef="sg" camunda:async="true">
        <extensionElements>
          <camunda:in source="level" target="alarmLevel" />
          <camunda:in sourceExpression="\${level * 2}" target="doubled" />
          <camunda:in source="missing" target="nothing" />
          <camunda:in businessKey="\${site}-alarm" />
        </extensionElements>
      </signalEventDefinition>
    </endEvent>`,
        { roots: '<signal id="sg" name="evacuate" />' },
      ),
    );
    // when
    h.start({ level: 3, site: 'A7' });
    // then
    const [signal] = thrown(h);
    expect(signal).toMatchObject({
      signalName: 'evacuate',
      activityId: 'done',
      businessKey: 'A7-alarm',
      async: true,
    });
    expect(signal!.variables).toEqual({
      alarmLevel: { type: 'Integer', value: 3 },
      doubled: { type: 'Integer', value: 6 },
      nothing: { type: 'Null', value: null },
    });
    expect(h.state.ended).toBe(true);
    expect(h.history).toContainEqual(
      expect.objectContaining({ type: 'activity.start', activityId: 'done', activityType: 'signalEndEvent' }),
    );
  });

  it('camunda:in variables="all" passes every visible variable (local="true": only the throwing execution\'s)', async () => {
    // given
    const xml = (local: boolean) =>
      bpmnXml(
        `
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="raise" />
    <intermediateThrowEvent id="raise">
      <extensionElements><camunda:inputOutput><camunda:inputParameter name="mine">\${a + 1}</camunda:inputParameter></camunda:inputOutput></extensionElements>
      <signalEventDefinition signalRef="sg"><extensionElements><camunda:in variables="all"${local ? ' local="true"' : ''} /></extensionElements></signalEventDefinition>
    </intermediateThrowEvent>
    <sequenceFlow id="f2" sourceRef="raise" targetRef="e" /><endEvent id="e" />`,
        { roots: '<signal id="sg" name="all" />' },
      );
    const all = await ProcessHarness.of(xml(false));
    const local = await ProcessHarness.of(xml(true));
    // when
    all.start({ a: 1, b: 'x' });
    local.start({ a: 1, b: 'x' });
    // then
    expect(Object.keys(thrown(all)[0]!.variables).sort()).toEqual(['a', 'b', 'mine']);
    expect(Object.keys(thrown(local)[0]!.variables)).toEqual(['mine']);
  });

  it('an unknown variable in the signal name fails the step like every expression', async () => {
    // given
    const h = await ProcessHarness.of(
      bpmnXml(
        `
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="raise" />
    <intermediateThrowEvent id="raise"><signalEventDefinition signalRef="sg" /></intermediateThrowEvent>
    <sequenceFlow id="f2" sourceRef="raise" targetRef="e" /><endEvent id="e" />`,
        { roots: '<signal id="sg" name="${nope}" />' },
      ),
    );
    // when / then
    expect(() => h.start()).toThrow(expect.objectContaining({ code: 'bpmn.expression_error' }));
  });

  it('a signal throw without a signalRef is a parse error; a signal throw inside a sub-process runs', async () => {
    // given
    const bad = bpmnXml(`<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="t" />
    <intermediateThrowEvent id="t"><signalEventDefinition /></intermediateThrowEvent>`);
    const nested = bpmnXml(
      `
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
    <subProcess id="sub">
      <startEvent id="ss" /><sequenceFlow id="g1" sourceRef="ss" targetRef="se" />
      <endEvent id="se"><signalEventDefinition signalRef="sg" /></endEvent>
    </subProcess>
    <sequenceFlow id="f2" sourceRef="sub" targetRef="u" /><userTask id="u" />`,
      { roots: '<signal id="sg" name="inner" />' },
    );
    // when
    const parsed = parseBpmn(bad);
    const h = await ProcessHarness.of(nested);
    h.start();
    // then
    await expect(parsed).rejects.toMatchObject({
      code: 'bpmn.parse',
      details: {
        errors: [expect.objectContaining({ elementId: 't', message: expect.stringMatching(/signalRef/) })],
      },
    });
    expect(thrown(h).map((e) => e.signalName)).toEqual(['inner']);
    expect(h.waitingAt()).toEqual(['u']);
  });
});
