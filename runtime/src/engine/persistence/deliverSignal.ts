import crypto from 'node:crypto';
import type { InstanceState, StartOptions, StepResult, VariableMap } from '@safeflow/engine/bpmn';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { CommandContext } from '../core/CommandContext';
import type { LoadedDefinition } from './DefinitionCache';
import type { LoadedInstance } from './InstanceStore';
import type { Step } from './ProcessRunner';
import type { JobRow } from './rows';

/** What signal delivery needs from the process runner (passed in, so the runner itself can deliver thrown signals without an import cycle). */
export interface SignalRunner {
  loadInstance(ctx: CommandContext, id: string): Promise<LoadedInstance | undefined>;
  advanceInstance(ctx: CommandContext, inst: LoadedInstance, step: Step): Promise<StepResult>;
  startInstance(
    ctx: CommandContext,
    def: LoadedDefinition,
    opts: Omit<StartOptions, 'processInstanceId' | 'processDefinitionId' | 'tenantId'> & { orgPath?: string | null },
  ): Promise<InstanceState>;
}

/** One signal to broadcast. */
export interface SignalBroadcast {
  name: string;
  /** Set on every catching execution and given to every started instance. */
  variables: VariableMap;
  /** Business key of the instances signal start events start. */
  businessKey?: string;
  /**
   * Tenants whose subscriptions receive the signal besides the tenant-less
   * ones; undefined = every tenant (an unrestricted `POST /signal`). A
   * throw event passes its instance's tenant (or [] without one), like Camunda.
   */
  tenantIds?: string[];
  /**
   * The org path of instances signal start events start, by the started
   * definition's tenant (a throw event: its instance's org; `POST /signal`:
   * the caller's default start org); undefined → the tenant root.
   */
  startOrgPath?: (definitionTenantId: string | null) => string | null | undefined;
  /** False for waiting instances (by org path) the sender may not reach (`POST /signal` by a person: outside their data scope). */
  reaches?: (orgPath: string | null) => boolean;
  /** `camunda:async`: one `signal-event` job per subscription instead of delivering now (no payload, like Camunda). */
  async?: boolean;
  /** True for executions whose subscriptions are skipped (the thrower's own, created after the throw in the same step). */
  skipExecution?: (executionId: string) => boolean;
}

/** Nested broadcasts allowed in one transaction (a signal whose delivery throws a signal whose delivery throws ...). */
export const MAX_SIGNAL_NESTING = 8;
/** Deliveries allowed to nested broadcasts in one transaction (the outermost broadcast is not limited). */
export const MAX_NESTED_SIGNAL_DELIVERIES = 10_000;

interface Budget {
  depth: number;
  nestedDeliveries: number;
}
const budgets = new WeakMap<CommandContext, Budget>();

interface SubscriptionRow {
  id: string;
  execution_id: string | null;
  process_instance_id: string | null;
  definition_id: string | null;
  activity_id: string;
  tenant_id: string | null;
}

function recursion(name: string, why: string): SafeFlowError {
  return new SafeFlowError(
    'signal.recursion',
    `Signal '${name}' not delivered: ${why} in one transaction; a signal that (directly or through the processes it reaches) throws itself again? Nothing was committed`,
    { status: 500, expose: true, details: { signalName: name } },
  );
}

/**
 * Broadcasts a signal (Camunda's signal semantics), in the command's
 * transaction: every waiting signal catch and signal boundary event
 * subscribed to `name` in scope is triggered with the variables, and every
 * signal start event (only the latest version of a definition keeps its
 * start subscription) starts an instance. Suspended instances and
 * definitions are skipped; a subscription that an earlier delivery of the
 * same broadcast removed is skipped. Delivery is synchronous and nested
 * (a reached process may throw signals itself): more than
 * {@link MAX_SIGNAL_NESTING} nested broadcasts, or more than
 * {@link MAX_NESTED_SIGNAL_DELIVERIES} deliveries by nested ones, fail the
 * whole command with `signal.recursion` (500), so nothing is committed.
 * Used by `POST /signal` and by signal throw events. Returns how many
 * subscriptions were triggered (or got a job).
 */
