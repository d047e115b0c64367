import { SafeFlowError } from '../../errors';
import type { ExpressionScope } from '../../expression';
import type { ActivityModel, ExpressionModel, ProcessModel, SequenceFlowModel } from '../model/ProcessModel';
import type { Effect, ExecutionContext, ExecutionState, HistoryEvent, InstanceState, StepResult, TypedValue, VariableMap } from '../ports';
import { behaviorFor } from '../behaviors/behaviorFor';
import { instanceCompleted, startMultiInstance } from '../behaviors/MultiInstanceBehavior';
import { noOutgoingFlow } from './bpmnErrors';
import { createBoundaryEvents, removeBoundaryEvents } from './boundaryEvents';
import { endWaitArtefacts } from './endWaitArtefacts';
import { evaluate, evaluateCondition } from './evaluate';
import { applyInputs, applyOutputs } from './ioMapping';
import { dataOf, type ExecutionData, type WaitKind } from './ExecutionData';
import { activateInclusiveJoins } from './inclusiveJoin';
import { endProcess } from './endings';
import { closeEventSubProcesses } from './eventSubProcesses';
import { executionFacade, lookupVariable, plainVariable, variableOwner } from './variableScope';
import { WorkingState } from './WorkingState';

/** Operations one call may run before it is considered an endless loop. */
const MAX_STEPS = 100_000;

/**
 * One unit of work on one process instance: the generic activity lifecycle
 * (enter → async-before → execute → leave → async-after → take flows) plus
 * token bookkeeping, over a copy-on-write {@link WorkingState}. Element
 * semantics live in one behaviour per element kind (`behaviors/`).
 *
 * Design. Tokens are executions. The root execution (id = process instance id)
 * is the process scope; every visit of an activity gets a fresh execution
 * (`activityInstanceId = activityId:executionId`), so an execution id names
 * exactly one wait artefact. Scopes (sub-processes, multi-instance bodies) are
 * executions with status `scope` whose children run inside them. Message and
 * signal subscriptions of boundary events and event-based gateways are held by
 * small `listener` child executions, so each subscription has its own
 * execution id. New tokens are created synchronously (so "is the scope empty?"
 * is always answered correctly) and started through a FIFO agenda, which keeps
 * the stack flat and lets runaway loops fail with `bpmn.loop_detected`. When
 * the agenda is empty, inclusive joins are re-evaluated (Camunda's rule: fire
 * when no other token of the scope can still reach the gateway).
 */
export class Operation {
  readonly w: WorkingState;
  readonly now: Date;
  readonly nowIso: string;
  private readonly effects: Effect[] = [];
  private readonly history: HistoryEvent[] = [];
  private readonly agenda: Array<() => void> = [];
  private readonly pendingStart = new Set<string>();
  private lastEndActivityId?: string;
  private steps = 0;

  constructor(
    readonly model: ProcessModel,
    state: InstanceState,
    readonly ctx: ExecutionContext,
  ) {
    this.w = new WorkingState(state);
    this.now = ctx.now();
    this.nowIso = this.now.toISOString();
  }

  // ---------------------------------------------------------------- results

  emit(effect: Effect): void {
    this.effects.push(effect);
  }

  record(event: HistoryEvent): void {
    this.history.push(event);
  }

  result(): StepResult {
    return { state: this.w.toState(), effects: this.effects, history: this.history };
  }

  // ---------------------------------------------------------------- lookups

  activity(id: string): ActivityModel {
    const a = this.model.activities.get(id);
    if (!a) throw new SafeFlowError('bpmn.invalid_state', `Activity '${id}' is not part of process '${this.model.id}'`, { status: 400 });
    return a;
  }

  activityOf(exec: ExecutionState): ActivityModel {
    return this.activity(exec.activityId!);
  }

  root(): ExecutionState {
    return this.w.get(this.w.rootId)!;
  }

  isRoot(exec: ExecutionState): boolean {
    return exec.parentId === undefined;
  }

