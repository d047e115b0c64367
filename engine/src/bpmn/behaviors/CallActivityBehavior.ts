import type { CallActivityModel } from '../model/ProcessModel';
import type { Effect, ExecutionState, TypedValue, VariableMap } from '../ports';
import { expressionFailed } from '../executor/bpmnErrors';
import { caughtErrorsFrom } from '../executor/caughtErrors';
import type { Operation } from '../executor/Operation';
import { inVariables } from '../executor/inVariables';
import { fromTypedValue, toTypedValue } from '../variables';
import type { ActivityBehavior } from './ActivityBehavior';

const NULL: TypedValue = { type: 'Null', value: null };

function binding(op: Operation, c: CallActivityModel, exec: ExecutionState): Extract<Effect, { type: 'callActivity.start' }>['binding'] {
  if (c.binding === 'version') {
    const version = Number(op.evaluateValue(c.version!, exec, 'calledElementVersion'));
    if (!Number.isInteger(version) || version < 1) {
      throw expressionFailed(`calledElementVersion '${c.version!.source}' at '${exec.activityId}' is not a version number`, { expression: c.version!.source, activityId: exec.activityId });
    }
    return { kind: 'version', version };
  }
  if (c.binding === 'versionTag') return { kind: 'versionTag', versionTag: String(op.evaluateValue(c.versionTag!, exec, 'calledElementVersionTag')) };
  if (c.binding === 'deployment') return { kind: 'deployment' };
  return { kind: 'latest' };
}

/**
 * Call activity: emits `callActivity.start` (called element, binding,
 * business key, the `camunda:in` variables and the BPMN errors caught on the
 * way out, `callerCatches`) and waits until the runtime reports the child's
 * end through `completeCallActivity`, or an error escaping it through
 * `catchCalledError`.
 */
export const CallActivityBehavior: ActivityBehavior = {
  execute(op, exec, activity) {
    const c = activity.callActivity!;
    const calledElement = String(op.evaluateValue(c.calledElement, exec, 'calledElement'));
    const variables = inVariables(op, exec, c.inputs);
    const businessKey = c.businessKey ? op.evaluateValue(c.businessKey, exec, 'camunda:in businessKey') : undefined;
    op.wait(exec, 'callActivity');
    op.emit({
      type: 'callActivity.start',
      executionId: exec.id,
      activityId: activity.id,
      activityInstanceId: exec.activityInstanceId!,
      calledElement,
      binding: binding(op, c, exec),
      ...(businessKey === undefined || businessKey === null ? {} : { businessKey: String(businessKey) }),
      variables,
      callerCatches: caughtErrorsFrom(op, exec),
    });
  },
};

/** Applies the `camunda:out` mappings of a call activity to the child's output variables. */
export function applyCallActivityOutputs(op: Operation, exec: ExecutionState, childOutput: VariableMap): void {
  const c = op.activityOf(exec).callActivity!;
  const childScope = (name: string) => (name in childOutput ? { found: true as const, value: fromTypedValue(childOutput[name]) } : { found: false as const });
  const set = (local: boolean, name: string, value: TypedValue) => (local ? op.setLocal(exec, name, value) : op.setVariable(exec, name, value));
  for (const m of c.outputs) {
    if (m.kind === 'all') {
      for (const name in childOutput) set(m.local, name, childOutput[name]);
    } else {
      const value = m.sourceExpression ? toTypedValue(op.evaluateValue(m.sourceExpression, exec, 'camunda:out sourceExpression', childScope)) : (childOutput[m.source!] ?? NULL);
      set(m.local, m.target, value);
    }
  }
}
