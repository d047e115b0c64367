import { describe, expect, it } from 'vitest';
import { bpmnXml } from '../testing/bpmnXml';
import { ProcessHarness } from '../testing/ProcessHarness';

describe('ExternalTaskBehavior', () => {
  it('resolves topic and priority expressions; send and business-rule tasks work the same', async () => {
    // given
    const h = await ProcessHarness.of(
      bpmnXml(`
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="a" />
    <sendTask id="a" camunda:type="external" camunda:topic="notify-\${channel}" camunda:taskPriority="\${prio}" />
    <sequenceFlow id="f2" sourceRef="a" targetRef="b" />
    <businessRuleTask id="b" camunda:type="external" camunda:topic="rules" />
    <sequenceFlow id="f3" sourceRef="b" targetRef="e" /><endEvent id="e" />`),
    );
    // when
    h.start({ channel: 'sms', prio: 9 });
    // then
    expect(h.externalTask('a')).toMatchObject({ topicName: 'notify-sms', priority: 9, extensionProperties: {} });
    // when
    h.completeExternalTask('a');
    // then
    expect(h.externalTask('b')).toMatchObject({ topicName: 'rules', priority: 0 });
  });

  it('runs message throw and message end events with camunda:type="external" as external tasks', async () => {
    // given
    const h = await ProcessHarness.of(
      bpmnXml(
        `
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="announce" />
    <intermediateThrowEvent id="announce"><messageEventDefinition messageRef="m" camunda:type="external" camunda:topic="announce" /></intermediateThrowEvent>
    <sequenceFlow id="f2" sourceRef="announce" targetRef="none" />
    <intermediateThrowEvent id="none" />
    <sequenceFlow id="f3" sourceRef="none" targetRef="report" />
    <endEvent id="report"><messageEventDefinition messageRef="m" camunda:type="external" camunda:topic="report" /></endEvent>`,
        { roots: '<message id="m" name="m" />' },
      ),
    );
    // when
    h.start();
    // then
    expect(h.externalTask('announce').topicName).toBe('announce');
    // when
    h.completeExternalTask('announce');
    // then
    expect(h.externalTask('report').topicName).toBe('report');
    expect(h.started()).toEqual(['s', 'announce', 'none', 'report']);
    // when
    h.completeExternalTask('report');
    // then
    expect(h.state.ended).toBe(true);
    expect(h.history.at(-1)).toMatchObject({ type: 'process.end', endActivityId: 'report' });
    h.expectBalancedHistory();
  });
});