export async function deliverSignal(
  ctx: CommandContext,
  runner: SignalRunner,
  signal: SignalBroadcast,
): Promise<number> {
  const budget = budgets.get(ctx) ?? { depth: 0, nestedDeliveries: 0 };
  budgets.set(ctx, budget);
  if (budget.depth >= MAX_SIGNAL_NESTING)
    throw recursion(signal.name, `more than ${MAX_SIGNAL_NESTING} nested signal broadcasts`);
  const nested = budget.depth > 0;
  budget.depth++;
  try {
    const tenants = signal.tenantIds;
    const tenantSql =
      tenants === undefined
        ? ''
        : tenants.length
          ? ` AND (tenant_id IS NULL OR tenant_id IN (${tenants.map(() => '?').join(',')}))`
          : ' AND tenant_id IS NULL';
    const subs = await ctx.tx.query<SubscriptionRow>(
      `SELECT id, execution_id, process_instance_id, definition_id, activity_id, tenant_id FROM event_subscription
        WHERE kind = 'signal' AND event_name = ?${tenantSql} ORDER BY created, id`,
      [signal.name, ...(tenants ?? [])],
    );
    let n = 0;
    for (const s of subs) {
      if (s.execution_id && signal.skipExecution?.(s.execution_id)) continue;
      if (nested && ++budget.nestedDeliveries > MAX_NESTED_SIGNAL_DELIVERIES) {
        throw recursion(
          signal.name,
          `more than ${MAX_NESTED_SIGNAL_DELIVERIES} deliveries by nested signal broadcasts`,
        );
      }
      if (await deliverTo(ctx, runner, s, signal)) n++;
    }
    return n;
  } finally {
    budget.depth--;
  }
}

/** Triggers one subscription (or schedules its job); false when it is gone or inactive. */
async function deliverTo(
  ctx: CommandContext,
  runner: SignalRunner,
  s: SubscriptionRow,
  signal: SignalBroadcast,
): Promise<boolean> {
  const { tx } = ctx;
  if (s.execution_id) {
    const executionId = s.execution_id;
    const inst = await runner.loadInstance(ctx, s.process_instance_id!);
    if (!inst || Number(inst.row.suspended) === 1) return false;
    if (signal.reaches && !signal.reaches(inst.row.org_path)) return false;
    const still = await tx.query(`SELECT id FROM event_subscription WHERE id = ?`, [s.id]);
    if (!still.length || !inst.state.executions.some((e) => e.id === executionId)) return false;
    if (signal.async) return scheduleJob(ctx, s, inst.row.definition_id);
    await tx.execute(`DELETE FROM event_subscription WHERE id = ?`, [s.id]);
    await runner.advanceInstance(ctx, inst, (ex, state, exec) =>
      ex.deliverEvent(state, executionId, signal.variables, exec),
    );
    return true;
  }
  const def = await ctx.services.definitions.get(tx, s.definition_id!);
  if (Number(def.row.suspended) === 1) return false;
  if (signal.async) return scheduleJob(ctx, s, def.row.id);
  await runner.startInstance(ctx, def, {
    variables: signal.variables,
    businessKey: signal.businessKey,
    startActivityId: s.activity_id,
    orgPath: signal.startOrgPath?.(def.row.tenant_id),
  });
  return true;
}

/** A `signal-event` job for one subscription (at most one per catching execution: a second would find the subscription gone). */
async function scheduleJob(ctx: CommandContext, s: SubscriptionRow, definitionId: string): Promise<boolean> {
  const { tx } = ctx;
  if (s.execution_id) {
    const existing = await tx.query(
      `SELECT id FROM job WHERE execution_id = ? AND activity_id = ? AND type = 'signal-event'`,
      [s.execution_id, s.activity_id],
    );
    if (existing.length) return true;
  }
  const now = ctx.now.getTime();
  await tx.execute(
    `INSERT INTO job (id, type, execution_id, activity_id, process_instance_id, definition_id, due_date, retries, retry_time_cycle, exception_message,
       exception_details, lock_owner, lock_expiration_time, timer, tenant_id, suspended, created, revision)
     VALUES (?, 'signal-event', ?, ?, ?, ?, ?, 3, NULL, NULL, NULL, NULL, NULL, NULL, ?, 0, ?, 1)`,
    [
      crypto.randomUUID(),
      s.execution_id,
      s.activity_id,
      s.process_instance_id,
      definitionId,
      now,
      s.tenant_id,
      now,
    ],
  );
  ctx.wakeJobs();
  return true;
}

/**
 * Runs a `signal-event` job (an async signal throw): triggers its
 * subscription — the catching execution's, or the definition's signal start
 * event — without payload, like Camunda's event job. A subscription that is
 * gone (the execution moved on, a newer version replaced the start event) is
 * ignored. The caller deletes the job row.
 */
export async function executeSignalEventJob(
  ctx: CommandContext,
  runner: SignalRunner,
  job: JobRow,
): Promise<void> {
  const [s] = job.execution_id
    ? await ctx.tx.query<SubscriptionRow>(
        `SELECT id, execution_id, process_instance_id, definition_id, activity_id, tenant_id FROM event_subscription WHERE kind = 'signal' AND execution_id = ? AND activity_id = ?`,
        [job.execution_id, job.activity_id],
      )
    : await ctx.tx.query<SubscriptionRow>(
        `SELECT id, execution_id, process_instance_id, definition_id, activity_id, tenant_id FROM event_subscription
          WHERE kind = 'signal' AND execution_id IS NULL AND definition_id = ? AND activity_id = ?`,
        [job.definition_id, job.activity_id],
      );
  if (s) await deliverTo(ctx, runner, s, { name: '', variables: {} });
}
