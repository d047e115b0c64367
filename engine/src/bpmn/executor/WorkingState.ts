import type { ExecutionState, InstanceState, TypedValue, VariableMap } from '../ports';

/**
 * Copy-on-write view of an {@link InstanceState} for one operation. The input
 * state is never mutated: executions are shallow-copied once when the
 * operation starts; variable maps are copied on their first write (and in
 * {@link toState}); `data` objects are replaced, never changed in place;
 * typed values are treated as immutable and shared between the input and
 * output states.
 */
export class WorkingState {
  readonly base: InstanceState;
  readonly rootId: string;
  variables: VariableMap;
  ended: boolean;
  endReason?: InstanceState['endReason'];
  private readonly execs = new Map<string, ExecutionState>();
  private readonly ownVariables = new Set<string>();
  private rootVariablesOwned = false;

  constructor(state: InstanceState) {
    this.base = state;
    this.rootId = state.processInstanceId;
    this.variables = state.variables;
    this.ended = state.ended;
    this.endReason = state.endReason;
    for (const e of state.executions) this.execs.set(e.id, { ...e });
  }

  get(id: string): ExecutionState | undefined {
    return this.execs.get(id);
  }

  add(exec: ExecutionState): void {
    this.execs.set(exec.id, exec);
    this.ownVariables.add(exec.id);
  }

  remove(id: string): void {
    this.execs.delete(id);
    this.ownVariables.delete(id);
  }

  clear(): void {
    this.execs.clear();
  }

  all(): IterableIterator<ExecutionState> {
    return this.execs.values();
  }

  /** Direct children of an execution, in creation order. */
  children(parentId: string): ExecutionState[] {
    const out: ExecutionState[] = [];
    for (const e of this.execs.values()) if (e.parentId === parentId) out.push(e);
    return out;
  }

  /** Sets a local variable of a (non-root) execution. */
  setLocal(exec: ExecutionState, name: string, value: TypedValue): void {
    if (!this.ownVariables.has(exec.id)) {
      exec.variables = { ...exec.variables };
      this.ownVariables.add(exec.id);
    }
    (exec.variables ??= {})[name] = value;
  }

  setRoot(name: string, value: TypedValue): void {
    if (!this.rootVariablesOwned) {
      this.variables = { ...this.variables };
      this.rootVariablesOwned = true;
    }
    this.variables[name] = value;
  }

  deleteRoot(name: string): boolean {
    if (!(name in this.variables)) return false;
    if (!this.rootVariablesOwned) {
      this.variables = { ...this.variables };
      this.rootVariablesOwned = true;
    }
    delete this.variables[name];
    return true;
  }

  /** Replaces `exec.data` with a copy merged with `patch`; `undefined` values delete keys. */
  setData(exec: ExecutionState, patch: Record<string, unknown>): void {
    const next: Record<string, unknown> = {};
    let empty = true;
    const old = exec.data;
    if (old) {
      for (const k in old) {
        if (k in patch) continue;
        next[k] = old[k];
        empty = false;
      }
    }
    for (const k in patch) {
      const v = patch[k];
      if (v === undefined) continue;
      next[k] = v;
      empty = false;
    }
    if (empty) delete exec.data;
    else exec.data = next;
  }

  /**
   * The resulting state: new objects down to the variable maps (hosts may
   * strip entries from them without touching the input state); typed values
   * and `data` objects may be shared with the input and must not be mutated.
   */
  toState(): InstanceState {
    const executions: ExecutionState[] = [];
    for (const e of this.execs.values()) {
      if (e.variables !== undefined && !this.ownVariables.has(e.id)) e.variables = { ...e.variables };
      executions.push(e);
    }
    const state: InstanceState = {
      ...this.base,
      variables: this.rootVariablesOwned ? this.variables : { ...this.variables },
      executions,
      ended: this.ended,
    };
    if (this.endReason !== undefined) state.endReason = this.endReason;
    return state;
  }
}
