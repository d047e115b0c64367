import { describe, expect, it } from 'vitest';
import { bpmnXml } from '../testing/bpmnXml';
import { ProcessHarness } from '../testing/ProcessHarness';

const nested = bpmnXml(`
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="outer" />
    <subProcess id="outer">
      <extensionElements><camunda:inputOutput><camunda:inputParameter name="zone">\${site}-north</camunda:inputParameter></camunda:inputOutput></extensionElements>
      <startEvent id="os" /><sequenceFlow id="of1" sourceRef="os" targetRef="inner" />
      <subProcess id="inner">
        <extensionElements><camunda:inputOutput><camunda:inputParameter name="round">1</camunda:inputParameter></camunda:inputOutput></extensionElements>
        <startEvent id="is" /><sequenceFlow id="if1" sourceRef="is" targetRef="inspect" />
        <userTask id="inspect" camunda:assignee="\${zone}" />
        <sequenceFlow id="if2" sourceRef="inspect" targetRef="ie" /><endEvent id="ie" />
      </subProcess>
      <sequenceFlow id="of2" sourceRef="inner" targetRef="review" />
      <userTask id="review" camunda:assignee="\${zone}" />
      <sequenceFlow id="of3" sourceRef="review" targetRef="oe" /><endEvent id="oe" />
    </subProcess>
    <sequenceFlow id="f2" sourceRef="outer" targetRef="e" /><endEvent id="e" />`);

describe('SubProcessBehavior', () => {
  it('runs nested sub-processes with their own local variables', async () => {
    // given
    const h = await ProcessHarness.of(nested);
    // when
    h.start({ site: 'A' });
    // then: the inner task sees the outer scope's local variable
    expect(h.userTask('inspect').assignee).toBe('A-north');
    const scopes = h.state.executions.filter((e) => e.status === 'scope').map((e) => [e.activityId ?? 'root', Object.keys(e.variables ?? {})]);
    expect(scopes).toEqual([
      ['root', []],
      ['outer', ['zone']],
      ['inner', ['round']],
    ]);
    expect(h.state.variables.zone).toBeUndefined();

    // when: a completion variable that exists locally lands there; a new one goes to the process
    h.completeUserTask('inspect', { round: 2, finding: 'ok' });
    // then
    expect(h.variable('finding')).toBe('ok');
    expect(h.state.variables.round).toBeUndefined();
    expect(h.userTask('review').assignee).toBe('A-north');

    // when
    h.completeUserTask('review', { zone: 'changed-locally' });
    // then
    expect(h.state.ended).toBe(true);
    expect(h.state.variables.zone).toBeUndefined();
    expect(h.started()).toEqual(['s', 'outer', 'os', 'inner', 'is', 'inspect', 'ie', 'review', 'oe', 'e']);
    h.expectBalancedHistory();
  });

  it('a terminate end event in a sub-process ends only the sub-process', async () => {
    // given
    const h = await ProcessHarness.of(
      bpmnXml(`
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
    <subProcess id="sub">
      <startEvent id="ss" /><sequenceFlow id="a" sourceRef="ss" targetRef="fork" />
      <parallelGateway id="fork" />
      <sequenceFlow id="b" sourceRef="fork" targetRef="slow" /><sequenceFlow id="c" sourceRef="fork" targetRef="term" />
      <userTask id="slow" />
      <endEvent id="term"><terminateEventDefinition /></endEvent>
    </subProcess>
    <sequenceFlow id="f2" sourceRef="sub" targetRef="after" /><userTask id="after" />`),
    );
    // when
    h.start();
    // then
    expect(h.waitingAt()).toEqual(['after']);
    h.expectBalancedHistory();
  });

  it('a terminate end event at process level ends the instance as terminated', async () => {
    // given
    const h = await ProcessHarness.of(
      bpmnXml(`
    <startEvent id="s" /><sequenceFlow id="a" sourceRef="s" targetRef="fork" />
    <parallelGateway id="fork" />
    <sequenceFlow id="b" sourceRef="fork" targetRef="slow" /><sequenceFlow id="c" sourceRef="fork" targetRef="term" />
    <userTask id="slow" />
    <endEvent id="term"><terminateEventDefinition /></endEvent>`),
    );
    // when
    h.start();
    // then
    expect(h.state).toMatchObject({ ended: true, endReason: 'terminated' });
    expect(h.waitingAt()).toEqual([]);
    expect(h.history.at(-1)).toMatchObject({ type: 'process.end', endActivityId: 'term', reason: 'terminated' });
    h.expectBalancedHistory();
  });
});
