import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../ports';
import { bpmnXml } from '../testing/bpmnXml';
import { ProcessHarness } from '../testing/ProcessHarness';

const roots = `<message id="mNote" name="addNote" /><message id="mWithdraw" name="withdraw" /><signal id="sTyphoon" name="typhoon" />
  <error id="eHazard" errorCode="HAZARD" /><error id="eOther" errorCode="OTHER" />`;

/** Main flow: inspect (user task) → done; event sub-processes given by the test. */
const inspection = (eventSubProcesses: string) =>
  bpmnXml(
    `
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="inspect" />
    <userTask id="inspect" camunda:assignee="inspector" />
    <sequenceFlow id="f2" sourceRef="inspect" targetRef="done" /><endEvent id="done" />
    ${eventSubProcesses}`,
    { roots },
  );

const esp = (id: string, start: string, body: string, interrupting = true) => `
    <subProcess id="${id}" triggeredByEvent="true">
      <startEvent id="${id}Start" isInterrupting="${interrupting}">${start}</startEvent>
      <sequenceFlow id="${id}F1" sourceRef="${id}Start" targetRef="${id}Task" />
      ${body.replace('TASK', `${id}Task`)}
      <sequenceFlow id="${id}F2" sourceRef="${id}Task" targetRef="${id}End" /><endEvent id="${id}End" />
    </subProcess>`;

const timer = (text: string, kind = 'timeDuration') =>
  `<timerEventDefinition><${kind}>${text}</${kind}></timerEventDefinition>`;
const userTask = '<userTask id="TASK" />';
const externalTask = (topic: string) =>
  `<serviceTask id="TASK" camunda:type="external" camunda:topic="${topic}" />`;

function starts(history: HistoryEvent[]) {
  return history.flatMap((h) => (h.type === 'activity.start' ? [h] : []));
}

