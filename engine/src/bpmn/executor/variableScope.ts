import type { ExecutionState, TypedValue, VariableMap } from '../ports';
import { fromTypedValue } from '../variables';
import type { WorkingState } from './WorkingState';

/**
 * Variable scoping (Camunda): an execution sees its local variables, then its
 * parent scopes', then the process instance's. Writes follow Camunda's
 * `setVariable`: the nearest scope that already has the variable, else the
 * process instance.
 */

/** The typed value visible from `exec`, or undefined. */
export function lookupVariable(w: WorkingState, exec: ExecutionState | undefined, name: string): TypedValue | undefined {
  let e = exec;
  while (e !== undefined && e.parentId !== undefined) {
    const local = e.variables?.[name];
    if (local !== undefined) return local;
    e = w.get(e.parentId);
  }
  return w.variables[name];
}

/** Every variable visible from `exec`, nearer scopes overriding outer ones. */
export function visibleVariables(w: WorkingState, exec: ExecutionState | undefined): VariableMap {
  const chain: VariableMap[] = [];
  let e = exec;
  while (e !== undefined && e.parentId !== undefined) {
    if (e.variables) chain.push(e.variables);
    e = w.get(e.parentId);
  }
  const out: VariableMap = { ...w.variables };
  for (let i = chain.length - 1; i >= 0; i--) Object.assign(out, chain[i]);
  return out;
}

/** Where `setVariable(name)` from `exec` lands: the id of the owning execution (root id for the process). */
export function variableOwner(w: WorkingState, exec: ExecutionState | undefined, name: string): ExecutionState | undefined {
  let e = exec;
  while (e !== undefined && e.parentId !== undefined) {
    if (e.variables !== undefined && name in e.variables) return e;
    e = w.get(e.parentId);
  }
  return undefined;
}

/** The plain JS value of a variable for expressions (see {@link fromTypedValue}). */
export function plainVariable(w: WorkingState, exec: ExecutionState | undefined, name: string): { found: true; value: unknown } | { found: false } {
  const tv = lookupVariable(w, exec, name);
  return tv === undefined ? { found: false } : { found: true, value: fromTypedValue(tv) };
}

/** The `execution` object expressions see (read-only facts about the instance and the current activity). */
export function executionFacade(w: WorkingState, exec: ExecutionState | undefined): Record<string, unknown> {
  const s = w.base;
  return {
    id: exec?.id ?? s.processInstanceId,
    processInstanceId: s.processInstanceId,
    processDefinitionId: s.processDefinitionId,
    businessKey: s.businessKey ?? null,
    processBusinessKey: s.businessKey ?? null,
    activityId: exec?.activityId ?? null,
    currentActivityId: exec?.activityId ?? null,
    tenantId: s.tenantId ?? null,
  };
}
