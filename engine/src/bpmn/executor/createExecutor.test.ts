import { describe, expect, it } from 'vitest';
import { parseBpmn } from '../parse/parseBpmn';
import { bpmnXml } from '../testing/bpmnXml';
import { fakeContext } from '../testing/fakeContext';
import { ProcessHarness, vars } from '../testing/ProcessHarness';

const linear = bpmnXml(`
    <startEvent id="start" />
    <sequenceFlow id="f1" sourceRef="start" targetRef="check" />
    <serviceTask id="check" name="Check" camunda:type="external" camunda:topic="rules" camunda:taskPriority="7">
      <extensionElements><camunda:properties><camunda:property name="ruleset" value="lec" /></camunda:properties></extensionElements>
    </serviceTask>
    <sequenceFlow id="f2" sourceRef="check" targetRef="approve" />
    <userTask id="approve" name="Approve \${level}" camunda:assignee="\${owner}" camunda:candidateGroups="safety, \${dept}" camunda:dueDate="P2D" camunda:formKey="form:approve" />
    <sequenceFlow id="f3" sourceRef="approve" targetRef="end" />
    <endEvent id="end" />`);

describe('createExecutor: linear flow', () => {
  it('runs start → external task → user task → end', async () => {
    // given
    const h = await ProcessHarness.of(linear);
    // when
    h.start({ owner: 'alice', dept: 'ops' }, { businessKey: 'bk-1' });
    // then
    expect(h.state.businessKey).toBe('bk-1');
    expect(h.externalTask('check')).toMatchObject({ topicName: 'rules', priority: 7, extensionProperties: { ruleset: 'lec' } });
    expect(h.started()).toEqual(['start', 'check']);

    // when
    h.completeExternalTask('check', { level: 'major' }, { note: 'local' });
    // then
    expect(h.variable('level')).toBe('major');
    expect(h.state.variables.note).toBeUndefined();
    expect(h.userTask('approve')).toMatchObject({
      name: 'Approve major',
      assignee: 'alice',
      candidateGroups: ['safety', 'ops'],
      candidateUsers: [],
      dueDate: '2026-01-03T00:00:00.000Z',
      formKey: 'form:approve',
      priority: 50,
    });

    // when
    h.completeUserTask('approve', { approved: true });
    // then
    expect(h.state.ended).toBe(true);
    expect(h.state.endReason).toBe('completed');
    expect(h.state.executions).toEqual([]);
    expect(h.ended).toMatchObject({ type: 'instance.end', reason: 'completed' });
    expect(h.ended?.outputVariables.approved).toEqual({ type: 'Boolean', value: true });
    expect(h.history.at(-1)).toMatchObject({ type: 'process.end', endActivityId: 'end', reason: 'completed' });
    expect(h.waitingAt()).toEqual([]);
    h.expectBalancedHistory();
  });

  it('names the owning execution in every create effect and uses one execution per activity visit', async () => {
    // given
    const h = await ProcessHarness.of(linear);
    // when
    h.start({ owner: 'a', dept: 'd', level: 'minor' });
    const ext = h.externalTask('check');
    h.completeExternalTask('check');
    const task = h.userTask('approve');
    // then
    expect(ext.executionId).not.toBe(task.executionId);
    expect(ext.activityInstanceId).toBe(`check:${ext.executionId}`);
    expect(h.lastEffects).toContainEqual({ type: 'externalTask.delete', executionId: ext.executionId });
  });

  it('records process and activity history with parents', async () => {
    // given
    const h = await ProcessHarness.of(linear);
    // when
    h.start({ owner: 'a', dept: 'd' });
    // then
    expect(h.history[0]).toEqual({ type: 'process.start', time: '2026-01-01T00:00:00.000Z', startActivityId: 'start' });
    expect(h.history).toContainEqual(expect.objectContaining({ type: 'variable.set', name: 'owner', executionId: 'pi' }));
    expect(h.history).toContainEqual(expect.objectContaining({ type: 'activity.start', activityId: 'check', activityName: 'Check', activityType: 'serviceTask', parentActivityInstanceId: 'pi' }));
  });
});

