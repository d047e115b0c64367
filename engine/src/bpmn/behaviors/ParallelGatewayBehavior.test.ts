import { describe, expect, it } from 'vitest';
import { bpmnXml } from '../testing/bpmnXml';
import { ProcessHarness } from '../testing/ProcessHarness';

const forkJoin = bpmnXml(`
    <startEvent id="start" />
    <sequenceFlow id="f0" sourceRef="start" targetRef="fork" />
    <parallelGateway id="fork" />
    <sequenceFlow id="fa" sourceRef="fork" targetRef="a" />
    <sequenceFlow id="fb" sourceRef="fork" targetRef="b" />
    <sequenceFlow id="fc" sourceRef="fork" targetRef="c" />
    <serviceTask id="a" camunda:type="external" camunda:topic="ta" />
    <userTask id="b" />
    <task id="c" />
    <sequenceFlow id="ja" sourceRef="a" targetRef="join" />
    <sequenceFlow id="jb" sourceRef="b" targetRef="join" />
    <sequenceFlow id="jc" sourceRef="c" targetRef="join" />
    <parallelGateway id="join" />
    <sequenceFlow id="f9" sourceRef="join" targetRef="after" />
    <userTask id="after" />`);

describe('ParallelGatewayBehavior', () => {
  it('forks into every branch and joins when all arrived', async () => {
    // given
    const h = await ProcessHarness.of(forkJoin);
    // when
    h.start();
    // then: the pass-through branch already waits at the join
    expect(h.waitingAt()).toEqual(['a', 'b']);
    expect(h.state.executions.filter((e) => e.status === 'joined').map((e) => e.activityId)).toEqual(['join']);

    // when
    h.completeUserTask('b');
    // then
    expect(h.waitingAt()).toEqual(['a']);

    // when
    h.completeExternalTask('a');
    // then
    expect(h.waitingAt()).toEqual(['after']);
    expect(h.state.executions.map((e) => e.activityId ?? 'root')).toEqual(['root', 'after']);
    h.completeUserTask('after');
    expect(h.state.ended).toBe(true);
    h.expectBalancedHistory();
  });
});
