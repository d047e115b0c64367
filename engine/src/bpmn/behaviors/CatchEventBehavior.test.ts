import { describe, expect, it } from 'vitest';
import { bpmnXml } from '../testing/bpmnXml';
import { ProcessHarness } from '../testing/ProcessHarness';

describe('CatchEventBehavior', () => {
  it('waits at an intermediate message catch and continues with the message variables', async () => {
    // given
    const h = await ProcessHarness.of(
      bpmnXml(
        `
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
    <intermediateCatchEvent id="wait"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
    <sequenceFlow id="f2" sourceRef="wait" targetRef="u" /><userTask id="u" />`,
        { roots: '<message id="m" name="inspection-${site}" />' },
      ),
    );
    // when
    h.start({ site: 'A7' });
    // then
    expect(h.subscription('wait')).toMatchObject({ kind: 'message', eventName: 'inspection-A7', activityId: 'wait' });
    // when
    h.deliver('wait', { result: 'pass' });
    // then
    expect(h.lastEffects[0]).toEqual({ type: 'subscription.delete', executionId: expect.any(String) });
    expect(h.variable('result')).toBe('pass');
    expect(h.waitingAt()).toEqual(['u']);
  });

  it('waits at an intermediate timer, 400 days away if need be', async () => {
    // given
    const h = await ProcessHarness.of(
      bpmnXml(`
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
    <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>\${delay}</timeDuration></timerEventDefinition></intermediateCatchEvent>
    <sequenceFlow id="f2" sourceRef="wait" targetRef="e" /><endEvent id="e" />`),
    );
    // when
    h.start({ delay: 'P400D' });
    // then
    expect(h.job('wait')).toMatchObject({ kind: 'timer', dueDate: '2027-02-05T00:00:00.000Z' });
    expect(h.job('wait').timer).toBeUndefined();
    // when
    h.runJob('wait');
    // then
    expect(h.state.ended).toBe(true);
  });

  it('waits at a signal catch and at a receive task without message', async () => {
    // given
    const h = await ProcessHarness.of(
      bpmnXml(
        `
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="sig" />
    <intermediateCatchEvent id="sig"><signalEventDefinition signalRef="alarm" /></intermediateCatchEvent>
    <sequenceFlow id="f2" sourceRef="sig" targetRef="r" /><receiveTask id="r" />
    <sequenceFlow id="f3" sourceRef="r" targetRef="e" /><endEvent id="e" />`,
        { roots: '<signal id="alarm" name="alarm" />' },
      ),
    );
    h.start();
    expect(h.subscription('sig')).toMatchObject({ kind: 'signal', eventName: 'alarm' });
    // when
    h.deliver('sig');
    const r = h.state.executions.find((e) => e.activityId === 'r')!;
    h.call((s) => h.executor.deliverEvent(s, r.id, {}, h.ctx));
    // then
    expect(h.state.ended).toBe(true);
  });
});