describe('event sub-processes', () => {
  describe('timer start, interrupting', () => {
    const escalating = inspection(esp('escalation', timer('PT2H'), userTask));

    it('opens a timer job on the process scope when the instance starts', async () => {
      // given
      const h = await ProcessHarness.of(escalating);
      // when
      h.start();
      // then
      expect(h.job('escalationStart')).toMatchObject({
        executionId: 'pi',
        activityInstanceId: 'pi',
        kind: 'timer',
        dueDate: '2026-01-01T02:00:00.000Z',
      });
      expect(h.job('escalationStart').timer).toBeUndefined();
      expect(h.waitingAt()).toEqual(['escalationStart(timer)', 'inspect']);
    });

    it('escalates a slow inspection: the task is cancelled, the sub-process runs, then the process completes', async () => {
      // given
      const h = await ProcessHarness.of(escalating);
      h.start();
      const inspect = h.userTask('inspect');
      // when
      h.runJob('escalationStart');
      // then
      expect(h.lastEffects).toContainEqual({
        type: 'userTask.delete',
        executionId: inspect.executionId,
        reason: 'deleted',
      });
      expect(h.lastEffects).toContainEqual({
        type: 'job.delete',
        executionId: 'pi',
        activityId: 'escalationStart',
      });
      expect(h.waitingAt()).toEqual(['escalationTask']);
      expect(h.history).toContainEqual({
        type: 'activity.end',
        activityInstanceId: inspect.activityInstanceId,
        time: '2026-01-01T02:00:00.000Z',
        canceled: true,
      });
      const [sub, start] = starts(h.history).filter((e) => e.activityId.startsWith('escalation'));
      expect(sub).toMatchObject({
        activityId: 'escalation',
        activityType: 'subProcess',
        parentActivityInstanceId: 'pi',
      });
      expect(start).toMatchObject({
        activityId: 'escalationStart',
        activityType: 'startTimerEvent',
        parentActivityInstanceId: sub.activityInstanceId,
      });
      // when
      h.completeUserTask('escalationTask');
      // then
      expect(h.state.ended).toBe(true);
      expect(h.ended?.reason).toBe('completed');
      expect(h.started()).not.toContain('done');
      expect(h.waitingAt()).toEqual([]);
      h.expectBalancedHistory();
    });

    it('a main flow that ends first deletes the timer job with the process', async () => {
      // given
      const h = await ProcessHarness.of(escalating);
      h.start();
      // when
      h.completeUserTask('inspect');
      // then
      expect(h.state.ended).toBe(true);
      expect(h.lastEffects).toContainEqual({
        type: 'job.delete',
        executionId: 'pi',
        activityId: 'escalationStart',
      });
      expect(h.waitingAt()).toEqual([]);
      h.expectBalancedHistory();
    });

    it('resolves timer expressions from the variables of the scope', async () => {
      // given
      const h = await ProcessHarness.of(
        inspection(esp('escalation', timer('${deadline}', 'timeDate'), userTask)),
      );
      // when
      h.start({ deadline: '2026-03-01T08:00:00Z' });
      // then
      expect(h.job('escalationStart').dueDate).toBe('2026-03-01T08:00:00.000Z');
    });
  });

  describe('message start, non-interrupting', () => {
    const notes = inspection(esp('note', '<messageEventDefinition messageRef="mNote" />', userTask, false));

    it('adds a note task beside the inspection each time the message arrives, keeping its subscription', async () => {
      // given
      const h = await ProcessHarness.of(notes);
      h.start();
      const sub = h.subscription('noteStart');
      expect(sub).toMatchObject({ kind: 'message', eventName: 'addNote', activityId: 'noteStart' });
      // when
      h.deliver('noteStart', { note: 'fire exit blocked' });
      h.deliver('noteStart', { note: 'extinguisher expired' });
      // then
      expect(h.waitingAt()).toEqual(['inspect', 'noteStart', 'noteTask', 'noteTask']);
      expect(h.subscription('noteStart').executionId).toBe(sub.executionId);
      expect(h.variable('note')).toBe('extinguisher expired');
      expect(
        starts(h.history)
          .filter((e) => e.activityId === 'noteStart')
          .map((e) => e.activityType),
      ).toEqual(['messageStartEvent', 'messageStartEvent']);
    });

    it('the process completes only when the main flow and every running note are done', async () => {
      // given
      const h = await ProcessHarness.of(notes);
      h.start();
      h.deliver('noteStart');
      // when
      h.completeUserTask('inspect');
      // then: the note still runs; the subscription stays while the scope lives
      expect(h.state.ended).toBe(false);
      expect(h.waitingAt()).toEqual(['noteStart', 'noteTask']);
      // when
      h.completeUserTask('noteTask');
      // then
      expect(h.state.ended).toBe(true);
      expect(h.lastEffects).toContainEqual({
        type: 'subscription.delete',
        executionId: h.effects.find((e) => e.type === 'subscription.create')!.executionId,
      });
      expect(h.waitingAt()).toEqual([]);
      expect(h.history.at(-1)).toMatchObject({ type: 'process.end', reason: 'completed' });
      h.expectBalancedHistory();
    });

    it('without running notes the process completes with its main flow', async () => {
      // given
      const h = await ProcessHarness.of(notes);
      h.start();
      // when
      h.completeUserTask('inspect');
      // then
      expect(h.state.ended).toBe(true);
      expect(h.waitingAt()).toEqual([]);
      h.expectBalancedHistory();
    });
  });

  describe('timer cycle, non-interrupting', () => {
    it('fires on every cycle while the scope lives, then its job goes with the scope', async () => {
      // given
      const h = await ProcessHarness.of(
        inspection(esp('remind', timer('R3/PT1H', 'timeCycle'), externalTask('notify'), false)),
      );
      h.start();
      expect(h.job('remindStart')).toMatchObject({
        dueDate: '2026-01-01T01:00:00.000Z',
        timer: { kind: 'timeCycle', expression: 'R3/PT1H', repeatsLeft: 2 },
      });
      // when
      h.runJob('remindStart');
      h.runJob('remindStart');
      // then
      expect(h.externalTasks.size).toBe(2);
      expect(h.job('remindStart')).toMatchObject({
        dueDate: '2026-01-01T03:00:00.000Z',
        timer: { repeatsLeft: 0 },
      });
      expect(h.userTask('inspect')).toBeDefined();
      // when
      for (const t of [...h.externalTasks.values()])
        h.call((s) => h.executor.completeExternalTask(s, t.executionId, {}, {}, h.ctx));
      h.completeUserTask('inspect');
      // then
      expect(h.state.ended).toBe(true);
      expect(h.jobs.size).toBe(0);
      expect(h.lastEffects).toContainEqual({
        type: 'job.delete',
        executionId: 'pi',
        activityId: 'remindStart',
      });
      h.expectBalancedHistory();
    });

    it('a one-shot non-interrupting timer fires once and deletes its job', async () => {
      // given
      const h = await ProcessHarness.of(inspection(esp('remind', timer('PT1H'), userTask, false)));
      h.start();
      // when
      h.runJob('remindStart');
      // then
      expect(h.lastEffects).toContainEqual({
        type: 'job.delete',
        executionId: 'pi',
        activityId: 'remindStart',
      });
      expect(h.waitingAt()).toEqual(['inspect', 'remindTask']);
    });
  });

  describe('signal start', () => {
    it('an interrupting signal event sub-process replaces the main flow', async () => {
      // given
      const h = await ProcessHarness.of(
        inspection(esp('evacuate', '<signalEventDefinition signalRef="sTyphoon" />', userTask)),
      );
      h.start();
      expect(h.subscription('evacuateStart')).toMatchObject({ kind: 'signal', eventName: 'typhoon' });
      // when
      h.deliver('evacuateStart', { level: 'red' });
      // then
      expect(h.waitingAt()).toEqual(['evacuateTask']);
      expect(h.variable('level')).toBe('red');
      expect(starts(h.history).find((e) => e.activityId === 'evacuateStart')?.activityType).toBe(
        'signalStartEvent',
      );
      h.completeUserTask('evacuateTask');
      expect(h.state.ended).toBe(true);
      h.expectBalancedHistory();
    });
  });

  describe('interrupting cancels everything else in the scope', () => {
    it('running non-interrupting instances and the other triggers are cancelled', async () => {
      // given
      const h = await ProcessHarness.of(
        inspection(
          esp('note', '<messageEventDefinition messageRef="mNote" />', userTask, false) +
            esp('withdrawal', '<messageEventDefinition messageRef="mWithdraw" />', userTask) +
            esp('escalation', timer('PT2H'), userTask),
        ),
      );
      h.start();
      h.deliver('noteStart');
      const note = h.userTask('noteTask');
      // when
      h.deliver('withdrawalStart');
      // then
      expect(h.waitingAt()).toEqual(['withdrawalTask']);
      expect(h.lastEffects).toContainEqual({
        type: 'userTask.delete',
        executionId: note.executionId,
        reason: 'deleted',
      });
      expect(h.lastEffects).toContainEqual({
        type: 'job.delete',
        executionId: 'pi',
        activityId: 'escalationStart',
      });
      const noteInstance = starts(h.history).find((e) => e.activityId === 'note')!;
      expect(h.history).toContainEqual(
        expect.objectContaining({
          type: 'activity.end',
          activityInstanceId: noteInstance.activityInstanceId,
          canceled: true,
        }),
      );
      // when
      h.completeUserTask('withdrawalTask');
      // then
      expect(h.state.ended).toBe(true);
      h.expectBalancedHistory();
    });

    it('a terminate end event in the main flow cancels running event sub-process instances', async () => {
      // given
      const h = await ProcessHarness.of(
        bpmnXml(
          `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="inspect" /><userTask id="inspect" />
           <sequenceFlow id="f2" sourceRef="inspect" targetRef="stop" /><endEvent id="stop"><terminateEventDefinition /></endEvent>
           ${esp('note', '<messageEventDefinition messageRef="mNote" />', userTask, false)}`,
          { roots },
        ),
      );
      h.start();
      h.deliver('noteStart');
      // when
      h.completeUserTask('inspect');
      // then
      expect(h.state).toMatchObject({ ended: true, endReason: 'terminated' });
      expect(h.waitingAt()).toEqual([]);
      h.expectBalancedHistory();
    });

    it('deleting the instance removes every trigger', async () => {
      // given
      const h = await ProcessHarness.of(
        inspection(
          esp('note', '<messageEventDefinition messageRef="mNote" />', userTask, false) +
            esp('escalation', timer('PT2H'), userTask),
        ),
      );
      h.start();
      // when
      h.cancel();
      // then
      expect(h.waitingAt()).toEqual([]);
      h.expectBalancedHistory();
    });
  });

  describe('inside an embedded sub-process', () => {
    const nested = bpmnXml(
      `
      <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="area" />
      <subProcess id="area">
        <startEvent id="as" /><sequenceFlow id="af1" sourceRef="as" targetRef="check" />
        <userTask id="check" /><sequenceFlow id="af2" sourceRef="check" targetRef="ae" /><endEvent id="ae" />
        ${esp('stop', '<messageEventDefinition messageRef="mWithdraw" />', userTask)}
        ${esp('late', timer('PT1H'), userTask)}
      </subProcess>
      <sequenceFlow id="f2" sourceRef="area" targetRef="report" /><userTask id="report" />
      <boundaryEvent id="typhoon" attachedToRef="area" cancelActivity="false"><signalEventDefinition signalRef="sTyphoon" /></boundaryEvent>
      <sequenceFlow id="f3" sourceRef="typhoon" targetRef="shelter" /><userTask id="shelter" />`,
      { roots },
    );

    it('its triggers open with the sub-process (on its execution) and close when it completes', async () => {
      // given
      const h = await ProcessHarness.of(nested);
      // when
      h.start();
      // then
      const area = h.state.executions.find((e) => e.activityId === 'area')!;
      expect(h.job('lateStart')).toMatchObject({
        executionId: area.id,
        activityInstanceId: area.activityInstanceId,
      });
      expect(h.waitingAt()).toEqual(['check', 'lateStart(timer)', 'stopStart', 'typhoon']);
      // when
      h.completeUserTask('check');
      // then
      expect(h.waitingAt()).toEqual(['report']);
      expect(h.lastEffects).toContainEqual({
        type: 'job.delete',
        executionId: area.id,
        activityId: 'lateStart',
      });
      h.expectBalancedHistory();
    });

    it('an interrupting one replaces the sub-process content, keeps its boundary events, and the sub-process then leaves normally', async () => {
      // given
      const h = await ProcessHarness.of(nested);
      h.start();
      // when
      h.runJob('lateStart');
      // then
      expect(h.waitingAt()).toEqual(['lateTask', 'typhoon']);
      const late = starts(h.history).find((e) => e.activityId === 'late')!;
      const area = starts(h.history).find((e) => e.activityId === 'area')!;
      expect(late.parentActivityInstanceId).toBe(area.activityInstanceId);
      // when
      h.completeUserTask('lateTask');
      // then
      expect(h.waitingAt()).toEqual(['report']);
      h.completeUserTask('report');
      expect(h.state.ended).toBe(true);
      h.expectBalancedHistory();
    });

    it('cannot trigger once the sub-process has ended', async () => {
      // given
      const h = await ProcessHarness.of(nested);
      h.start();
      const area = h.state.executions.find((e) => e.activityId === 'area')!;
      h.completeUserTask('check');
      // when / then
      expect(() =>
        h.call((s) =>
          h.executor.executeJob(s, { executionId: area.id, activityId: 'lateStart', kind: 'timer' }, h.ctx),
        ),
      ).toThrow(expect.objectContaining({ code: 'bpmn.execution_not_found' }));
    });

    it('one set of triggers per multi-instance instance', async () => {
      // given
      const h = await ProcessHarness.of(
        bpmnXml(
          `
      <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="area" />
      <subProcess id="area">
        <multiInstanceLoopCharacteristics camunda:collection="zones" camunda:elementVariable="zone" />
        <startEvent id="as" /><sequenceFlow id="af1" sourceRef="as" targetRef="check" />
        <userTask id="check" camunda:assignee="\${zone}" /><sequenceFlow id="af2" sourceRef="check" targetRef="ae" /><endEvent id="ae" />
        ${esp('late', timer('PT1H'), '<userTask id="TASK" camunda:assignee="${zone}-lead" />')}
      </subProcess>
      <sequenceFlow id="f2" sourceRef="area" targetRef="e" /><endEvent id="e" />`,
          { roots },
        ),
      );
      h.start({ zones: ['north', 'south'] });
      const jobs = [...h.jobs.values()];
      expect(jobs.map((j) => j.activityId)).toEqual(['lateStart', 'lateStart']);
      const [north] = [...h.userTasks.values()];
      // when: the north instance's timer fires
      h.call((s) =>
        h.executor.executeJob(
          s,
          { executionId: jobs[0].executionId, activityId: 'lateStart', kind: 'timer' },
          h.ctx,
        ),
      );
      // then
      expect([...h.userTasks.values()].map((t) => t.assignee).sort()).toEqual(['north-lead', 'south']);
      expect(h.lastEffects).toContainEqual({
        type: 'userTask.delete',
        executionId: north.executionId,
        reason: 'deleted',
      });
      // when
      h.completeUserTask('lateTask');
      h.completeUserTask('check');
      // then
      expect(h.state.ended).toBe(true);
      expect(h.jobs.size).toBe(0);
      h.expectBalancedHistory();
    });
  });

  describe('error start events', () => {
    const withErrors = (inner: string, outer = '') =>
      bpmnXml(
        `
      <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="area" />
      <subProcess id="area">
        <startEvent id="as" /><sequenceFlow id="af1" sourceRef="as" targetRef="fork" />
        <parallelGateway id="fork" />
        <sequenceFlow id="af2" sourceRef="fork" targetRef="measure" /><sequenceFlow id="af3" sourceRef="fork" targetRef="photo" />
        <serviceTask id="measure" camunda:type="external" camunda:topic="measure" /><sequenceFlow id="af4" sourceRef="measure" targetRef="ae" /><endEvent id="ae" />
        <userTask id="photo" /><sequenceFlow id="af5" sourceRef="photo" targetRef="ae2" /><endEvent id="ae2" />
        ${inner}
      </subProcess>
      <sequenceFlow id="f2" sourceRef="area" targetRef="report" /><userTask id="report" />
      ${outer}`,
        { roots },
      );
    const errorStart = (ref = '', extra = '') =>
      `<errorEventDefinition ${ref ? `errorRef="${ref}"` : ''} ${extra} />`;
    const areaBoundary = `<boundaryEvent id="areaFailed" attachedToRef="area"><errorEventDefinition /></boundaryEvent>
      <sequenceFlow id="f3" sourceRef="areaFailed" targetRef="investigate" /><userTask id="investigate" />`;

    it("catches a worker's bpmnError by code, cancels the scope's other work, sets the error variables, and the scope then completes", async () => {
      // given
      const h = await ProcessHarness.of(
        withErrors(
          esp(
            'hazard',
            errorStart('eHazard', 'camunda:errorCodeVariable="code" camunda:errorMessageVariable="msg"'),
            userTask,
          ),
        ),
      );
      h.start();
      const photo = h.userTask('photo');
      const measure = h.externalTask('measure');
      // when
      h.throwBpmnError('measure', 'HAZARD', 'gas above limit');
      // then
      expect(h.waitingAt()).toEqual(['hazardTask']);
      expect(h.lastEffects).toContainEqual({ type: 'externalTask.delete', executionId: measure.executionId });
      expect(h.lastEffects).toContainEqual({
        type: 'userTask.delete',
        executionId: photo.executionId,
        reason: 'deleted',
      });
      expect(h.variable('code')).toBe('HAZARD');
      expect(h.variable('msg')).toBe('gas above limit');
      expect(starts(h.history).find((e) => e.activityId === 'hazardStart')?.activityType).toBe(
        'errorStartEvent',
      );
      // when
      h.completeUserTask('hazardTask');
      // then: the sub-process completed and left along its outgoing flow
      expect(h.waitingAt()).toEqual(['report']);
      h.expectBalancedHistory();
    });

    it('an exact code beats a catch-all; an unmatched code goes to the catch-all', async () => {
      // given
      const xml = withErrors(
        esp('anyError', errorStart(), userTask) + esp('hazard', errorStart('eHazard'), userTask),
      );
      const exact = await ProcessHarness.of(xml);
      const other = await ProcessHarness.of(xml);
      exact.start();
      other.start();
      // when
      exact.throwBpmnError('measure', 'HAZARD');
      other.throwBpmnError('measure', 'SOMETHING');
      // then
      expect(exact.waitingAt()).toEqual(['hazardTask']);
      expect(other.waitingAt()).toEqual(['anyErrorTask']);
    });

    it('precedence: a boundary on the throwing task wins over the event sub-process of its scope', async () => {
      // given
      const h = await ProcessHarness.of(
        withErrors(
          `${esp('hazard', errorStart('eHazard'), userTask)}
           <boundaryEvent id="measureFailed" attachedToRef="measure"><errorEventDefinition errorRef="eHazard" /></boundaryEvent>
           <sequenceFlow id="af6" sourceRef="measureFailed" targetRef="remeasure" /><userTask id="remeasure" />`,
        ),
      );
      h.start();
      // when
      h.throwBpmnError('measure', 'HAZARD');
      // then
      expect(h.waitingAt()).toEqual(['photo', 'remeasure']);
    });

    it("precedence: the scope's event sub-process wins over the boundary on the scope's activity", async () => {
      // given
      const h = await ProcessHarness.of(
        withErrors(esp('hazard', errorStart('eHazard'), userTask), areaBoundary),
      );
      h.start();
      // when
      h.throwBpmnError('measure', 'HAZARD');
      // then
      expect(h.waitingAt()).toEqual(['hazardTask']);
    });

    it("a code the scope's event sub-process does not catch goes to the boundary on the sub-process", async () => {
      // given
      const h = await ProcessHarness.of(
        withErrors(esp('hazard', errorStart('eHazard'), userTask), areaBoundary),
      );
      h.start();
      // when
      h.throwBpmnError('measure', 'OTHER');
      // then
      expect(h.waitingAt()).toEqual(['investigate']);
      expect(h.jobs.size + h.subscriptions.size).toBe(0);
      h.expectBalancedHistory();
    });

    it('an error end event in the sub-process is caught by a process-level event sub-process, which ends the process', async () => {
      // given
      const h = await ProcessHarness.of(
        withErrors(
          `<boundaryEvent id="never" attachedToRef="photo"><errorEventDefinition errorRef="eOther" /></boundaryEvent>
           <sequenceFlow id="af7" sourceRef="never" targetRef="ae3" /><endEvent id="ae3" />`,
          esp('fatal', errorStart('eHazard'), userTask) +
            esp('note', '<messageEventDefinition messageRef="mNote" />', userTask, false),
        ).replace(
          '<endEvent id="ae" />',
          '<endEvent id="ae"><errorEventDefinition errorRef="eHazard" /></endEvent>',
        ),
      );
      h.start();
      // when
      h.completeExternalTask('measure');
      // then
      expect(h.waitingAt()).toEqual(['fatalTask']);
      // when
      h.completeUserTask('fatalTask');
      // then
      expect(h.state.ended).toBe(true);
      expect(h.started()).not.toContain('report');
      h.expectBalancedHistory();
    });

    it('an error thrown inside an error event sub-process is not caught by itself but by the next scope out', async () => {
      // given
      const h = await ProcessHarness.of(
        withErrors(
          `<subProcess id="cleanup" triggeredByEvent="true">
             <startEvent id="cleanupStart">${errorStart()}</startEvent>
             <sequenceFlow id="c1" sourceRef="cleanupStart" targetRef="cleanupTask" />
             <serviceTask id="cleanupTask" camunda:type="external" camunda:topic="cleanup" />
             <sequenceFlow id="c2" sourceRef="cleanupTask" targetRef="cleanupEnd" /><endEvent id="cleanupEnd" />
           </subProcess>`,
          areaBoundary,
        ),
      );
      h.start();
      h.throwBpmnError('measure', 'HAZARD');
      expect(h.waitingAt()).toEqual(['cleanupTask']);
      // when
      h.throwBpmnError('cleanupTask', 'HAZARD');
      // then
      expect(h.waitingAt()).toEqual(['investigate']);
      h.expectBalancedHistory();
    });
  });

  describe('more shapes', () => {
    it('an event sub-process may host event sub-processes of its own, scoped to its run', async () => {
      // given
      const h = await ProcessHarness.of(
        inspection(`
          <subProcess id="alarm" triggeredByEvent="true">
            <startEvent id="alarmStart"><signalEventDefinition signalRef="sTyphoon" /></startEvent>
            <sequenceFlow id="a1" sourceRef="alarmStart" targetRef="shelter" /><userTask id="shelter" />
            <sequenceFlow id="a2" sourceRef="shelter" targetRef="alarmEnd" /><endEvent id="alarmEnd" />
            ${esp('headcount', timer('PT10M'), userTask, false)}
          </subProcess>`),
      );
      h.start();
      expect(h.waitingAt()).toEqual(['alarmStart', 'inspect']);
      // when
      h.deliver('alarmStart');
      // then
      const alarm = h.state.executions.find((e) => e.activityId === 'alarm')!;
      expect(h.job('headcountStart').executionId).toBe(alarm.id);
      // when
      h.runJob('headcountStart');
      h.completeUserTask('headcountTask');
      h.completeUserTask('shelter');
      // then
      expect(h.state.ended).toBe(true);
      expect(h.waitingAt()).toEqual([]);
      h.expectBalancedHistory();
    });

    it('an error ending a non-interrupting instance, caught on the scope, removes the renewed subscription too', async () => {
      // given
      const h = await ProcessHarness.of(
        bpmnXml(
          `
      <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="area" />
      <subProcess id="area">
        <startEvent id="as" /><sequenceFlow id="af1" sourceRef="as" targetRef="check" />
        <userTask id="check" /><sequenceFlow id="af2" sourceRef="check" targetRef="ae" /><endEvent id="ae" />
        <subProcess id="report" triggeredByEvent="true">
          <startEvent id="reportStart" isInterrupting="false"><messageEventDefinition messageRef="mNote" /></startEvent>
          <sequenceFlow id="r1" sourceRef="reportStart" targetRef="reportFail" />
          <endEvent id="reportFail"><errorEventDefinition errorRef="eHazard" /></endEvent>
        </subProcess>
      </subProcess>
      <sequenceFlow id="f2" sourceRef="area" targetRef="e" /><endEvent id="e" />
      <boundaryEvent id="areaFailed" attachedToRef="area"><errorEventDefinition errorRef="eHazard" /></boundaryEvent>
      <sequenceFlow id="f3" sourceRef="areaFailed" targetRef="investigate" /><userTask id="investigate" />`,
          { roots },
        ),
      );
      h.start();
      // when
      h.deliver('reportStart');
      // then
      expect(h.waitingAt()).toEqual(['investigate']);
      expect(h.lastEffects.filter((e) => e.type.startsWith('subscription')).map((e) => e.type)).toEqual([
        'subscription.create',
        'subscription.delete',
      ]);
      h.expectBalancedHistory();
    });
  });

  describe('parsing', () => {
    const parseError = async (xml: string) => {
      try {
        await ProcessHarness.of(xml);
      } catch (err) {
        return (err as { details: { errors: Array<{ message: string }> } }).details.errors.map(
          (e) => e.message,
        );
      }
      throw new Error('parsed');
    };

    it('message start events of event sub-processes are not process start events', async () => {
      // given
      const h = await ProcessHarness.of(
        inspection(esp('note', '<messageEventDefinition messageRef="mNote" />', userTask, false)),
      );
      // then
      expect(h.executor.info.messageStartEvents).toEqual([]);
    });

    it('rejects sequence flows into an event sub-process, a none start, two starts and a non-interrupting error start', async () => {
      // when
      const errors = await parseError(
        inspection(`
          <subProcess id="flowed" triggeredByEvent="true"><startEvent id="fs">${timer('PT1H')}</startEvent></subProcess>
          <sequenceFlow id="x1" sourceRef="inspect" targetRef="flowed" />
          <subProcess id="plain" triggeredByEvent="true"><startEvent id="ps" /></subProcess>
          <subProcess id="twice" triggeredByEvent="true"><startEvent id="t1">${timer('PT1H')}</startEvent><startEvent id="t2">${timer('PT2H')}</startEvent></subProcess>
          <subProcess id="soft" triggeredByEvent="true"><startEvent id="ss1" isInterrupting="false"><errorEventDefinition /></startEvent></subProcess>
          <subProcess id="dup1" triggeredByEvent="true"><startEvent id="d1"><messageEventDefinition messageRef="mNote" /></startEvent></subProcess>
          <subProcess id="dup2" triggeredByEvent="true"><startEvent id="d2"><messageEventDefinition messageRef="mNote" /></startEvent></subProcess>
          <subProcess id="looped" triggeredByEvent="true"><multiInstanceLoopCharacteristics><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics><startEvent id="l1">${timer('PT1H')}</startEvent></subProcess>
          <subProcess id="hosted" triggeredByEvent="true"><startEvent id="h1">${timer('PT1H')}</startEvent></subProcess>
          <boundaryEvent id="onHosted" attachedToRef="hosted">${timer('PT1H')}</boundaryEvent>
          <subProcess id="esc" triggeredByEvent="true"><startEvent id="esc1"><escalationEventDefinition /></startEvent></subProcess>`),
      );
      // then
      expect(errors).toEqual(
        expect.arrayContaining([
          "Event sub-process 'flowed' cannot have incoming or outgoing sequence flows",
          'A none startEvent inside an event sub-process is not supported',
          "Event sub-process 'twice' needs exactly one start event (has 2)",
          "Error start event 'ss1' of event sub-process 'soft' must be interrupting",
          "Cannot have more than one message event subscription with name 'addNote' for scope 'process'",
          "Event sub-process 'looped' cannot be multi-instance",
          "Event sub-process 'hosted' cannot have boundary events",
          'EscalationEventDefinition is not supported',
        ]),
      );
    });
  });
});
