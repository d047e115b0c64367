import { describe, expect, it } from 'vitest';
import { bpmnXml } from '../testing/bpmnXml';
import { ProcessHarness } from '../testing/ProcessHarness';

const task = (attrs: string) =>
  bpmnXml(`
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="u" />
    <userTask id="u" name="Inspect" ${attrs}><documentation>Walk the site.</documentation></userTask>
    <sequenceFlow id="f2" sourceRef="u" targetRef="e" /><endEvent id="e" />`);

describe('UserTaskBehavior', () => {
  it('resolves candidates from lists, expressions and expression lists', async () => {
    // given
    const h = await ProcessHarness.of(task('camunda:candidateUsers="ann, ${lead}, ${team}" camunda:candidateGroups="${groups}" camunda:priority="${urgent ? 80 : 20}"'));
    // when
    h.start({ lead: 'bob', team: ['cy', 'ann'], groups: 'inspectors,officers', urgent: true });
    // then
    expect(h.userTask('u')).toMatchObject({
      name: 'Inspect',
      documentation: 'Walk the site.',
      candidateUsers: ['ann', 'bob', 'cy'],
      candidateGroups: ['inspectors', 'officers'],
      priority: 80,
    });
    expect(h.userTask('u').assignee).toBeUndefined();
  });

  it('resolves due and follow-up dates from durations, dates and expressions', async () => {
    // given
    const h = await ProcessHarness.of(task('camunda:dueDate="${due}" camunda:followUpDate="PT36H"'));
    h.ctx.set('2026-03-01T08:00:00Z');
    // when
    h.start({ due: new Date('2026-03-10T00:00:00Z') });
    // then
    expect(h.userTask('u')).toMatchObject({ dueDate: '2026-03-10T00:00:00.000Z', followUpDate: '2026-03-02T20:00:00.000Z' });
  });

  it('evaluates a form key holding an expression when the task is created, and keeps a fixed one as written', async () => {
    // given a form key picked by a variable (a schedule's checklist) and a fixed one
    const dynamic = await ProcessHarness.of(task('camunda:formKey="safeflow:forms/${checklistKey}@latest"'));
    const fixed = await ProcessHarness.of(task('camunda:formKey="safeflow:forms/safety.inspection.fire@3"'));
    // when
    dynamic.start({ checklistKey: 'safety.checklist.fire' });
    fixed.start();
    // then
    expect(dynamic.userTask('u').formKey).toBe('safeflow:forms/safety.checklist.fire@latest');
    expect(fixed.userTask('u').formKey).toBe('safeflow:forms/safety.inspection.fire@3');
    // and a missing variable is an expression error, as in Camunda
    const missing = await ProcessHarness.of(task('camunda:formKey="safeflow:forms/${checklistKey}@latest"'));
    expect(() => missing.start()).toThrow(expect.objectContaining({ code: 'bpmn.expression_error' }));
  });

  it("evaluates now() at the engine's clock, not the wall clock", async () => {
    // given an engine clock far from today
    const h = await ProcessHarness.of(task('camunda:assignee="${now()}"'));
    h.ctx.set('2031-05-06T07:08:09Z');
    // when
    h.start();
    // then
    expect(h.userTask('u').assignee).toBe('2031-05-06T07:08:09.000Z');
  });

  it('accepts an ISO date text as due date', async () => {
    // given
    const h = await ProcessHarness.of(task('camunda:dueDate="2026-06-30T18:00:00+08:00"'));
    // when
    h.start();
    // then
    expect(h.userTask('u').dueDate).toBe('2026-06-30T10:00:00.000Z');
  });

  it('fails with bpmn.expression_error when a due date expression gives no date', async () => {
    // given
    const h = await ProcessHarness.of(task('camunda:dueDate="${due}"'));
    // when / then
    expect(() => h.start({ due: 'soon' })).toThrow(expect.objectContaining({ code: 'bpmn.expression_error' }));
  });

  it('completing sets variables on the process and deletes the task as completed', async () => {
    // given
    const h = await ProcessHarness.of(task(''));
    h.start();
    const u = h.userTask('u');
    // when
    h.completeUserTask('u', { ok: true });
    // then
    expect(h.lastEffects[0]).toEqual({ type: 'userTask.delete', executionId: u.executionId, reason: 'completed' });
    expect(h.history).toContainEqual(expect.objectContaining({ type: 'variable.set', name: 'ok', executionId: 'pi' }));
    expect(h.state.ended).toBe(true);
  });
});
