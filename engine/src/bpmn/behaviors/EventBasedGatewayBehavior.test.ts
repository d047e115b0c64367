import { describe, expect, it } from 'vitest';
import { bpmnXml } from '../testing/bpmnXml';
import { ProcessHarness } from '../testing/ProcessHarness';

const race = bpmnXml(
  `
    <startEvent id="start" />
    <sequenceFlow id="f0" sourceRef="start" targetRef="gw" />
    <eventBasedGateway id="gw" />
    <sequenceFlow id="f1" sourceRef="gw" targetRef="reply" />
    <sequenceFlow id="f2" sourceRef="gw" targetRef="timeout" />
    <sequenceFlow id="f3" sourceRef="gw" targetRef="recall" />
    <intermediateCatchEvent id="reply"><messageEventDefinition messageRef="mReply" /></intermediateCatchEvent>
    <intermediateCatchEvent id="timeout"><timerEventDefinition><timeDuration>P3D</timeDuration></timerEventDefinition></intermediateCatchEvent>
    <receiveTask id="recall" messageRef="mRecall" />
    <sequenceFlow id="f4" sourceRef="reply" targetRef="handle" />
    <sequenceFlow id="f5" sourceRef="timeout" targetRef="escalate" />
    <sequenceFlow id="f6" sourceRef="recall" targetRef="end" />
    <userTask id="handle" /><userTask id="escalate" /><endEvent id="end" />`,
  { roots: '<message id="mReply" name="reply" /><message id="mRecall" name="recall" />' },
);

describe('EventBasedGatewayBehavior', () => {
  it('waits on every event at once, each subscription with its own execution', async () => {
    // given
    const h = await ProcessHarness.of(race);
    // when
    h.start();
    // then
    expect(h.waitingAt()).toEqual(['recall', 'reply', 'timeout(timer)']);
    expect(h.job('timeout').dueDate).toBe('2026-01-04T00:00:00.000Z');
    expect(h.subscription('reply')).toMatchObject({ kind: 'message', eventName: 'reply' });
    expect(h.subscription('reply').executionId).not.toBe(h.subscription('recall').executionId);
  });

  it('the first message wins and cancels the others', async () => {
    // given
    const h = await ProcessHarness.of(race);
    h.start();
    // when
    h.deliver('reply', { answer: 'ok' });
    // then
    expect(h.waitingAt()).toEqual(['handle']);
    expect(h.variable('answer')).toBe('ok');
    expect(h.started()).toEqual(['start', 'gw', 'reply', 'handle']);
    h.expectBalancedHistory();
  });

  it('the timer wins and cancels the subscriptions', async () => {
    // given
    const h = await ProcessHarness.of(race);
    h.start();
    // when
    h.runJob('timeout');
    // then
    expect(h.waitingAt()).toEqual(['escalate']);
  });

  it('a receive task after the gateway completes at once', async () => {
    // given
    const h = await ProcessHarness.of(race);
    h.start();
    // when
    h.deliver('recall');
    // then
    expect(h.state.ended).toBe(true);
    expect(h.waitingAt()).toEqual([]);
    h.expectBalancedHistory();
  });
});
