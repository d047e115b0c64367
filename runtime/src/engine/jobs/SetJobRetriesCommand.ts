import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { badRequest, notFound, optimisticLocking } from '../core/EngineRestError';
import { resolveIncidents } from '../persistence/incidents';
import type { JobRow } from '../persistence/rows';

/** `PUT /job/{id}/retries {retries}`: > 0 resolves the job's `failedJob` incident and makes it due now. */
export class SetJobRetriesCommand implements Command<void> {
  readonly name = 'SetJobRetries';
  constructor(
    private readonly jobId: string,
    private readonly retries: number,
  ) {}

  async execute(ctx: CommandContext): Promise<void> {
    if (!Number.isInteger(this.retries) || this.retries < 0) throw badRequest('job.invalid_retries', 'The number of job retries must be a non-negative Integer');
    const [job] = await ctx.tx.query<JobRow>(`SELECT * FROM job WHERE id = ?`, [this.jobId]);
    if (!job) throw notFound('job.not_found', `No job found with id '${this.jobId}'`);
    const affected = await ctx.tx.execute(
      `UPDATE job SET retries = ?, due_date = CASE WHEN ? > 0 AND retries = 0 THEN ? ELSE due_date END, revision = revision + 1 WHERE id = ? AND revision = ?`,
      [this.retries, this.retries, ctx.now.getTime(), job.id, Number(job.revision)],
    );
    if (affected !== 1) throw optimisticLocking(`Job[${job.id}]`);
    if (this.retries > 0) {
      await resolveIncidents(ctx, job.id);
      ctx.wakeJobs();
    }
  }
}
