import { describe, expect, it } from 'vitest';
import { bpmnXml } from '../testing/bpmnXml';
import { ProcessHarness } from '../testing/ProcessHarness';

const rectify = bpmnXml(
  `
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="fix" />
    <userTask id="fix" camunda:assignee="owner" />
    <sequenceFlow id="f2" sourceRef="fix" targetRef="done" /><endEvent id="done" />
    <boundaryEvent id="overdue" attachedToRef="fix"><timerEventDefinition><timeDuration>P7D</timeDuration></timerEventDefinition></boundaryEvent>
    <sequenceFlow id="f3" sourceRef="overdue" targetRef="escalate" /><userTask id="escalate" camunda:candidateGroups="bureau" />
    <boundaryEvent id="remind" attachedToRef="fix" cancelActivity="false"><timerEventDefinition><timeCycle>R2/P1D</timeCycle></timerEventDefinition></boundaryEvent>
    <sequenceFlow id="f4" sourceRef="remind" targetRef="notify" /><serviceTask id="notify" camunda:type="external" camunda:topic="notify" />
    <sequenceFlow id="f5" sourceRef="notify" targetRef="notified" /><endEvent id="notified" />
    <boundaryEvent id="withdrawn" attachedToRef="fix"><messageEventDefinition messageRef="mWithdraw" /></boundaryEvent>
    <sequenceFlow id="f6" sourceRef="withdrawn" targetRef="closed" /><endEvent id="closed" />
    <boundaryEvent id="comment" attachedToRef="fix" cancelActivity="false"><messageEventDefinition messageRef="mComment" /></boundaryEvent>
    <sequenceFlow id="f7" sourceRef="comment" targetRef="read" /><userTask id="read" />`,
  { roots: '<message id="mWithdraw" name="withdraw" /><message id="mComment" name="comment" />' },
);

describe('boundary events', () => {
  it('are created when the activity starts', async () => {
    // given
    const h = await ProcessHarness.of(rectify);
    // when
    h.start();
    const fix = h.userTask('fix');
    // then
    expect(h.job('overdue')).toMatchObject({ executionId: fix.executionId, activityInstanceId: fix.activityInstanceId, dueDate: '2026-01-08T00:00:00.000Z' });
    expect(h.job('overdue').timer).toBeUndefined();
    expect(h.job('remind')).toMatchObject({ dueDate: '2026-01-02T00:00:00.000Z', timer: { kind: 'timeCycle', expression: 'R2/P1D', repeatsLeft: 1 } });
    expect(h.subscription('withdrawn')).toMatchObject({ kind: 'message', eventName: 'withdraw' });
    expect(h.subscription('withdrawn').executionId).not.toBe(fix.executionId);
  });

  it('an interrupting timer deletes the user task and takes the escalation path', async () => {
    // given
    const h = await ProcessHarness.of(rectify);
    h.start();
    const fix = h.userTask('fix');
    // when
    h.runJob('overdue');
    // then
    expect(h.lastEffects).toContainEqual({ type: 'userTask.delete', executionId: fix.executionId, reason: 'deleted' });
    expect(h.waitingAt()).toEqual(['escalate']);
    expect(h.history).toContainEqual({ type: 'activity.end', activityInstanceId: fix.activityInstanceId, time: '2026-01-08T00:00:00.000Z', canceled: true });
    h.expectBalancedHistory();
  });

  it('a non-interrupting cycle fires repeatedly while the task stays, until it ends', async () => {
    // given
    const h = await ProcessHarness.of(rectify);
    h.start();
    // when
    h.runJob('remind');
    // then
    expect(h.waitingAt()).toEqual(['comment', 'fix', 'notify', 'overdue(timer)', 'remind(timer)', 'withdrawn']);
    expect(h.job('remind')).toMatchObject({ dueDate: '2026-01-03T00:00:00.000Z', timer: { repeatsLeft: 0 } });
    // when
    h.completeExternalTask('notify');
    h.runJob('remind');
    // then: the cycle is exhausted after two fires
    expect(h.jobs.size).toBe(1);
    expect(h.externalTasks.size).toBe(1);
    // when: the task completes, its remaining boundary artefacts go
    h.completeUserTask('fix');
    // then
    expect(h.waitingAt()).toEqual(['notify']);
    h.completeExternalTask('notify');
    expect(h.state.ended).toBe(true);
    h.expectBalancedHistory();
  });

  it('an interrupting message boundary cancels the task', async () => {
    // given
    const h = await ProcessHarness.of(rectify);
    h.start();
    // when
    h.deliver('withdrawn', { why: 'duplicate' });
    // then
    expect(h.state.ended).toBe(true);
    expect(h.variable('why')).toBe('duplicate');
    expect(h.waitingAt()).toEqual([]);
    h.expectBalancedHistory();
  });

  it('a non-interrupting message boundary keeps the task and its subscription', async () => {
    // given
    const h = await ProcessHarness.of(rectify);
    h.start();
    // when
    h.deliver('comment');
    h.deliver('comment');
    // then
    expect(h.waitingAt()).toEqual(['comment', 'fix', 'overdue(timer)', 'read', 'read', 'remind(timer)', 'withdrawn']);
  });

  it('a signal boundary event subscribes by signal name and fires like a message', async () => {
    // given
    const h = await ProcessHarness.of(
      bpmnXml(
        `
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="drill" />
    <userTask id="drill" />
    <boundaryEvent id="alarm" attachedToRef="drill"><signalEventDefinition signalRef="sAlarm" /></boundaryEvent>
    <sequenceFlow id="f2" sourceRef="alarm" targetRef="evacuate" /><userTask id="evacuate" />`,
        { roots: '<signal id="sAlarm" name="fire-alarm" />' },
      ),
    );
    h.start();
    expect(h.subscription('alarm')).toMatchObject({ kind: 'signal', eventName: 'fire-alarm' });
    // when
    h.deliver('alarm');
    // then
    expect(h.waitingAt()).toEqual(['evacuate']);
  });
});
