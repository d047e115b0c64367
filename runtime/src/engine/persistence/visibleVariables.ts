import type { InstanceState, VariableMap } from '@safeflow/engine/bpmn';

/**
 * The variables an execution sees: process variables overlaid by the local
 * variables of its ancestors and itself (closest scope wins). `localOnly`
 * gives only the execution's own locals. An unknown execution sees the process variables.
 */
export function visibleVariables(state: InstanceState, executionId: string | undefined, localOnly = false): VariableMap {
  const byId = new Map(state.executions.map((e) => [e.id, e]));
  const chain = [];
  for (let e = executionId ? byId.get(executionId) : undefined; e; e = e.parentId ? byId.get(e.parentId) : undefined) chain.unshift(e);
  if (localOnly) return { ...(chain.at(-1)?.variables ?? {}) };
  const out: VariableMap = { ...state.variables };
  for (const e of chain) Object.assign(out, e.variables ?? {});
  return out;
}
