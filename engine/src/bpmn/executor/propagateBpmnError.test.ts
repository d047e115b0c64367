import { describe, expect, it } from 'vitest';
import { bpmnXml } from '../testing/bpmnXml';
import { ProcessHarness } from '../testing/ProcessHarness';

const errors = '<error id="eInvalid" errorCode="INVALID" name="Invalid" /><error id="eOther" errorCode="OTHER" />';

const caught = bpmnXml(
  `
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="validate" />
    <serviceTask id="validate" camunda:type="external" camunda:topic="validate" />
    <sequenceFlow id="f2" sourceRef="validate" targetRef="ok" /><userTask id="ok" />
    <boundaryEvent id="invalid" attachedToRef="validate"><errorEventDefinition errorRef="eInvalid" camunda:errorCodeVariable="code" camunda:errorMessageVariable="msg" /></boundaryEvent>
    <sequenceFlow id="f3" sourceRef="invalid" targetRef="correct" /><userTask id="correct" />
    <boundaryEvent id="anyError" attachedToRef="validate"><errorEventDefinition /></boundaryEvent>
    <sequenceFlow id="f4" sourceRef="anyError" targetRef="manual" /><userTask id="manual" />`,
  { roots: errors },
);

describe('BPMN errors', () => {
  it('an error boundary catches the error code thrown by an external task', async () => {
    // given
    const h = await ProcessHarness.of(caught);
    h.start();
    const task = h.externalTask('validate');
    // when
    h.throwBpmnError('validate', 'INVALID', 'missing photo', { attempt: 1 });
    // then
    expect(h.waitingAt()).toEqual(['correct']);
    expect(h.variable('code')).toBe('INVALID');
    expect(h.variable('msg')).toBe('missing photo');
    expect(h.variable('attempt')).toBe(1);
    expect(h.lastEffects).toContainEqual({ type: 'externalTask.delete', executionId: task.executionId });
    h.expectBalancedHistory();
  });

  it('a catch-all error boundary catches other codes', async () => {
    // given
    const h = await ProcessHarness.of(caught);
    h.start();
    // when
    h.throwBpmnError('validate', 'SOMETHING');
    // then
    expect(h.waitingAt()).toEqual(['manual']);
  });

  it('uncaught, the activity just ends (like a none end event) and the rest of the process goes on', async () => {
    // given
    const h = await ProcessHarness.of(
      bpmnXml(`
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="fork" />
    <parallelGateway id="fork" />
    <sequenceFlow id="f2" sourceRef="fork" targetRef="t" /><sequenceFlow id="f3" sourceRef="fork" targetRef="u" />
    <serviceTask id="t" camunda:type="external" camunda:topic="x" />
    <sequenceFlow id="f4" sourceRef="t" targetRef="never" /><userTask id="never" />
    <userTask id="u" />`),
    );
    h.start();
    // when
    h.throwBpmnError('t', 'BOOM');
    // then: t ended without taking its flow; the parallel branch continues
    expect(h.waitingAt()).toEqual(['u']);
    expect(h.started()).not.toContain('never');
    // when
    h.completeUserTask('u');
    // then
    expect(h.state.ended).toBe(true);
    expect(h.state.endReason).toBe('completed');
    h.expectBalancedHistory();
  });

  it('an error end event in a sub-process is caught by the boundary on the sub-process', async () => {
    // given
    const h = await ProcessHarness.of(
      bpmnXml(
        `
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
    <subProcess id="sub">
      <startEvent id="ss" /><sequenceFlow id="sf1" sourceRef="ss" targetRef="fork" />
      <parallelGateway id="fork" />
      <sequenceFlow id="sf2" sourceRef="fork" targetRef="check" /><sequenceFlow id="sf3" sourceRef="fork" targetRef="other" />
      <userTask id="other" />
      <userTask id="check" /><sequenceFlow id="sf4" sourceRef="check" targetRef="gw" />
      <exclusiveGateway id="gw" default="sf6" />
      <sequenceFlow id="sf5" sourceRef="gw" targetRef="fail"><conditionExpression xsi:type="tFormalExpression">\${!passed}</conditionExpression></sequenceFlow>
      <sequenceFlow id="sf6" sourceRef="gw" targetRef="se" />
      <endEvent id="fail"><errorEventDefinition errorRef="eInvalid" /></endEvent>
      <endEvent id="se" />
    </subProcess>
    <sequenceFlow id="f2" sourceRef="sub" targetRef="fine" /><userTask id="fine" />
    <boundaryEvent id="onInvalid" attachedToRef="sub"><errorEventDefinition errorRef="eInvalid" camunda:errorCodeVariable="code" /></boundaryEvent>
    <sequenceFlow id="f3" sourceRef="onInvalid" targetRef="redo" /><userTask id="redo" />`,
        { roots: errors },
      ),
    );
    h.start();
    const other = h.userTask('other');
    // when
    h.completeUserTask('check', { passed: false });
    // then: the whole sub-process is cancelled, the boundary path taken
    expect(h.waitingAt()).toEqual(['redo']);
    expect(h.variable('code')).toBe('INVALID');
    expect(h.lastEffects).toContainEqual({ type: 'userTask.delete', executionId: other.executionId, reason: 'deleted' });
    h.expectBalancedHistory();
  });

  it('an uncaught error end event ends the process', async () => {
    // given
    const h = await ProcessHarness.of(
      bpmnXml(`<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="e" /><endEvent id="e"><errorEventDefinition errorRef="eOther" /></endEvent>`, { roots: errors }),
    );
    // when
    h.start();
    // then
    expect(h.state.ended).toBe(true);
    expect(h.history.at(-1)).toMatchObject({ type: 'process.end', endActivityId: 'e', reason: 'completed' });
  });

  describe('in a called instance', () => {
    const child = bpmnXml(
      `
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="fork" />
    <parallelGateway id="fork" />
    <sequenceFlow id="f2" sourceRef="fork" targetRef="validate" /><sequenceFlow id="f3" sourceRef="fork" targetRef="review" />
    <serviceTask id="validate" camunda:type="external" camunda:topic="validate" />
    <sequenceFlow id="f4" sourceRef="validate" targetRef="e" /><endEvent id="e" />
    <userTask id="review" />
    <boundaryEvent id="late" attachedToRef="review"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></boundaryEvent>
    <sequenceFlow id="f5" sourceRef="late" targetRef="e2" /><endEvent id="e2" />`,
      { roots: errors },
    );
    const called = { superProcessInstanceId: 'parent', superExecutionId: 'callExec' };

    it('an error a caller catches terminates the instance: every artefact goes, instance.end carries the escaped error and the variables', async () => {
      // given
      const h = await ProcessHarness.of(child);
      h.start({ a: 1 }, { ...called, callerCatches: { any: false, codes: ['INVALID'] } });
      const review = h.userTask('review');
      // when
      h.throwBpmnError('validate', 'INVALID', 'no photo', { b: 2 });
      // then
      expect(h.state.ended).toBe(true);
      expect(h.state.endReason).toBe('terminated');
      expect(h.ended).toEqual({
        type: 'instance.end',
        reason: 'terminated',
        outputVariables: { a: { type: 'Integer', value: 1 }, b: { type: 'Integer', value: 2 } },
        escapedError: { errorCode: 'INVALID', errorMessage: 'no photo' },
      });
      expect(h.lastEffects).toContainEqual({ type: 'userTask.delete', executionId: review.executionId, reason: 'deleted' });
      expect(h.waitingAt()).toEqual([]);
      expect(h.history.at(-1)).toMatchObject({ type: 'process.end', endActivityId: 'validate', reason: 'terminated' });
      expect(h.history.filter((e) => e.type === 'activity.end' && e.canceled).length).toBe(2);
      h.expectBalancedHistory();
    });

    it('an error end event escapes when the callers catch any error', async () => {
      // given
      const h = await ProcessHarness.of(
        bpmnXml(`<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="fail" /><endEvent id="fail"><errorEventDefinition errorRef="eOther" /></endEvent>`, { roots: errors }),
      );
      // when
      h.start({}, { ...called, callerCatches: { any: true, codes: [] } });
      // then
      expect(h.ended).toMatchObject({ reason: 'terminated', escapedError: { errorCode: 'OTHER' } });
      expect(h.ended?.escapedError).not.toHaveProperty('errorMessage');
      expect(h.history.at(-1)).toMatchObject({ type: 'process.end', endActivityId: 'fail', reason: 'terminated' });
      h.expectBalancedHistory();
    });

    it('an error caught inside the called instance does not escape', async () => {
      // given
      const h = await ProcessHarness.of(caught);
      h.start({}, { ...called, callerCatches: { any: true, codes: [] } });
      // when
      h.throwBpmnError('validate', 'INVALID');
      // then
      expect(h.state.ended).toBe(false);
      expect(h.waitingAt()).toEqual(['correct']);
    });

    it('an error no caller catches just ends the throwing activity (Camunda: unhandled BPMN error), the instance goes on', async () => {
      // given
      const h = await ProcessHarness.of(child);
      h.start({}, { ...called, callerCatches: { any: false, codes: ['OTHER'] } });
      // when
      h.throwBpmnError('validate', 'INVALID');
      // then
      expect(h.state.ended).toBe(false);
      expect(h.waitingAt()).toEqual(['late(timer)', 'review']);
      expect(h.started()).not.toContain('e');
      // when
      h.completeUserTask('review');
      // then: it completes normally (the caller resumes through completeCallActivity)
      expect(h.ended).toMatchObject({ reason: 'completed' });
      expect(h.ended).not.toHaveProperty('escapedError');
    });
  });
});
