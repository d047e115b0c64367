import { SafeFlowError } from '../../errors';
import type { ProcessModel } from '../model/ProcessModel';
import type { ExecutionContext, ExecutionState, InstanceState, ProcessExecutor, StartOptions, StepResult, VariableMap } from '../ports';
import { applyCallActivityOutputs } from '../behaviors/CallActivityBehavior';
import { fireEventGateway } from '../behaviors/EventBasedGatewayBehavior';
import { executionNotFound, instanceEnded, invalidState, notWaiting } from './bpmnErrors';
import { fireBoundaryEvent } from './boundaryEvents';
import { dataOf, type WaitKind } from './ExecutionData';
import { endProcess } from './endings';
import { deliverToEventSubProcess, fireEventSubProcessTimer, openEventSubProcesses } from './eventSubProcesses';
import { Operation } from './Operation';
import { setInitiator } from './setInitiator';
import { propagateBpmnError } from './propagateBpmnError';
import { renewSubscription } from './renewSubscription';

function checkState(model: ProcessModel, state: InstanceState): void {
  if (!state || state.formatVersion !== 1 || !Array.isArray(state.executions)) throw invalidState('Not a SafeFlow instance state (formatVersion 1)');
  if (state.processDefinitionKey !== model.id) {
    throw invalidState(`State of process '${state.processDefinitionKey}' given to the executor of '${model.id}'`);
  }
  if (state.ended) throw instanceEnded(state.processInstanceId);
}

/** Runs one command as a unit of work: copy-on-write state, drain to quiescence, collect the result. */
function run(model: ProcessModel, state: InstanceState, ctx: ExecutionContext, command: (op: Operation) => void): StepResult {
  checkState(model, state);
  const op = new Operation(model, state, ctx);
  command(op);
  op.drain();
  return op.result();
}

function find(op: Operation, executionId: string): ExecutionState {
  const exec = op.w.get(executionId);
  if (!exec) throw executionNotFound(executionId);
  return exec;
}

function waitingFor(op: Operation, executionId: string, kinds: WaitKind[], expected: string): ExecutionState {
  const exec = find(op, executionId);
  const wait = dataOf(exec).wait;
  if (exec.status !== 'waiting' || wait === undefined || !kinds.includes(wait)) throw notWaiting(executionId, expected, wait);
  return exec;
}

function start(model: ProcessModel, opts: StartOptions, ctx: ExecutionContext): StepResult {
  const startId = opts.startActivityId ?? model.initialId;
  if (startId === undefined || !model.startEventIds.includes(startId)) {
    throw new SafeFlowError('bpmn.no_start_event', startId === undefined ? `Process '${model.id}' has no none start event; name the start event to use` : `'${startId}' is not a start event of process '${model.id}'`, {
      status: 400,
      details: { startActivityId: startId },
    });
  }
  const pid = opts.processInstanceId;
  const state: InstanceState = {
    formatVersion: 1,
    processInstanceId: pid,
    processDefinitionId: opts.processDefinitionId,
    processDefinitionKey: model.id,
    ...(opts.businessKey === undefined ? {} : { businessKey: opts.businessKey }),
    ...(opts.tenantId === undefined ? {} : { tenantId: opts.tenantId }),
    ...(opts.superProcessInstanceId === undefined ? {} : { superProcessInstanceId: opts.superProcessInstanceId }),
    ...(opts.superExecutionId === undefined ? {} : { superExecutionId: opts.superExecutionId }),
    ...(opts.callerCatches === undefined ? {} : { callerCatches: opts.callerCatches }),
    variables: {},
    executions: [{ id: pid, activityInstanceId: pid, status: 'scope' }],
    ended: false,
  };
  const op = new Operation(model, state, ctx);
  op.record({ type: 'process.start', time: op.nowIso, startActivityId: startId });
  const root = op.root();
  setInitiator(op, opts.initiator);
  op.setVariables(root, opts.variables);
  if (model.eventSubProcessStarts) openEventSubProcesses(op, root, model.eventSubProcessStarts);
  op.arrive(root, op.activity(startId));
  op.drain();
  return op.result();
}

function executeJob(op: Operation, job: { executionId: string; activityId: string; kind: 'timer' | 'async-before' | 'async-after' }): void {
  const exec = find(op, job.executionId);
  const wait = dataOf(exec).wait;
  if (job.kind === 'async-before' || job.kind === 'async-after') {
    if (wait !== job.kind || exec.activityId !== job.activityId) throw notWaiting(job.executionId, `an ${job.kind} job at '${job.activityId}'`, wait);
    const flows = dataOf(exec).flows?.map((id) => op.activityOf(exec).outgoing.find((f) => f.id === id)!);
    op.resume(exec, 'completed');
    if (job.kind === 'async-before') op.execute(exec);
    else {
      op.w.setData(exec, { flows: undefined });
      op.proceed(exec, flows);
    }
    return;
  }
  if (wait === 'timer' && exec.activityId === job.activityId) {
    op.resume(exec, 'completed');
    op.leave(exec);
    return;
  }
  if (wait === 'eventGateway' && op.activityOf(exec).outgoing.some((f) => f.targetId === job.activityId)) {
    fireEventGateway(op, exec, job.activityId);
    return;
  }
  if (exec.status === 'scope' && fireEventSubProcessTimer(op, exec, job.activityId)) return;
  const boundary = exec.activityId === undefined || dataOf(exec).miInstance ? undefined : op.activityOf(exec).boundaryEvents.find((b) => b.id === job.activityId);
  if (boundary?.event?.kind === 'timer' && wait !== 'async-before' && wait !== 'async-after' && !dataOf(exec).miInstance) {
    fireBoundaryEvent(op, exec, boundary);
    return;
  }
  throw notWaiting(job.executionId, `timer '${job.activityId}'`, wait);
}

