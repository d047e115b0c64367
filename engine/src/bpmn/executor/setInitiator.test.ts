import { describe, expect, it } from 'vitest';
import { bpmnXml } from '../testing/bpmnXml';
import { ProcessHarness } from '../testing/ProcessHarness';

const withInitiator = bpmnXml(`
    <startEvent id="s" camunda:initiator="starter" /><sequenceFlow id="f1" sourceRef="s" targetRef="u" />
    <userTask id="u" camunda:assignee="\${starter}" />`);

describe('setInitiator', () => {
  it('camunda:initiator stores the starting user in the named variable, usable in expressions', async () => {
    // given
    const h = await ProcessHarness.of(withInitiator);
    // when
    h.start({}, { initiator: 'officerA' });
    // then
    expect(h.state.variables.starter).toEqual({ type: 'String', value: 'officerA' });
    expect(h.userTask('u').assignee).toBe('officerA');
    expect(h.history).toContainEqual(
      expect.objectContaining({
        type: 'variable.set',
        name: 'starter',
        value: { type: 'String', value: 'officerA' },
      }),
    );
  });

  it('without an authenticated user the variable is Null (Camunda); a start variable of the same name wins', async () => {
    // given
    const anonymous = await ProcessHarness.of(
      bpmnXml(
        `<startEvent id="s" camunda:initiator="starter" /><sequenceFlow id="f1" sourceRef="s" targetRef="u" /><userTask id="u" />`,
      ),
    );
    const overridden = await ProcessHarness.of(withInitiator);
    // when
    anonymous.start();
    overridden.start({ starter: 'deputy' }, { initiator: 'officerA' });
    // then
    expect(anonymous.state.variables.starter).toEqual({ type: 'Null', value: null });
    expect(overridden.userTask('u').assignee).toBe('deputy');
  });

  it('a process without camunda:initiator gets no variable for the starting user', async () => {
    // given
    const h = await ProcessHarness.of(
      bpmnXml(`<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="u" /><userTask id="u" />`),
    );
    // when
    h.start({}, { initiator: 'officerA' });
    // then
    expect(h.state.variables).toEqual({});
  });
});
