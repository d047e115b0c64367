import { describe, expect, it } from 'vitest';
import { bpmnXml } from '../testing/bpmnXml';
import { ProcessHarness } from '../testing/ProcessHarness';

const withDefault = bpmnXml(`
    <startEvent id="start" />
    <sequenceFlow id="f0" sourceRef="start" targetRef="gw" />
    <exclusiveGateway id="gw" default="toLow" />
    <sequenceFlow id="toHigh" sourceRef="gw" targetRef="high"><conditionExpression xsi:type="tFormalExpression">\${score &gt; 70 &amp;&amp; level == 'major'}</conditionExpression></sequenceFlow>
    <sequenceFlow id="toMid" sourceRef="gw" targetRef="mid"><conditionExpression xsi:type="tFormalExpression">\${score &gt; 50}</conditionExpression></sequenceFlow>
    <sequenceFlow id="toLow" sourceRef="gw" targetRef="low" />
    <userTask id="high" /><userTask id="mid" /><userTask id="low" />`);

const noDefault = bpmnXml(`
    <startEvent id="start" />
    <sequenceFlow id="f0" sourceRef="start" targetRef="gw" />
    <exclusiveGateway id="gw" />
    <sequenceFlow id="toHigh" sourceRef="gw" targetRef="high"><conditionExpression xsi:type="tFormalExpression">\${score &gt; 70}</conditionExpression></sequenceFlow>
    <userTask id="high" />`);

describe('ExclusiveGatewayBehavior', () => {
  it('takes the first flow whose condition holds', async () => {
    // given
    const h = await ProcessHarness.of(withDefault);
    // when
    h.start({ score: 80, level: 'major' });
    // then
    expect(h.waitingAt()).toEqual(['high']);
  });

  it('evaluates conditions in document order', async () => {
    // given
    const h = await ProcessHarness.of(withDefault);
    // when
    h.start({ score: 80, level: 'minor' });
    // then
    expect(h.waitingAt()).toEqual(['mid']);
  });

  it('takes the default flow when nothing matches', async () => {
    // given
    const h = await ProcessHarness.of(withDefault);
    // when
    h.start({ score: 10, level: 'minor' });
    // then
    expect(h.waitingAt()).toEqual(['low']);
    expect(h.history).toContainEqual(expect.objectContaining({ type: 'activity.start', activityId: 'gw', activityType: 'exclusiveGateway' }));
  });

  it('fails with bpmn.no_outgoing_flow when nothing matches and there is no default', async () => {
    // given
    const h = await ProcessHarness.of(noDefault);
    // when / then
    expect(() => h.start({ score: 1 })).toThrow(expect.objectContaining({ code: 'bpmn.no_outgoing_flow', status: 500 }));
  });

  it('fails with bpmn.expression_error on an unknown variable', async () => {
    // given
    const h = await ProcessHarness.of(noDefault);
    // when / then
    expect(() => h.start({})).toThrow(expect.objectContaining({ code: 'bpmn.expression_error' }));
  });
});
