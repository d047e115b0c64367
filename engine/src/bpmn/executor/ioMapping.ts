import type { ActivityModel, ParameterValueModel } from '../model/ProcessModel';
import type { ExecutionState } from '../ports';
import { toTypedValue } from '../variables';
import type { Operation } from './Operation';

function valueOf(op: Operation, v: ParameterValueModel, exec: ExecutionState, what: string): unknown {
  switch (v.kind) {
    case 'null':
      return null;
    case 'text':
      return op.evaluateValue(v.text, exec, what);
    case 'list':
      return v.items.map((item) => valueOf(op, item, exec, what));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of v.entries) out[e.key] = valueOf(op, e.value, exec, what);
      return out;
    }
  }
}

/** `camunda:inputParameter`s: evaluated in the activity's scope, set as local variables of its execution. */
export function applyInputs(op: Operation, exec: ExecutionState, activity: ActivityModel): void {
  for (const p of activity.inputs) op.setLocal(exec, p.name, toTypedValue(valueOf(op, p.value, exec, `input parameter '${p.name}'`)));
}

/** `camunda:outputParameter`s: evaluated in the activity's scope, set from the parent scope (Camunda `setVariable`). */
export function applyOutputs(op: Operation, exec: ExecutionState, activity: ActivityModel): void {
  const values = activity.outputs.map((p) => [p.name, toTypedValue(valueOf(op, p.value, exec, `output parameter '${p.name}'`))] as const);
  const parent = op.parent(exec);
  for (const [name, value] of values) op.setVariable(parent, name, value);
}
