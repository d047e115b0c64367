import { parseIsoDuration, addIsoDuration } from '@safeflow/engine/bpmn';
import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { openIncident } from '../persistence/incidents';
import type { JobRow } from '../persistence/rows';

/**
 * Records a failed job execution (in a fresh transaction, after the job's own
 * one rolled back): one retry spent, the exception stored, the job due again
 * after the interval of `retry_time_cycle` (`R5/PT5M` → 5 minutes; none → at
 * once); at 0 retries a `failedJob` incident.
 */
export class JobFailedCommand implements Command<void> {
  readonly name = 'JobFailed';
  constructor(
    private readonly jobId: string,
    private readonly owner: string,
    private readonly error: unknown,
  ) {}

  async execute(ctx: CommandContext): Promise<void> {
    const [job] = await ctx.tx.query<JobRow>(`SELECT * FROM job WHERE id = ? AND lock_owner = ?`, [this.jobId, this.owner]);
    if (!job) return;
    const retries = Math.max(0, Number(job.retries) - 1);
    const err = this.error as { message?: string; stack?: string };
    const message = String(err?.message ?? this.error).slice(0, 666);
    let due = ctx.now;
    const interval = /^R\d*\/(P.+)$/.exec(job.retry_time_cycle ?? '');
    if (interval) {
      try {
        due = addIsoDuration(ctx.now, parseIsoDuration(interval[1]!));
      } catch {
        due = ctx.now;
      }
    }
    await ctx.tx.execute(
      `UPDATE job SET retries = ?, exception_message = ?, exception_details = ?, due_date = ?, lock_owner = NULL, lock_expiration_time = NULL, revision = revision + 1 WHERE id = ?`,
      [retries, message, err?.stack ?? message, due.getTime(), job.id],
    );
    if (retries === 0) {
      await openIncident(ctx, {
        type: 'failedJob',
        message,
        configuration: job.id,
        processInstanceId: job.process_instance_id,
        processDefinitionId: job.definition_id,
        activityId: job.activity_id,
        executionId: job.execution_id,
        tenantId: job.tenant_id,
      });
    }
  }
}
