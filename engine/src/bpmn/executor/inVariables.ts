import type { VariableMappingModel } from '../model/ProcessModel';
import type { ExecutionState, TypedValue, VariableMap } from '../ports';
import { toTypedValue } from '../variables';
import type { Operation } from './Operation';
import { visibleVariables } from './variableScope';

const NULL: TypedValue = { type: 'Null', value: null };

/**
 * The variables `camunda:in` mappings pass on (call activities, signal
 * throws), evaluated at `exec`: `variables="all"` copies every visible
 * variable (with `local="true"` only the execution's own), `source` copies
 * one (Null when absent), `sourceExpression` evaluates a `${}` expression.
 */
export function inVariables(
  op: Operation,
  exec: ExecutionState,
  mappings: readonly VariableMappingModel[],
): VariableMap {
  const variables: VariableMap = {};
  for (const m of mappings) {
    if (m.kind === 'all') Object.assign(variables, m.local ? exec.variables : visibleVariables(op.w, exec));
    else
      variables[m.target] = m.sourceExpression
        ? toTypedValue(op.evaluateValue(m.sourceExpression, exec, 'camunda:in sourceExpression'))
        : (op.lookup(exec, m.source!) ?? NULL);
  }
  return variables;
}
