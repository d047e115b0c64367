import { nextTimerDate, type TimerDefinition } from '@safeflow/engine/bpmn';
import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { executeSignalEventJob } from '../persistence/deliverSignal';
import { advanceInstance, loadInstance, signalRunner, startInstance } from '../persistence/ProcessRunner';
import type { JobRow } from '../persistence/rows';

type Schedule = TimerDefinition & { repeatsLeft?: number };

/**
 * Executes one acquired job in its own transaction: a timer-start job starts
 * an instance at its start event and reschedules a cycle at its next future
 * occurrence (an overdue cycle fires once, missed ticks are not replayed);
 * other jobs continue their instance through the executor's `executeJob`
 * (timer cycles on activities are rescheduled likewise while their execution
 * still waits); a `signal-event` job (async signal throw) triggers its
 * subscription. Returns false when the job is gone or no longer ours.
 */
export class ExecuteJobCommand implements Command<boolean> {
  readonly name = 'ExecuteJob';
  constructor(
    private readonly jobId: string,
    private readonly owner: string,
  ) {}

  async execute(ctx: CommandContext): Promise<boolean> {
    const { tx } = ctx;
    const [job] = await tx.query<JobRow>(`SELECT * FROM job WHERE id = ? AND lock_owner = ?`, [this.jobId, this.owner]);
    if (!job) return false;
    const timer = job.timer ? (JSON.parse(job.timer) as Schedule) : undefined;
    const next = timer?.kind === 'timeCycle' ? nextTimerDate(timer, laterOf(ctx.now, Number(job.due_date))) : null;

    if (job.type === 'timer-start') {
      if (next) {
        await tx.execute(
          `UPDATE job SET due_date = ?, timer = ?, lock_owner = NULL, lock_expiration_time = NULL, retries = 3, exception_message = NULL, revision = revision + 1 WHERE id = ?`,
          [next.dueDate.getTime(), JSON.stringify({ ...timer, repeatsLeft: next.repeatsLeft }), job.id],
        );
      } else {
        await tx.execute(`DELETE FROM job WHERE id = ?`, [job.id]);
      }
      const def = await ctx.services.definitions.get(tx, job.definition_id);
      await startInstance(ctx, def, { startActivityId: job.activity_id });
      return true;
    }

    await tx.execute(`DELETE FROM job WHERE id = ?`, [job.id]);
    if (job.type === 'signal-event') {
      await executeSignalEventJob(ctx, signalRunner, job);
      return true;
    }
    const inst = job.process_instance_id ? await loadInstance(ctx, job.process_instance_id) : undefined;
    if (!inst) return true;
    const kind = job.type as 'timer' | 'async-before' | 'async-after';
    const result = await advanceInstance(ctx, inst, (ex, state, exec) =>
      ex.executeJob(state, { executionId: job.execution_id!, activityId: job.activity_id, kind }, exec),
    );
    const handled = result.effects.some(
      (e) => (e.type === 'job.delete' || e.type === 'job.create') && e.executionId === job.execution_id && (!('activityId' in e) || !e.activityId || e.activityId === job.activity_id),
    );
    const stillWaiting = !result.state.ended && result.state.executions.some((e) => e.id === job.execution_id);
    if (next && !handled && stillWaiting) {
      await tx.execute(
        `INSERT INTO job (id, type, execution_id, activity_id, process_instance_id, definition_id, due_date, retries, retry_time_cycle, timer, tenant_id, suspended, created, revision)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 1)`,
        [
          job.id,
          job.type,
          job.execution_id,
          job.activity_id,
          job.process_instance_id,
          job.definition_id,
          next.dueDate.getTime(),
          3,
          job.retry_time_cycle,
          JSON.stringify({ ...timer, repeatsLeft: next.repeatsLeft }),
          job.tenant_id,
          ctx.now.getTime(),
        ],
      );
    }
    return true;
  }
}

function laterOf(now: Date, due: number): Date {
  return new Date(Math.max(now.getTime(), due));
}