  parent(exec: ExecutionState): ExecutionState {
    const p = exec.parentId === undefined ? undefined : this.w.get(exec.parentId);
    if (!p) throw new SafeFlowError('bpmn.invalid_state', `Execution '${exec.id}' has no parent scope`, { status: 400 });
    return p;
  }

  /** Token children of a scope: everything but subscription listeners. */
  tokens(scope: ExecutionState): ExecutionState[] {
    return this.w.children(scope.id).filter((e) => dataOf(e).wait !== 'listener');
  }

  // ---------------------------------------------------------------- agenda

  schedule(step: () => void): void {
    this.agenda.push(step);
  }

  /** Drops every scheduled step (the instance ended). */
  clearAgenda(): void {
    this.agenda.length = 0;
  }

  /** True for a token created in this operation whose activity has not started yet. */
  isPendingStart(id: string): boolean {
    return this.pendingStart.has(id);
  }

  forgetPendingStart(id: string): void {
    this.pendingStart.delete(id);
  }

  /** Runs the agenda to quiescence, re-checking inclusive joins whenever it empties. */
  drain(): void {
    for (;;) {
      // Index-based FIFO: shift() would make wide fan-outs quadratic.
      for (let i = 0; i < this.agenda.length; i++) {
        if (++this.steps > MAX_STEPS) {
          throw new SafeFlowError('bpmn.loop_detected', `More than ${MAX_STEPS} steps without reaching a wait state; the process loops`, { status: 500, expose: true });
        }
        this.agenda[i]();
      }
      this.agenda.length = 0;
      if (this.w.ended || !activateInclusiveJoins(this)) return;
    }
  }

  // ---------------------------------------------------------------- variables

  /** The expression scope of an execution: its visible variables plus `execution`. */
  scope(exec: ExecutionState | undefined): ExpressionScope {
    return (name: string) => {
      const found = plainVariable(this.w, exec, name);
      if (found.found || name !== 'execution') return found;
      return { found: true, value: executionFacade(this.w, exec) };
    };
  }

  evaluateValue(expr: ExpressionModel, exec: ExecutionState | undefined, what: string, scope?: ExpressionScope): unknown {
    return evaluate(expr, scope ?? this.scope(exec), exec?.activityId, what, this.now);
  }

  condition(expr: ExpressionModel, exec: ExecutionState | undefined, what: string): boolean {
    return evaluateCondition(expr, this.scope(exec), exec?.activityId, what, this.now);
  }

  lookup(exec: ExecutionState | undefined, name: string): TypedValue | undefined {
    return lookupVariable(this.w, exec, name);
  }

  /** Camunda `setVariable`: nearest scope that has it, else the process instance. */
  setVariable(from: ExecutionState | undefined, name: string, value: TypedValue): void {
    const owner = variableOwner(this.w, from, name);
    if (owner) this.w.setLocal(owner, name, value);
    else this.w.setRoot(name, value);
    this.record({ type: 'variable.set', name, value, executionId: owner?.id ?? this.w.rootId, time: this.nowIso });
  }

  setVariables(from: ExecutionState | undefined, variables: VariableMap | undefined): void {
    if (!variables) return;
    for (const name in variables) this.setVariable(from, name, variables[name]);
  }

  setLocal(exec: ExecutionState, name: string, value: TypedValue, recordHistory = true): void {
    if (this.isRoot(exec)) this.w.setRoot(name, value);
    else this.w.setLocal(exec, name, value);
    if (recordHistory) this.record({ type: 'variable.set', name, value, executionId: exec.id, time: this.nowIso });
  }

  setLocals(exec: ExecutionState, variables: VariableMap | undefined): void {
    if (!variables) return;
    for (const name in variables) this.setLocal(exec, name, variables[name]);
  }

  // ---------------------------------------------------------------- tokens

  /** Creates an execution at `activity` inside `scope` (not started). */
  createToken(scope: ExecutionState, activity: ActivityModel, data?: ExecutionData): ExecutionState {
    const id = this.ctx.newId();
    const exec: ExecutionState = { id, parentId: scope.id, activityId: activity.id, activityInstanceId: `${activity.id}:${id}`, status: 'active' };
    if (data) exec.data = data as Record<string, unknown>;
    if (!this.w.ended) this.w.add(exec);
    return exec;
  }

