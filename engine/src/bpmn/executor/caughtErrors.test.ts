import { describe, expect, it } from 'vitest';
import type { Effect } from '../ports';
import { bpmnXml } from '../testing/bpmnXml';
import { ProcessHarness } from '../testing/ProcessHarness';

const errors = '<error id="eA" errorCode="A" /><error id="eB" errorCode="B" /><error id="eC" errorCode="C" /><error id="eD" errorCode="D" />';

const callOf = (h: ProcessHarness) => [...h.calls.values()][0] as Extract<Effect, { type: 'callActivity.start' }>;

describe('caughtErrorsFrom (callActivity.start callerCatches)', () => {
  it('collects the call activity boundaries, the enclosing sub-process boundaries and event sub-processes, and the process event sub-processes', async () => {
    // given
    const h = await ProcessHarness.of(
      bpmnXml(
        `
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
    <subProcess id="sub">
      <startEvent id="ss" /><sequenceFlow id="sf1" sourceRef="ss" targetRef="call" />
      <callActivity id="call" calledElement="child" />
      <boundaryEvent id="onA" attachedToRef="call"><errorEventDefinition errorRef="eA" /></boundaryEvent>
      <subProcess id="inSub" triggeredByEvent="true"><startEvent id="inSubStart"><errorEventDefinition errorRef="eB" /></startEvent></subProcess>
    </subProcess>
    <boundaryEvent id="onC" attachedToRef="sub"><errorEventDefinition errorRef="eC" /></boundaryEvent>
    <subProcess id="top" triggeredByEvent="true"><startEvent id="topStart"><errorEventDefinition errorRef="eD" /></startEvent></subProcess>`,
        { roots: errors },
      ),
    );
    // when
    h.start();
    // then
    expect(callOf(h).callerCatches).toEqual({ any: false, codes: ['A', 'B', 'C', 'D'] });
  });

  it('adds what the callers of a called instance catch; a catch-all anywhere catches any code', async () => {
    // given
    const body = (boundary: string) =>
      bpmnXml(
        `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="call" /><callActivity id="call" calledElement="child" />${boundary}`,
        { roots: errors },
      );
    const specific = await ProcessHarness.of(body('<boundaryEvent id="onA" attachedToRef="call"><errorEventDefinition errorRef="eA" /></boundaryEvent>'));
    const catchAll = await ProcessHarness.of(body('<boundaryEvent id="any" attachedToRef="call"><errorEventDefinition /></boundaryEvent>'));
    const none = await ProcessHarness.of(body(''));
    // when
    specific.start({}, { superProcessInstanceId: 'top', superExecutionId: 'x', callerCatches: { any: false, codes: ['Z'] } });
    catchAll.start();
    none.start();
    // then
    expect(callOf(specific).callerCatches).toEqual({ any: false, codes: ['A', 'Z'] });
    expect(callOf(catchAll).callerCatches).toEqual({ any: true, codes: [] });
    expect(callOf(none).callerCatches).toEqual({ any: false, codes: [] });
  });

  it('an error event sub-process does not count for a call activity inside itself; a multi-instance call activity counts its body boundaries', async () => {
    // given
    const h = await ProcessHarness.of(
      bpmnXml(
        `
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="u" /><serviceTask id="u" camunda:type="external" camunda:topic="t" />
    <subProcess id="handler" triggeredByEvent="true">
      <startEvent id="hs"><errorEventDefinition errorRef="eA" /></startEvent><sequenceFlow id="hf1" sourceRef="hs" targetRef="call" />
      <callActivity id="call" calledElement="child"><multiInstanceLoopCharacteristics><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics></callActivity>
      <boundaryEvent id="onB" attachedToRef="call"><errorEventDefinition errorRef="eB" /></boundaryEvent>
    </subProcess>
    <boundaryEvent id="onC" attachedToRef="u"><errorEventDefinition errorRef="eC" /></boundaryEvent>`,
        { roots: errors },
      ),
    );
    h.start();
    // when: the error event sub-process starts (a caller's error reaches the process scope)
    h.throwBpmnError('u', 'A');
    // then: both instances' children know B (the body's boundary) — not A (their own event sub-process) nor C (another activity's)
    const calls = [...h.calls.values()];
    expect(calls).toHaveLength(2);
    for (const c of calls) expect(c.callerCatches).toEqual({ any: false, codes: ['B'] });
  });
});
