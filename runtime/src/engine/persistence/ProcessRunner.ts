import crypto from 'node:crypto';
import type { Effect, InstanceState, StartOptions, StepResult, ProcessExecutor, VariableMap, ExecutionContext } from '@safeflow/engine/bpmn';
import type { CommandContext } from '../core/CommandContext';
import { badRequest, notFound } from '../core/EngineRestError';
import { applyEffects } from './applyEffects';
import { deliverThrownSignals } from './deliverThrownSignals';
import { resolveCalledDefinition } from './resolveCalledDefinition';
import { removeRuntimeRows } from './removeRuntimeRows';
import type { LoadedDefinition } from './DefinitionCache';
import { insertInstance, saveInstanceState, selectInstanceRow, type LoadedInstance } from './InstanceStore';
import { writeHistory } from './writeHistory';

/** A step of the executor on a loaded instance. */
export type Step = (executor: ProcessExecutor, state: InstanceState, exec: ExecutionContext) => StepResult;

/**
 * Loads instance `id` with its definition. Returns undefined when it does not
 * exist (or has ended: ended instances leave the runtime tables).
 */
export async function loadInstance(ctx: CommandContext, id: string): Promise<LoadedInstance | undefined> {
  const row = await selectInstanceRow(ctx.tx, id);
  if (!row) return undefined;
  const def = await ctx.services.definitions.get(ctx.tx, row.definition_id);
  return { row, state: JSON.parse(row.state) as InstanceState, def };
}

/** Like {@link loadInstance} but 404 RestException when missing. */
export async function requireInstance(ctx: CommandContext, id: string): Promise<LoadedInstance> {
  const inst = await loadInstance(ctx, id);
  if (!inst) throw notFound('process_instance.not_found', `Process instance with id ${id} does not exist`);
  return inst;
}

/**
 * Runs one executor operation on an instance and persists everything it
 * produced, in the command's transaction: the new state (revision-checked),
 * history, and side rows from the effects (external tasks, user tasks, jobs,
 * subscriptions, incidents, called children, the end of the instance and the
 * resumption of its caller). `transient` names variables used by this step
 * only: they are removed before the state is saved.
 */
export async function advanceInstance(ctx: CommandContext, inst: LoadedInstance, step: Step, transient: string[] = []): Promise<StepResult> {
  if (Number(inst.row.suspended) === 1) {
    throw badRequest('process_instance.suspended', `ProcessInstance with id '${inst.row.id}' is suspended`);
  }
  const result = step(inst.def.executor, inst.state, ctx.exec);
  const history = stripTransient(result, transient);
  await saveInstanceState(ctx.tx, inst, result.state);
  await persistStep(ctx, inst, { ...result, history });
  return result;
}

/**
 * Starts a new instance of `def` and runs it to its first wait states.
 * `orgPath`: the org the instance belongs to (decided by the caller, see
 * `startOrg.ts`); default the definition's tenant root (null when tenant-less).
 */
export async function startInstance(
  ctx: CommandContext,
  def: LoadedDefinition,
  opts: Omit<StartOptions, 'processInstanceId' | 'processDefinitionId' | 'tenantId'> & { transient?: string[]; orgPath?: string | null },
): Promise<InstanceState> {
  if (Number(def.row.suspended) === 1) {
    throw badRequest('process_definition.suspended', `Process definition with id '${def.row.id}' is suspended`);
  }
  const id = crypto.randomUUID();
  const { transient = [], orgPath, ...start } = opts;
  const result = def.executor.start(
    { ...start, processInstanceId: id, processDefinitionId: def.row.id, tenantId: def.row.tenant_id ?? undefined },
    ctx.exec,
  );
  const history = stripTransient(result, transient);
  const row = {
    id,
    definition_id: def.row.id,
    definition_key: def.row.def_key,
    business_key: opts.businessKey ?? null,
    tenant_id: def.row.tenant_id,
    org_path: orgPath !== undefined ? orgPath : def.row.tenant_id ? `/${def.row.tenant_id}/` : null,
    super_instance_id: opts.superProcessInstanceId ?? null,
    ended: 0,
    suspended: 0,
    start_time: ctx.now.getTime(),
  };
  await insertInstance(ctx.tx, row, result.state);
  const inst: LoadedInstance = { row: { ...row, state: '', revision: 1 }, state: result.state, def };
  await persistStep(ctx, inst, { ...result, history });
  return result.state;
}

async function persistStep(ctx: CommandContext, inst: LoadedInstance, result: StepResult): Promise<void> {
  await writeHistory(ctx, inst, result.history);
  const end = await applyEffects(ctx, inst, result.effects, { startChild, advanceById, cancelInstance, throwSignals });
  if (result.state.ended) {
    const historyEnded = result.history.some((h) => h.type === 'process.end');
    await endInstance(ctx, inst, end?.outputVariables ?? {}, end?.escapedError, historyEnded);
  }
}