  /** A listener execution holding one subscription for `host` (boundary event or event-gateway target). */
  createListener(host: ExecutionState, activityId: string, eventName: string): ExecutionState {
    const exec: ExecutionState = { id: this.ctx.newId(), parentId: host.id, activityId, status: 'waiting', data: { wait: 'listener', eventName } };
    this.w.add(exec);
    return exec;
  }

  /** A token arrives at `activity` in `scope`: created now, started from the agenda. */
  arrive(scope: ExecutionState, activity: ActivityModel, data?: ExecutionData): ExecutionState {
    const exec = this.createToken(scope, activity, data);
    if (activity.multiInstance && !data?.miInstance) {
      exec.activityInstanceId = `${activity.id}#multiInstanceBody:${exec.id}`;
      exec.status = 'scope';
      this.pendingStart.add(exec.id);
      this.schedule(() => {
        if (this.w.ended || !this.w.get(exec.id)) return;
        this.pendingStart.delete(exec.id);
        startMultiInstance(this, exec, activity);
      });
      return exec;
    }
    this.pendingStart.add(exec.id);
    this.schedule(() => {
      if (this.w.ended || !this.w.get(exec.id)) return;
      this.pendingStart.delete(exec.id);
      this.start(exec);
    });
    return exec;
  }

  /** Puts an execution into a wait state. */
  wait(exec: ExecutionState, kind: WaitKind, extra?: Partial<ExecutionData>): void {
    exec.status = 'waiting';
    this.w.setData(exec, { wait: kind, ...extra });
  }

  /** Leaves a wait state, emitting the delete effect of the artefact it owned. */
  resume(exec: ExecutionState, reason: 'completed' | 'deleted'): void {
    endWaitArtefacts(this, exec, reason);
    exec.status = 'active';
    if (exec.data) this.w.setData(exec, { wait: undefined, eventName: undefined });
  }

  /** Starts an activity instance: async-before job, or execution right away. */
  start(exec: ExecutionState): void {
    const activity = this.activityOf(exec);
    if (activity.asyncBefore) {
      this.wait(exec, 'async-before');
      this.emit({
        type: 'job.create',
        executionId: exec.id,
        activityId: activity.id,
        activityInstanceId: exec.activityInstanceId!,
        kind: 'async-before',
        dueDate: this.nowIso,
        ...(activity.retryTimeCycle ? { retryTimeCycle: activity.retryTimeCycle } : {}),
      });
      return;
    }
    this.execute(exec);
  }

  /** Runs the activity's behaviour (after history, input mappings and boundary events). */
  execute(exec: ExecutionState): void {
    const activity = this.activityOf(exec);
    this.recordStart(exec, activity, activity.activityType);
    if (activity.inputs.length > 0) applyInputs(this, exec, activity);
    if (activity.boundaryEvents.length > 0 && !dataOf(exec).miInstance) createBoundaryEvents(this, exec, activity);
    behaviorFor(activity.kind).execute(this, exec, activity);
  }

  recordStart(exec: ExecutionState, activity: ActivityModel, activityType: string): void {
    const parent = exec.parentId === undefined ? undefined : this.w.get(exec.parentId);
    this.record({
      type: 'activity.start',
      activityInstanceId: exec.activityInstanceId!,
      activityId: activity.id,
      ...(activity.name === undefined ? {} : { activityName: activity.name }),
      activityType,
      executionId: exec.id,
      parentActivityInstanceId: parent?.activityInstanceId ?? this.w.rootId,
      time: this.nowIso,
    });
  }

  recordEnd(exec: ExecutionState, canceled: boolean): void {
    this.record({ type: 'activity.end', activityInstanceId: exec.activityInstanceId!, time: this.nowIso, canceled });
  }

