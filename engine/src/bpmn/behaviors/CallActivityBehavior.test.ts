import { describe, expect, it } from 'vitest';
import { bpmnXml } from '../testing/bpmnXml';
import { ProcessHarness } from '../testing/ProcessHarness';

const caller = bpmnXml(`
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="call" />
    <callActivity id="call" calledElement="hazard-\${kind}" camunda:calledElementBinding="version" camunda:calledElementVersion="3">
      <extensionElements>
        <camunda:in businessKey="\${execution.processBusinessKey}-child" />
        <camunda:in source="site" target="where" />
        <camunda:in sourceExpression="\${score * 2}" target="doubled" />
        <camunda:in source="missing" target="nothing" />
        <camunda:out source="verdict" target="childVerdict" />
        <camunda:out sourceExpression="\${fines + 10}" target="total" />
      </extensionElements>
    </callActivity>
    <sequenceFlow id="f2" sourceRef="call" targetRef="after" /><userTask id="after" />
    <boundaryEvent id="tooLong" attachedToRef="call"><timerEventDefinition><timeDuration>P30D</timeDuration></timerEventDefinition></boundaryEvent>
    <sequenceFlow id="f3" sourceRef="tooLong" targetRef="e" /><endEvent id="e" />`);

describe('CallActivityBehavior', () => {
  it('asks the runtime for a child instance with the in-mapped variables and business key', async () => {
    // given
    const h = await ProcessHarness.of(caller);
    // when
    h.start({ kind: 'fire', site: 'A7', score: 21 }, { businessKey: 'bk' });
    // then
    const call = h.calls.values().next().value!;
    expect(call).toMatchObject({
      type: 'callActivity.start',
      activityId: 'call',
      calledElement: 'hazard-fire',
      binding: { kind: 'version', version: 3 },
      businessKey: 'bk-child',
      variables: {
        where: { type: 'String', value: 'A7' },
        doubled: { type: 'Integer', value: 42 },
        nothing: { type: 'Null', value: null },
      },
    });
    expect(call.activityInstanceId).toBe(`call:${call.executionId}`);
  });

  it('waits until the child ends and applies the out mappings', async () => {
    // given
    const h = await ProcessHarness.of(caller);
    h.start({ kind: 'fire', site: 'A7', score: 1 });
    // when
    h.completeCall('call', { verdict: 'closed', fines: 5, internal: true });
    // then
    expect(h.variable('childVerdict')).toBe('closed');
    expect(h.variable('total')).toBe(15);
    expect(h.state.variables.internal).toBeUndefined();
    expect(h.waitingAt()).toEqual(['after']);
    expect(h.lastEffects.some((e) => e.type === 'callActivity.cancel')).toBe(false);
  });

  it('copies every variable both ways with variables="all" and binds latest by default', async () => {
    // given
    const h = await ProcessHarness.of(
      bpmnXml(`
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="call" />
    <callActivity id="call" calledElement="child"><extensionElements><camunda:in variables="all" /><camunda:out variables="all" /></extensionElements></callActivity>
    <sequenceFlow id="f2" sourceRef="call" targetRef="e" /><endEvent id="e" />`),
    );
    h.start({ a: 1, b: 'x' });
    // then
    expect(h.calls.values().next().value).toMatchObject({ binding: { kind: 'latest' }, variables: { a: { type: 'Integer', value: 1 }, b: { type: 'String', value: 'x' } } });
    // when
    h.completeCall('call', { a: 2, c: true });
    // then
    expect(h.state.ended).toBe(true);
    expect(h.ended?.outputVariables).toEqual({ a: { type: 'Integer', value: 2 }, b: { type: 'String', value: 'x' }, c: { type: 'Boolean', value: true } });
  });

  it('binds by deployment or by version tag (${} allowed) as declared', async () => {
    // given
    const call = (attrs: string) =>
      ProcessHarness.of(
        bpmnXml(`
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="call" />
    <callActivity id="call" calledElement="child" ${attrs} />
    <sequenceFlow id="f2" sourceRef="call" targetRef="e" /><endEvent id="e" />`),
      );
    const byDeployment = await call('camunda:calledElementBinding="deployment"');
    const byTag = await call('camunda:calledElementBinding="versionTag" camunda:calledElementVersionTag="${tag}"');
    // when
    byDeployment.start();
    byTag.start({ tag: 'v2-audited' });
    // then
    expect(byDeployment.calls.values().next().value).toMatchObject({ calledElement: 'child', binding: { kind: 'deployment' } });
    expect(byTag.calls.values().next().value).toMatchObject({ binding: { kind: 'versionTag', versionTag: 'v2-audited' } });
  });

  it('cancels the child when a boundary event interrupts the call', async () => {
    // given
    const h = await ProcessHarness.of(caller);
    h.start({ kind: 'fire', site: 'A7', score: 1 });
    const call = h.calls.values().next().value!;
    // when
    h.runJob('tooLong');
    // then
    expect(h.lastEffects).toContainEqual({ type: 'callActivity.cancel', executionId: call.executionId });
    expect(h.state.ended).toBe(true);
  });

  describe('catchCalledError (a BPMN error escaped the child)', () => {
    const errors = '<error id="eReject" errorCode="REJECT" /><error id="eLate" errorCode="LATE" />';
    const parent = bpmnXml(
      `
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
    <subProcess id="sub">
      <startEvent id="ss" /><sequenceFlow id="sf1" sourceRef="ss" targetRef="call" />
      <callActivity id="call" calledElement="child">
        <extensionElements><camunda:out source="finding" target="childFinding" /><camunda:out source="absent" target="alsoMapped" /></extensionElements>
      </callActivity>
      <sequenceFlow id="sf2" sourceRef="call" targetRef="se" /><endEvent id="se" />
      <boundaryEvent id="rejected" attachedToRef="call">
        <errorEventDefinition errorRef="eReject" camunda:errorCodeVariable="code" camunda:errorMessageVariable="why" />
      </boundaryEvent>
      <sequenceFlow id="sf3" sourceRef="rejected" targetRef="rework" /><userTask id="rework" />
    </subProcess>
    <sequenceFlow id="f2" sourceRef="sub" targetRef="done" /><userTask id="done" />
    <subProcess id="onLate" triggeredByEvent="true">
      <startEvent id="lateStart"><errorEventDefinition errorRef="eLate" camunda:errorCodeVariable="lateCode" /></startEvent>
      <sequenceFlow id="lf1" sourceRef="lateStart" targetRef="escalate" /><userTask id="escalate" />
    </subProcess>`,
      { roots: errors },
    );

    it('applies the out mappings, then the error boundary on the call activity catches it with the error variables', async () => {
      // given
      const h = await ProcessHarness.of(parent);
      h.start();
      // when
      h.catchCalledError('call', 'REJECT', 'photo missing', { finding: 'crack', internal: 1 });
      // then
      expect(h.waitingAt()).toEqual(['rework']);
      expect(h.variable('childFinding')).toBe('crack');
      expect(h.state.variables.alsoMapped).toEqual({ type: 'Null', value: null });
      expect(h.state.variables.internal).toBeUndefined();
      expect(h.variable('code')).toBe('REJECT');
      expect(h.variable('why')).toBe('photo missing');
      expect(h.lastEffects.some((e) => e.type === 'callActivity.cancel')).toBe(false);
      h.expectBalancedHistory();
    });

    it('an error event sub-process further out catches what the call activity does not', async () => {
      // given
      const h = await ProcessHarness.of(parent);
      h.start();
      // when
      h.catchCalledError('call', 'LATE');
      // then: the sub-process is interrupted, the process-level error event sub-process runs
      expect(h.waitingAt()).toEqual(['escalate']);
      expect(h.variable('lateCode')).toBe('LATE');
      expect(h.variable('childFinding')).toBeNull();
      h.expectBalancedHistory();
    });

    it('not caught here but by a caller of this instance: this instance terminates and the error escapes further', async () => {
      // given
      const h = await ProcessHarness.of(parent);
      h.start({}, { superProcessInstanceId: 'top', superExecutionId: 'topCall', callerCatches: { any: false, codes: ['AUDIT'] } });
      // when
      h.catchCalledError('call', 'AUDIT', 'from the grandchild', { finding: 'leak' });
      // then
      expect(h.ended).toMatchObject({
        reason: 'terminated',
        escapedError: { errorCode: 'AUDIT', errorMessage: 'from the grandchild' },
        outputVariables: { childFinding: { type: 'String', value: 'leak' } },
      });
      h.expectBalancedHistory();
    });

    it('caught by nobody (callerCatches out of date): the call activity just ends', async () => {
      // given
      const h = await ProcessHarness.of(parent);
      h.start();
      // when
      h.catchCalledError('call', 'UNKNOWN');
      // then: the sub-process completes without the call's outgoing flow having run
      expect(h.waitingAt()).toEqual(['done']);
      expect(h.started()).not.toContain('se');
    });

    it('refuses an execution that does not wait for a called instance', async () => {
      // given
      const h = await ProcessHarness.of(parent);
      h.start();
      // when / then
      expect(() => h.executor.catchCalledError(h.state, 'nope', 'REJECT', undefined, {}, h.ctx)).toThrow(/does not exist/);
    });
  });
});
