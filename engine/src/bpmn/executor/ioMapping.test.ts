import { describe, expect, it } from 'vitest';
import { bpmnXml } from '../testing/bpmnXml';
import { ProcessHarness } from '../testing/ProcessHarness';

const mapped = bpmnXml(`
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="score" />
    <serviceTask id="score" camunda:type="external" camunda:topic="lec">
      <extensionElements><camunda:inputOutput>
        <camunda:inputParameter name="likelihood">\${l}</camunda:inputParameter>
        <camunda:inputParameter name="label">score of \${site}</camunda:inputParameter>
        <camunda:inputParameter name="factors"><camunda:list><camunda:value>\${l}</camunda:value><camunda:value>3</camunda:value></camunda:list></camunda:inputParameter>
        <camunda:inputParameter name="meta"><camunda:map><camunda:entry key="site">\${site}</camunda:entry></camunda:map></camunda:inputParameter>
        <camunda:inputParameter name="empty" />
        <camunda:outputParameter name="risk">\${result * likelihood}</camunda:outputParameter>
        <camunda:outputParameter name="grade">\${result &gt; 10 ? 'high' : 'low'}</camunda:outputParameter>
      </camunda:inputOutput></extensionElements>
    </serviceTask>
    <sequenceFlow id="f2" sourceRef="score" targetRef="u" /><userTask id="u" />`);

describe('camunda:inputOutput', () => {
  it('input parameters become local variables of the activity', async () => {
    // given
    const h = await ProcessHarness.of(mapped);
    // when
    h.start({ l: 6, site: 'A7' });
    // then
    const exec = h.state.executions.find((e) => e.activityId === 'score')!;
    expect(exec.variables).toEqual({
      likelihood: { type: 'Integer', value: 6 },
      label: { type: 'String', value: 'score of A7' },
      factors: { type: 'Json', value: [6, '3'] },
      meta: { type: 'Json', value: { site: 'A7' } },
      empty: { type: 'Null', value: null },
    });
    expect(h.state.variables.likelihood).toBeUndefined();
  });

  it('output parameters map local results to the parent scope', async () => {
    // given
    const h = await ProcessHarness.of(mapped);
    h.start({ l: 6, site: 'A7' });
    // when: a local completion variable is visible to the output mapping only
    h.completeExternalTask('score', {}, { result: 3 });
    // then
    expect(h.variable('risk')).toBe(18);
    expect(h.variable('grade')).toBe('low');
    expect(h.state.variables.result).toBeUndefined();
    expect(h.state.variables.likelihood).toBeUndefined();
  });
});
