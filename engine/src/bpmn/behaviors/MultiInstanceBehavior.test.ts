import { describe, expect, it } from 'vitest';
import { bpmnXml } from '../testing/bpmnXml';
import { ProcessHarness } from '../testing/ProcessHarness';

const parallelReview = bpmnXml(`
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="review" />
    <userTask id="review" camunda:assignee="\${reviewer}">
      <multiInstanceLoopCharacteristics camunda:collection="\${reviewers}" camunda:elementVariable="reviewer">
        <completionCondition>\${nrOfCompletedInstances / nrOfInstances &gt;= 0.6}</completionCondition>
      </multiInstanceLoopCharacteristics>
    </userTask>
    <sequenceFlow id="f2" sourceRef="review" targetRef="after" /><userTask id="after" />
    <boundaryEvent id="late" attachedToRef="review"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></boundaryEvent>
    <sequenceFlow id="f3" sourceRef="late" targetRef="chase" /><userTask id="chase" />`);

const sequentialChecks = bpmnXml(`
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="check" />
    <serviceTask id="check" camunda:type="external" camunda:topic="check">
      <extensionElements><camunda:inputOutput><camunda:inputParameter name="round">\${loopCounter + 1}</camunda:inputParameter></camunda:inputOutput></extensionElements>
      <multiInstanceLoopCharacteristics isSequential="true"><loopCardinality>\${times}</loopCardinality></multiInstanceLoopCharacteristics>
    </serviceTask>
    <sequenceFlow id="f2" sourceRef="check" targetRef="e" /><endEvent id="e" />`);

const tasks = (h: ProcessHarness) => [...h.userTasks.values()].filter((t) => t.activityId === 'review');

describe('MultiInstanceBehavior', () => {
  it('parallel over a collection: one instance per element with loop variables', async () => {
    // given
    const h = await ProcessHarness.of(parallelReview);
    // when
    h.start({ reviewers: ['ann', 'bob', 'cy', 'dee', 'eve'] });
    // then
    expect(tasks(h).map((t) => t.assignee)).toEqual(['ann', 'bob', 'cy', 'dee', 'eve']);
    const body = h.state.executions.find((e) => e.activityInstanceId?.startsWith('review#multiInstanceBody'))!;
    expect(body.variables).toEqual({
      nrOfInstances: { type: 'Integer', value: 5 },
      nrOfCompletedInstances: { type: 'Integer', value: 0 },
      nrOfActiveInstances: { type: 'Integer', value: 5 },
    });
    const instances = h.state.executions.filter((e) => e.parentId === body.id && e.activityId === 'review');
    expect(instances.map((e) => e.variables?.loopCounter?.value)).toEqual([0, 1, 2, 3, 4]);
    expect(h.job('late').executionId).toBe(body.id);
  });

  it('parallel: the completion condition cancels the remaining instances', async () => {
    // given
    const h = await ProcessHarness.of(parallelReview);
    h.start({ reviewers: ['ann', 'bob', 'cy', 'dee', 'eve'] });
    const [ann, bob, cy] = tasks(h);
    // when
    for (const t of [ann, bob]) h.call((s) => h.executor.completeUserTask(s, t.executionId, {}, h.ctx));
    // then
    expect(tasks(h)).toHaveLength(3);
    // when: 3 of 5 = 0.6
    h.call((s) => h.executor.completeUserTask(s, cy.executionId, {}, h.ctx));
    // then
    expect(h.waitingAt()).toEqual(['after']);
    expect(h.lastEffects.filter((e) => e.type === 'userTask.delete' && e.reason === 'deleted')).toHaveLength(2);
    h.expectBalancedHistory();
  });

  it('a boundary timer on the multi-instance activity cancels all instances', async () => {
    // given
    const h = await ProcessHarness.of(parallelReview);
    h.start({ reviewers: ['ann', 'bob'] });
    // when
    h.runJob('late');
    // then
    expect(h.waitingAt()).toEqual(['chase']);
    h.expectBalancedHistory();
  });

  it('an empty collection passes straight through', async () => {
    // given
    const h = await ProcessHarness.of(parallelReview);
    // when
    h.start({ reviewers: [] });
    // then
    expect(h.waitingAt()).toEqual(['after']);
  });

  it('sequential with a cardinality runs one instance after the other', async () => {
    // given
    const h = await ProcessHarness.of(sequentialChecks);
    // when
    h.start({ times: 3 });
    // then
    const rounds: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      expect(h.externalTasks.size).toBe(1);
      const t = h.externalTask('check');
      rounds.push(h.state.executions.find((e) => e.id === t.executionId)!.variables!.round.value);
      h.completeExternalTask('check');
    }
    expect(rounds).toEqual([1, 2, 3]);
    expect(h.state.ended).toBe(true);
    h.expectBalancedHistory();
  });

  it('a multi-instance sub-process gives each instance its own scope', async () => {
    // given
    const h = await ProcessHarness.of(
      bpmnXml(`
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="perSite" />
    <subProcess id="perSite">
      <multiInstanceLoopCharacteristics camunda:collection="sites" camunda:elementVariable="site" />
      <startEvent id="ss" /><sequenceFlow id="a" sourceRef="ss" targetRef="visit" />
      <userTask id="visit" camunda:assignee="\${site.inspector}" />
      <sequenceFlow id="b" sourceRef="visit" targetRef="se" /><endEvent id="se" />
    </subProcess>
    <sequenceFlow id="f2" sourceRef="perSite" targetRef="e" /><endEvent id="e" />`),
    );
    // when
    h.start({ sites: [{ inspector: 'ann' }, { inspector: 'bob' }] });
    // then
    const visits = [...h.userTasks.values()];
    expect(visits.map((t) => t.assignee)).toEqual(['ann', 'bob']);
    // when
    for (const t of visits) h.call((s) => h.executor.completeUserTask(s, t.executionId, {}, h.ctx));
    // then
    expect(h.state.ended).toBe(true);
    h.expectBalancedHistory();
  });

  it('fails with bpmn.expression_error when the collection is missing', async () => {
    // given
    const h = await ProcessHarness.of(parallelReview);
    // when / then
    expect(() => h.start({})).toThrow(expect.objectContaining({ code: 'bpmn.expression_error' }));
  });
});
