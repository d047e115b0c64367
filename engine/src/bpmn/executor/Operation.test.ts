import { describe, expect, it } from 'vitest';
import { bpmnXml } from '../testing/bpmnXml';
import { ProcessHarness } from '../testing/ProcessHarness';

const asyncFlow = bpmnXml(`
    <startEvent id="s" camunda:asyncBefore="true" /><sequenceFlow id="f1" sourceRef="s" targetRef="calc" />
    <serviceTask id="calc" camunda:type="external" camunda:topic="calc" camunda:asyncAfter="true">
      <extensionElements><camunda:failedJobRetryTimeCycle>R5/PT5M</camunda:failedJobRetryTimeCycle></extensionElements>
    </serviceTask>
    <sequenceFlow id="f2" sourceRef="calc" targetRef="gw" />
    <exclusiveGateway id="gw" camunda:asyncAfter="true" default="low" />
    <sequenceFlow id="high" sourceRef="gw" targetRef="h"><conditionExpression xsi:type="tFormalExpression">\${x &gt; 1}</conditionExpression></sequenceFlow>
    <sequenceFlow id="low" sourceRef="gw" targetRef="l" />
    <userTask id="h" /><userTask id="l" />`);

describe('Operation: async continuations', () => {
  it('asyncBefore waits for its job before the activity starts', async () => {
    // given
    const h = await ProcessHarness.of(asyncFlow);
    // when
    h.start({ x: 5 });
    // then
    expect(h.waitingAt()).toEqual(['s(async-before)']);
    expect(h.job('s', 'async-before')).toMatchObject({ dueDate: '2026-01-01T00:00:00.000Z', activityInstanceId: expect.stringMatching(/^s:/) });
    expect(h.started()).toEqual([]);
    // when
    h.runJob('s', 'async-before');
    // then
    expect(h.started()).toEqual(['s', 'calc']);
    expect(h.waitingAt()).toEqual(['calc']);
  });

  it('asyncAfter waits after the activity ended, carrying the retry cycle; gateway choices survive', async () => {
    // given
    const h = await ProcessHarness.of(asyncFlow);
    h.start({ x: 5 });
    h.runJob('s', 'async-before');
    // when
    h.completeExternalTask('calc');
    // then
    expect(h.job('calc', 'async-after')).toMatchObject({ retryTimeCycle: 'R5/PT5M' });
    expect(h.history.at(-1)).toMatchObject({ type: 'activity.end', canceled: false });
    // when
    h.runJob('calc', 'async-after');
    // then: the gateway chose "high" before its own async-after
    expect(h.waitingAt()).toEqual(['gw(async-after)']);
    h.call((s) => h.executor.modifyVariables(s, { x: { type: 'Integer', value: 0 } }, [], h.ctx));
    h.runJob('gw', 'async-after');
    expect(h.waitingAt()).toEqual(['h']);
    h.expectBalancedHistory();
  });

  it('cancel deletes pending async jobs', async () => {
    // given
    const h = await ProcessHarness.of(asyncFlow);
    h.start({ x: 5 });
    // when
    h.cancel();
    // then
    expect(h.waitingAt()).toEqual([]);
    expect(h.state.ended).toBe(true);
  });

  it('detects a loop that never reaches a wait state', async () => {
    // given
    const h = await ProcessHarness.of(
      bpmnXml(`
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="a" />
    <task id="a" /><sequenceFlow id="f2" sourceRef="a" targetRef="b" /><task id="b" /><sequenceFlow id="f3" sourceRef="b" targetRef="a" />`),
    );
    // when / then
    expect(() => h.start()).toThrow(expect.objectContaining({ code: 'bpmn.loop_detected' }));
  });
});