describe('createExecutor: misuse', () => {
  it('throws stable codes and leaves the input state untouched', async () => {
    // given
    const h = await ProcessHarness.of(linear);
    h.start({ owner: 'a', dept: 'd' });
    const ctx = fakeContext();
    const ext = h.externalTask('check');
    const before = JSON.stringify(h.state);
    // when / then
    expect(() => h.executor.completeExternalTask(h.state, 'nope', {}, {}, ctx)).toThrow(expect.objectContaining({ code: 'bpmn.execution_not_found', status: 404 }));
    expect(() => h.executor.completeUserTask(h.state, ext.executionId, {}, ctx)).toThrow(expect.objectContaining({ code: 'bpmn.not_waiting' }));
    expect(() => h.executor.executeJob(h.state, { executionId: ext.executionId, activityId: 'check', kind: 'timer' }, ctx)).toThrow(
      expect.objectContaining({ code: 'bpmn.not_waiting' }),
    );
    expect(JSON.stringify(h.state)).toBe(before);
  });

  it('returns variable maps the host may edit without touching the input state', async () => {
    // given
    const h = await ProcessHarness.of(linear);
    h.start({ owner: 'a', dept: 'd', level: 'x' });
    const input = structuredClone(h.state);
    const snapshot = JSON.stringify(input);
    // when: a step that changes no variable, then the host strips variables from the result
    const r = h.executor.completeExternalTask(input, h.externalTask('check').executionId, {}, {}, fakeContext());
    delete r.state.variables.owner;
    for (const e of r.state.executions) if (e.variables) for (const k of Object.keys(e.variables)) delete e.variables[k];
    // then
    expect(JSON.stringify(input)).toBe(snapshot);
  });

  it('refuses an ended instance', async () => {
    // given
    const h = await ProcessHarness.of(linear);
    h.start({ owner: 'a', dept: 'd' });
    h.cancel();
    // when / then
    expect(() => h.executor.modifyVariables(h.state, vars({ a: 1 }), [], fakeContext())).toThrow(expect.objectContaining({ code: 'bpmn.instance_ended' }));
  });

  it('refuses a state of another definition', async () => {
    // given
    const h = await ProcessHarness.of(linear);
    h.start({ owner: 'a', dept: 'd' });
    // when / then
    expect(() => h.executor.cancel({ ...h.state, processDefinitionKey: 'other' }, 'x', fakeContext())).toThrow(expect.objectContaining({ code: 'bpmn.invalid_state' }));
  });

  it('rolls back on an expression error without touching the input', async () => {
    // given: owner is unknown when the user task is created
    const h = await ProcessHarness.of(linear);
    h.start({ dept: 'd' });
    const before = JSON.stringify(h.state);
    // when / then
    expect(() => h.completeExternalTask('check')).toThrow(expect.objectContaining({ code: 'bpmn.expression_error', status: 500 }));
    expect(() => h.completeExternalTask('check')).toThrow(/Unknown property used in expression/);
    expect(JSON.stringify(h.state)).toBe(before);
  });
});

