import { describe, expect, it } from 'vitest';
import { bpmnXml } from '../testing/bpmnXml';
import { ProcessHarness } from '../testing/ProcessHarness';

const cond = (expr: string) => `<conditionExpression xsi:type="tFormalExpression">\${${expr}}</conditionExpression>`;

// split → a | b | c (by flags) → join → after; b may instead end early at "bEnd" when skipB is true.
const splitJoin = bpmnXml(`
    <startEvent id="start" />
    <sequenceFlow id="f0" sourceRef="start" targetRef="split" />
    <inclusiveGateway id="split" default="toC" />
    <sequenceFlow id="toA" sourceRef="split" targetRef="a">${cond('fire')}</sequenceFlow>
    <sequenceFlow id="toB" sourceRef="split" targetRef="b">${cond('flood')}</sequenceFlow>
    <sequenceFlow id="toC" sourceRef="split" targetRef="c" />
    <userTask id="a" />
    <userTask id="b" />
    <userTask id="c" />
    <sequenceFlow id="aJ" sourceRef="a" targetRef="join" />
    <sequenceFlow id="bX" sourceRef="b" targetRef="bGate" />
    <exclusiveGateway id="bGate" default="bJ" />
    <sequenceFlow id="bJ" sourceRef="bGate" targetRef="join" />
    <sequenceFlow id="bEndFlow" sourceRef="bGate" targetRef="bEnd">${cond('skipB')}</sequenceFlow>
    <endEvent id="bEnd" />
    <sequenceFlow id="cJ" sourceRef="c" targetRef="join" />
    <inclusiveGateway id="join" />
    <sequenceFlow id="f9" sourceRef="join" targetRef="after" />
    <userTask id="after" />`);

const joinedAt = (h: ProcessHarness) => h.state.executions.filter((e) => e.status === 'joined').map((e) => e.activityId);

describe('InclusiveGatewayBehavior', () => {
  it('takes only the default flow when no condition holds (1 branch) and passes the join at once', async () => {
    // given
    const h = await ProcessHarness.of(splitJoin);
    // when
    h.start({ fire: false, flood: false, skipB: false });
    // then
    expect(h.waitingAt()).toEqual(['c']);
    // when
    h.completeUserTask('c');
    // then
    expect(h.waitingAt()).toEqual(['after']);
  });

  it('takes two branches and joins after both', async () => {
    // given
    const h = await ProcessHarness.of(splitJoin);
    h.start({ fire: true, flood: true, skipB: false });
    expect(h.waitingAt()).toEqual(['a', 'b']);
    // when
    h.completeUserTask('a');
    // then: b can still reach the join, so the join waits
    expect(h.waitingAt()).toEqual(['b']);
    expect(joinedAt(h)).toEqual(['join']);
    // when
    h.completeUserTask('b');
    // then
    expect(h.waitingAt()).toEqual(['after']);
    expect(joinedAt(h)).toEqual([]);
    h.completeUserTask('after');
    expect(h.state.ended).toBe(true);
    h.expectBalancedHistory();
  });

  it('takes three branches when every condition holds and the default is not needed', async () => {
    // given: the default flow is only for "none matched", so three branches means a,b plus... a third conditional
    const three = splitJoin.replace('<sequenceFlow id="toC" sourceRef="split" targetRef="c" />', `<sequenceFlow id="toC" sourceRef="split" targetRef="c">${cond('true')}</sequenceFlow>`).replace(' default="toC"', '');
    const h = await ProcessHarness.of(three);
    // when
    h.start({ fire: true, flood: true, skipB: false });
    // then
    expect(h.waitingAt()).toEqual(['a', 'b', 'c']);
    // when
    h.completeUserTask('c');
    h.completeUserTask('a');
    // then
    expect(h.waitingAt()).toEqual(['b']);
    // when
    h.completeUserTask('b');
    // then
    expect(h.waitingAt()).toEqual(['after']);
  });

  it('releases the join when a branch ends without reaching it', async () => {
    // given
    const h = await ProcessHarness.of(splitJoin);
    h.start({ fire: true, flood: true, skipB: true });
    h.completeUserTask('a');
    expect(h.waitingAt()).toEqual(['b']);
    // when: b goes to its own end event
    h.completeUserTask('b');
    // then: nothing else can reach the join, it fires
    expect(h.waitingAt()).toEqual(['after']);
    expect(h.started()).toContain('bEnd');
    h.completeUserTask('after');
    expect(h.state.ended).toBe(true);
    h.expectBalancedHistory();
  });

  it('fires the join when the other branch ends first', async () => {
    // given
    const h = await ProcessHarness.of(splitJoin);
    h.start({ fire: true, flood: true, skipB: true });
    // when
    h.completeUserTask('b');
    // then: a can still reach the join, nothing waits there yet
    expect(h.waitingAt()).toEqual(['a']);
    // when
    h.completeUserTask('a');
    // then
    expect(h.waitingAt()).toEqual(['after']);
  });

  it('fails with bpmn.no_outgoing_flow when nothing holds and there is no default', async () => {
    // given
    const noDefault = splitJoin.replace('<sequenceFlow id="toC" sourceRef="split" targetRef="c" />', `<sequenceFlow id="toC" sourceRef="split" targetRef="c">${cond('false')}</sequenceFlow>`).replace(' default="toC"', '');
    const h = await ProcessHarness.of(noDefault);
    // when / then
    expect(() => h.start({ fire: false, flood: false, skipB: false })).toThrow(expect.objectContaining({ code: 'bpmn.no_outgoing_flow' }));
  });
});
