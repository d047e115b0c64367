import type { ActivityModel } from '../model/ProcessModel';
import type { ExecutionState } from '../ports';
import { inVariables } from '../executor/inVariables';
import type { Operation } from '../executor/Operation';

/**
 * A signal throw (intermediate throw or end event with a
 * `signalEventDefinition`): evaluates the signal name (`${}` allowed), the
 * `camunda:in` variables and business key at `exec` and emits `signal.throw`
 * for the runtime to broadcast. The token then leaves as usual (Camunda
 * delivers the signal before the thrower moves on; the runtime keeps that
 * order: the effect precedes everything the rest of the step produces).
 */
export function throwSignal(op: Operation, exec: ExecutionState, activity: ActivityModel): void {
  const event = activity.event;
  if (event?.kind !== 'signal') return;
  const signalName = String(op.evaluateValue(event.signalName, exec, 'signal name'));
  const businessKey = event.businessKey
    ? op.evaluateValue(event.businessKey, exec, 'camunda:in businessKey')
    : undefined;
  op.emit({
    type: 'signal.throw',
    executionId: exec.id,
    activityId: activity.id,
    signalName,
    variables: event.inputs ? inVariables(op, exec, event.inputs) : {},
    ...(businessKey === undefined || businessKey === null ? {} : { businessKey: String(businessKey) }),
    async: event.async === true,
  });
}