  /**
   * The activity completed: output mappings, boundary events removed, history,
   * then async-after or the outgoing flows (`flows` when the behaviour chose them).
   */
  leave(exec: ExecutionState, flows?: readonly SequenceFlowModel[]): void {
    const activity = this.activityOf(exec);
    if (activity.outputs.length > 0) applyOutputs(this, exec, activity);
    if (activity.eventSubProcessStarts) closeEventSubProcesses(this, exec, activity.eventSubProcessStarts);
    if (activity.boundaryEvents.length > 0 && !dataOf(exec).miInstance) removeBoundaryEvents(this, exec, activity);
    this.recordEnd(exec, false);
    exec.status = 'active';
    if (activity.asyncAfter) {
      this.wait(exec, 'async-after', flows ? { flows: flows.map((f) => f.id) } : {});
      this.emit({
        type: 'job.create',
        executionId: exec.id,
        activityId: activity.id,
        activityInstanceId: exec.activityInstanceId!,
        kind: 'async-after',
        dueDate: this.nowIso,
        ...(activity.retryTimeCycle ? { retryTimeCycle: activity.retryTimeCycle } : {}),
      });
      return;
    }
    this.proceed(exec, flows);
  }

  /** After an activity ended (and any async-after job ran): continue the loop or take flows. */
  proceed(exec: ExecutionState, flows?: readonly SequenceFlowModel[]): void {
    if (dataOf(exec).miInstance) {
      instanceCompleted(this, exec);
      return;
    }
    this.takeFlows(exec, flows ?? this.selectOutgoing(exec, this.activityOf(exec)));
  }

  /** Camunda's default flow selection for activities: every true/unconditional flow, else the default flow. */
  selectOutgoing(exec: ExecutionState, activity: ActivityModel): readonly SequenceFlowModel[] {
    const out = activity.outgoing;
    if (out.length === 0) return out;
    if (out.length === 1 && !out[0].condition) return out;
    const chosen = out.filter((f) => f.id !== activity.defaultFlowId && (!f.condition || this.condition(f.condition, exec, `condition of '${f.id}'`)));
    if (chosen.length > 0) return chosen;
    const fallback = out.find((f) => f.id === activity.defaultFlowId);
    if (fallback) return [fallback];
    throw noOutgoingFlow(activity.id);
  }

  /** The token leaves along `flows` (none: it is consumed, possibly completing its scope). */
  takeFlows(exec: ExecutionState, flows: readonly SequenceFlowModel[]): void {
    const scope = this.parent(exec);
    this.removeTree(exec);
    if (flows.length === 0) {
      this.lastEndActivityId = exec.activityId;
      this.tokenEnded(scope);
      return;
    }
    for (const f of flows) this.arrive(scope, this.activity(f.targetId));
  }

  /** Remembers the end event that consumed a token (reported in `process.end`). */
  noteEnd(activityId: string | undefined): void {
    this.lastEndActivityId = activityId;
  }

  /** A token of `scope` was consumed: complete the scope when nothing is left in it. */
  tokenEnded(scope: ExecutionState): void {
    if (this.w.ended || !this.w.get(scope.id)) return;
    if (this.tokens(scope).length > 0) return;
    this.completeScope(scope);
  }

  /** Every token of the scope is done: end the process, or leave the sub-process. */
  completeScope(scope: ExecutionState): void {
    if (this.isRoot(scope)) endProcess(this, 'completed', this.lastEndActivityId);
    else {
      scope.status = 'active';
      this.leave(scope);
    }
  }

  /** The activity of `exec` ends without taking flows (an uncaught BPMN error). */
  endWithoutFlows(exec: ExecutionState): void {
    const activity = this.activityOf(exec);
    if (activity.boundaryEvents.length > 0 && !dataOf(exec).miInstance) removeBoundaryEvents(this, exec, activity);
    this.recordEnd(exec, false);
    if (dataOf(exec).miInstance) instanceCompleted(this, exec);
    else this.takeFlows(exec, []);
  }

  /** Removes an execution and its descendants from the state (no effects, no history). */
  removeTree(exec: ExecutionState): void {
    for (const child of this.w.children(exec.id)) this.removeTree(child);
    this.w.remove(exec.id);
  }


}