async function startChild(
  ctx: CommandContext,
  parent: LoadedInstance,
  e: Extract<import('@safeflow/engine/bpmn').Effect, { type: 'callActivity.start' }>,
): Promise<void> {
  if (!(await callActivityStillWaits(ctx, parent, e.executionId))) return;
  const def = await resolveCalledDefinition(ctx, e.calledElement, e.binding, parent.def.row);
  await startInstance(ctx, def, {
    businessKey: e.businessKey,
    variables: e.variables,
    superProcessInstanceId: parent.row.id,
    superExecutionId: e.executionId,
    callerCatches: e.callerCatches,
    orgPath: parent.row.org_path,
  });
}

/**
 * False when an earlier child of the same step already ended and resumed the
 * parent (a BPMN error caught by a multi-instance body's boundary, a
 * completion condition), cancelling the call activity `executionId` before
 * its own child was started: the parent row's revision moved past the one
 * this step saved, and the newer state no longer has that execution.
 */
async function callActivityStillWaits(ctx: CommandContext, parent: LoadedInstance, executionId: string): Promise<boolean> {
  const row = await selectInstanceRow(ctx.tx, parent.row.id);
  if (!row) return false;
  if (row.revision === parent.row.revision) return true;
  return (JSON.parse(row.state) as InstanceState).executions.some((x) => x.id === executionId);
}

/** What signal delivery needs from the runner (see `deliverSignal`). */
export const signalRunner = { loadInstance, advanceInstance, startInstance };

async function throwSignals(ctx: CommandContext, inst: LoadedInstance, effects: Effect[]): Promise<void> {
  await deliverThrownSignals(ctx, signalRunner, inst, effects);
}

async function advanceById(ctx: CommandContext, id: string, step: Step): Promise<void> {
  const inst = await loadInstance(ctx, id);
  if (inst) await advanceInstance(ctx, inst, step);
}

/** Cancels (deletes) an instance and, through its effects, its children. */
export async function cancelInstance(ctx: CommandContext, id: string, reason: string): Promise<void> {
  const inst = await loadInstance(ctx, id);
  if (!inst) return;
  inst.row.suspended = 0;
  await advanceInstance(ctx, inst, (ex, state, exec) => ex.cancel(state, reason, exec));
  // Children not cancelled through effects (defensive): cascade by super_instance_id.
  const children = await ctx.tx.query<{ id: string }>(`SELECT id FROM process_instance WHERE super_instance_id = ?`, [id]);
  for (const c of children) await cancelInstance(ctx, c.id, reason);
}

/**
 * The instance ended: its runtime rows go (history keeps it), and a called
 * instance resumes its caller's call activity with its output variables —
 * or, when a BPMN error escaped it (`escapedError`), hands the error to the
 * caller's call activity (`catchCalledError`), in the same transaction.
 */
async function endInstance(
  ctx: CommandContext,
  inst: LoadedInstance,
  output: VariableMap,
  escapedError?: { errorCode: string; errorMessage?: string },
  historyEnded = false,
): Promise<void> {
  const { tx } = ctx;
  const id = inst.row.id;
  // the step's process.end history event already set end_time and a final state: this UPDATE would change nothing
  if (!historyEnded) {
    await tx.execute(`UPDATE hist_process_instance SET end_time = COALESCE(end_time, ?), state = CASE WHEN state = 'ACTIVE' THEN 'COMPLETED' ELSE state END WHERE id = ?`, [ctx.now.getTime(), id]);
  }
  await removeRuntimeRows(tx, id, ctx.now.getTime());
  await tx.execute(`DELETE FROM process_instance WHERE id = ?`, [id]);
  const superId = inst.state.superProcessInstanceId ?? inst.row.super_instance_id;
  const superExecutionId = inst.state.superExecutionId;
  if (superId && superExecutionId && escapedError) {
    const { errorCode, errorMessage } = escapedError;
    await advanceById(ctx, superId, (ex, state, exec) => ex.catchCalledError(state, superExecutionId, errorCode, errorMessage, output, exec));
  } else if (superId && superExecutionId && inst.state.endReason !== 'deleted') {
    await advanceById(ctx, superId, (ex, state, exec) => ex.completeCallActivity(state, superExecutionId, output, exec));
  }
}

function stripTransient(result: StepResult, transient: string[]): StepResult['history'] {
  if (!transient.length) return result.history;
  for (const name of transient) {
    delete result.state.variables[name];
    for (const e of result.state.executions) if (e.variables) delete e.variables[name];
  }
  return result.history.filter((h) => !(h.type === 'variable.set' && transient.includes(h.name)));
}