function deliverEvent(op: Operation, executionId: string, variables: VariableMap): void {
  const exec = find(op, executionId);
  const wait = dataOf(exec).wait;
  if (wait === 'listener') {
    const host = op.parent(exec);
    if (dataOf(host).wait === 'eventGateway') {
      fireEventGateway(op, host, exec.activityId!, variables);
      return;
    }
    const boundary = op.activity(exec.activityId!);
    if (boundary.kind === 'startEvent') {
      deliverToEventSubProcess(op, exec, boundary, variables);
      return;
    }
    if (boundary.cancelActivity === false) renewSubscription(op, exec, boundary);
    fireBoundaryEvent(op, host, boundary, variables);
    return;
  }
  if (wait === 'message' || wait === 'signal' || wait === 'trigger') {
    op.setVariables(exec, variables);
    op.resume(exec, 'completed');
    op.leave(exec);
    return;
  }
  throw notWaiting(executionId, 'a message or signal', wait);
}

/**
 * Creates the executor of one parsed process definition. Stateless and
 * reusable across every instance of the definition; each method is a pure
 * function of its inputs (the input state is never mutated; the result may
 * share unchanged parts with it). See {@link ProcessExecutor} for the
 * contract. Conventions the runtime relies on:
 *
 * - Every wait artefact that ends gets its delete effect, including the one
 *   the current call consumes (`externalTask.delete` on completion,
 *   `userTask.delete` with reason `completed`, `job.delete` for a fired
 *   one-shot timer or async job, `subscription.delete` for a delivered
 *   message). Deletes of rows already gone must be no-ops. The only
 *   exception: a non-interrupting cycle timer that fires keeps its job; its
 *   `job.create` carried `timer` (resolved text plus `repeatsLeft`), and the
 *   runtime reschedules it with `nextTimerDate`, deleting it when that
 *   returns null. Jobs created without `timer` fire once.
 * - Message/signal boundary events and event-based gateway branches subscribe
 *   with their own listener execution id: deliver to that id.
 * - Timer jobs of boundary events use the host activity's execution id and
 *   the boundary event's id as `activityId`; those of event-based gateways use
 *   the gateway's execution id and the catch event's id.
 * - Errors: `bpmn.execution_not_found` (404), `bpmn.not_waiting` (409),
 *   `bpmn.instance_ended` (409), `bpmn.expression_error` (500),
 *   `bpmn.no_outgoing_flow` (500), `bpmn.loop_detected` (500),
 *   `bpmn.invalid_timer` (400), `bpmn.invalid_state` (400),
 *   `bpmn.no_start_event` (400).
 */
export function createExecutor(model: ProcessModel): ProcessExecutor {
  return {
    info: model.info,

    start: (opts, ctx) => start(model, opts, ctx),

    completeExternalTask: (state, executionId, variables, localVariables, ctx) =>
      run(model, state, ctx, (op) => {
        const exec = waitingFor(op, executionId, ['externalTask'], 'an external task');
        op.setLocals(exec, localVariables);
        op.setVariables(exec, variables);
        op.resume(exec, 'completed');
        op.leave(exec);
      }),

    throwBpmnError: (state, executionId, errorCode, errorMessage, variables, ctx) =>
      run(model, state, ctx, (op) => {
        const exec = waitingFor(op, executionId, ['externalTask'], 'an external task');
        op.setVariables(exec, variables);
        op.resume(exec, 'completed');
        if (!propagateBpmnError(op, exec, errorCode, errorMessage)) op.endWithoutFlows(exec);
      }),

    completeUserTask: (state, executionId, variables, ctx) =>
      run(model, state, ctx, (op) => {
        const exec = waitingFor(op, executionId, ['userTask'], 'a user task');
        op.setVariables(exec, variables);
        op.resume(exec, 'completed');
        op.leave(exec);
      }),

    executeJob: (state, job, ctx) => run(model, state, ctx, (op) => executeJob(op, job)),

    deliverEvent: (state, executionId, variables, ctx) => run(model, state, ctx, (op) => deliverEvent(op, executionId, variables)),

    completeCallActivity: (state, executionId, childOutput, ctx) =>
      run(model, state, ctx, (op) => {
        const exec = waitingFor(op, executionId, ['callActivity'], 'a called process instance');
        applyCallActivityOutputs(op, exec, childOutput);
        op.resume(exec, 'completed');
        op.leave(exec);
      }),

    catchCalledError: (state, executionId, errorCode, errorMessage, childOutput, ctx) =>
      run(model, state, ctx, (op) => {
        const exec = waitingFor(op, executionId, ['callActivity'], 'a called process instance');
        applyCallActivityOutputs(op, exec, childOutput);
        op.resume(exec, 'completed');
        if (!propagateBpmnError(op, exec, errorCode, errorMessage)) op.endWithoutFlows(exec);
      }),

    cancel: (state, _reason, ctx) => run(model, state, ctx, (op) => endProcess(op, 'deleted')),

    modifyVariables: (state, modifications, deletions, ctx) =>
      run(model, state, ctx, (op) => {
        for (const name in modifications) op.setLocal(op.root(), name, modifications[name]);
        for (const name of deletions) {
          if (op.w.deleteRoot(name)) op.record({ type: 'variable.delete', name, executionId: op.w.rootId, time: op.nowIso });
        }
      }),
  };
}