describe('createExecutor: cancel and variables', () => {
  it('cancel deletes every artefact and ends the instance as deleted', async () => {
    // given
    const h = await ProcessHarness.of(linear);
    h.start({ owner: 'a', dept: 'd', level: 'minor' });
    h.completeExternalTask('check');
    const task = h.userTask('approve');
    // when
    h.cancel();
    // then
    expect(h.lastEffects).toContainEqual({ type: 'userTask.delete', executionId: task.executionId, reason: 'deleted' });
    expect(h.history).toContainEqual({ type: 'activity.end', activityInstanceId: task.activityInstanceId, time: expect.any(String), canceled: true });
    expect(h.state).toMatchObject({ ended: true, endReason: 'deleted', executions: [] });
    expect(h.ended?.reason).toBe('deleted');
    h.expectBalancedHistory();
  });

  it('modifyVariables sets and deletes process variables without executing', async () => {
    // given
    const h = await ProcessHarness.of(linear);
    h.start({ owner: 'a', dept: 'd' });
    // when
    h.call((s) => h.executor.modifyVariables(s, vars({ x: 1 }), ['dept', 'missing'], h.ctx));
    // then
    expect(h.variable('x')).toBe(1);
    expect(h.state.variables.dept).toBeUndefined();
    expect(h.lastEffects).toEqual([]);
    expect(h.history.slice(-2)).toEqual([
      { type: 'variable.set', name: 'x', value: { type: 'Integer', value: 1 }, executionId: 'pi', time: expect.any(String) },
      { type: 'variable.delete', name: 'dept', executionId: 'pi', time: expect.any(String) },
    ]);
  });

  it('reuses one parsed executor for many instances', async () => {
    // given
    const { processes } = await parseBpmn(linear);
    const executor = processes[0].executor;
    const ctx = fakeContext();
    // when
    const a = executor.start({ processInstanceId: 'a', processDefinitionId: 'd', variables: vars({ owner: 'x', dept: 'y' }) }, ctx);
    const b = executor.start({ processInstanceId: 'b', processDefinitionId: 'd', variables: vars({ owner: 'x', dept: 'y' }) }, ctx);
    // then
    expect(a.state.processInstanceId).toBe('a');
    expect(b.state.processInstanceId).toBe('b');
    expect(executor.info).toMatchObject({ key: 'p', topics: ['rules'], formKeys: ['form:approve'] });
  });
});

describe('createExecutor: start events', () => {
  const starts = bpmnXml(
    `
    <startEvent id="none" /><sequenceFlow id="f1" sourceRef="none" targetRef="u" />
    <startEvent id="byMessage"><messageEventDefinition messageRef="m" /></startEvent><sequenceFlow id="f2" sourceRef="byMessage" targetRef="u" />
    <startEvent id="byTimer"><timerEventDefinition><timeCycle>R/P1D</timeCycle></timerEventDefinition></startEvent><sequenceFlow id="f3" sourceRef="byTimer" targetRef="u" />
    <startEvent id="bySignal"><signalEventDefinition signalRef="sg" /></startEvent><sequenceFlow id="f4" sourceRef="bySignal" targetRef="u" />
    <userTask id="u" />`,
    { roots: '<message id="m" name="report" /><signal id="sg" name="alarm" />' },
  );

  it('starts at the none start event by default and at a named start event on request', async () => {
    for (const [startActivityId, type] of [
      [undefined, 'startEvent'],
      ['byMessage', 'messageStartEvent'],
      ['byTimer', 'startTimerEvent'],
      ['bySignal', 'signalStartEvent'],
    ] as const) {
      // given
      const h = await ProcessHarness.of(starts);
      // when
      h.start({}, startActivityId ? { startActivityId } : {});
      // then
      expect(h.history[1]).toMatchObject({ type: 'activity.start', activityId: startActivityId ?? 'none', activityType: type });
      expect(h.waitingAt()).toEqual(['u']);
    }
  });

  it('refuses an unknown start activity', async () => {
    // given
    const h = await ProcessHarness.of(starts);
    // when / then
    expect(() => h.start({}, { startActivityId: 'u' })).toThrow(expect.objectContaining({ code: 'bpmn.no_start_event' }));
  });

  it('uses the single start event when there is no none start event', async () => {
    // given
    const h = await ProcessHarness.of(bpmnXml(`<startEvent id="t"><timerEventDefinition><timeDate>2026-05-01T00:00:00Z</timeDate></timerEventDefinition></startEvent><sequenceFlow id="f" sourceRef="t" targetRef="u" /><userTask id="u" />`));
    // when
    h.start();
    // then
    expect(h.waitingAt()).toEqual(['u']);
  });

  it('keeps call-activity parentage and tenant in the state', async () => {
    // given
    const h = await ProcessHarness.of(starts);
    // when
    h.start({}, { superProcessInstanceId: 'parent', superExecutionId: 'pe', tenantId: 't1' });
    // then
    expect(h.state).toMatchObject({ superProcessInstanceId: 'parent', superExecutionId: 'pe', tenantId: 't1', processDefinitionId: 'def:1', formatVersion: 1 });
  });
});
