import type { ExpressionModel } from '../model/ProcessModel';
import type { ExecutionState } from '../ports';
import { expressionFailed } from '../executor/bpmnErrors';
import type { Operation } from '../executor/Operation';
import { addIsoDuration, parseIsoDate, parseIsoDuration } from '../timers';
import type { ActivityBehavior } from './ActivityBehavior';

function text(op: Operation, e: ExpressionModel | undefined, exec: ExecutionState, what: string): string | undefined {
  if (!e) return undefined;
  const v = op.evaluateValue(e, exec, what);
  if (v === null || v === undefined || v === '') return undefined;
  return String(v);
}

/** Comma-list parts; an expression may give one id, a comma string or a list of ids. */
function ids(op: Operation, parts: readonly ExpressionModel[], exec: ExecutionState, what: string): string[] {
  const out: string[] = [];
  const add = (v: unknown) => {
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) v.forEach(add);
    else
      for (const s of String(v).split(',')) {
        const t = s.trim();
        if (t !== '' && !out.includes(t)) out.push(t);
      }
  };
  for (const p of parts) add(op.evaluateValue(p, exec, what));
  return out;
}

/** An ISO date string from a Date, an ISO date text or an ISO duration counted from now. */
function dateOf(op: Operation, e: ExpressionModel | undefined, exec: ExecutionState, what: string): string | undefined {
  if (!e) return undefined;
  const v = op.evaluateValue(e, exec, what);
  if (v === null || v === undefined || v === '') return undefined;
  if (v instanceof Date) return v.toISOString();
  const s = String(v).trim();
  try {
    return (s.startsWith('P') ? addIsoDuration(op.now, parseIsoDuration(s)) : parseIsoDate(s)).toISOString();
  } catch {
    throw expressionFailed(`${what} '${s}' at '${exec.activityId}' is neither an ISO 8601 date nor an ISO 8601 duration`, { expression: e.source, activityId: exec.activityId });
  }
}

/** User tasks: emits `userTask.create` with assignment, dates and form key resolved; waits for `completeUserTask`. */
export const UserTaskBehavior: ActivityBehavior = {
  execute(op, exec, activity) {
    const t = activity.userTask!;
    let priority = 50;
    if (t.priority) {
      const p = Number(op.evaluateValue(t.priority, exec, 'camunda:priority'));
      if (!Number.isFinite(p)) throw expressionFailed(`camunda:priority '${t.priority.source}' at '${activity.id}' is not a number`, { expression: t.priority.source, activityId: activity.id });
      priority = Math.trunc(p);
    }
    const name = text(op, t.name, exec, 'task name');
    const assignee = text(op, t.assignee, exec, 'camunda:assignee');
    const dueDate = dateOf(op, t.dueDate, exec, 'camunda:dueDate');
    const followUpDate = dateOf(op, t.followUpDate, exec, 'camunda:followUpDate');
    const formKey = t.formKeyExpression ? text(op, t.formKeyExpression, exec, 'camunda:formKey') : t.formKey;
    op.wait(exec, 'userTask');
    op.emit({
      type: 'userTask.create',
      executionId: exec.id,
      activityId: activity.id,
      activityInstanceId: exec.activityInstanceId!,
      ...(name === undefined ? {} : { name }),
      ...(activity.documentation === undefined ? {} : { documentation: activity.documentation }),
      ...(assignee === undefined ? {} : { assignee }),
      candidateUsers: ids(op, t.candidateUsers, exec, 'camunda:candidateUsers'),
      candidateGroups: ids(op, t.candidateGroups, exec, 'camunda:candidateGroups'),
      ...(dueDate === undefined ? {} : { dueDate }),
      ...(followUpDate === undefined ? {} : { followUpDate }),
      ...(formKey === undefined ? {} : { formKey }),
      priority,
    });
  },
};
