import type { EventDefinitionModel } from '../model/ProcessModel';
import type { ExecutionState, TimerDefinition } from '../ports';
import { nextTimerDate, type NextTimer } from '../timers';
import { expressionFailed } from './bpmnErrors';
import type { Operation } from './Operation';

/**
 * Resolves a timer event (evaluating `${}` against the execution's variables;
 * a Date result is used as an ISO date) and computes its first due date from
 * the operation's clock. Returns the resolved definition too, so repeating
 * jobs carry text the runtime can reschedule without variables. Null when the
 * timer never fires (an exhausted cycle).
 */
export function timerDueDate(op: Operation, event: Extract<EventDefinitionModel, { kind: 'timer' }>, exec: ExecutionState): { timer: TimerDefinition; next: NextTimer | null } {
  let timer = event.timer;
  if (event.dynamic) {
    const value = op.evaluateValue({ source: timer.expression, dynamic: true }, exec, `timer ${timer.kind}`);
    let text: string;
    if (value instanceof Date) text = value.toISOString();
    else if (typeof value === 'string') text = value.trim();
    else throw expressionFailed(`Timer expression '${timer.expression}' at '${exec.activityId}' did not return a date or a string`, { expression: timer.expression, activityId: exec.activityId });
    timer = { kind: timer.kind, expression: text };
  }
  return { timer, next: nextTimerDate(timer, op.now) };
}
