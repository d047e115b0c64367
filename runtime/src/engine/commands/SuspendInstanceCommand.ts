import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { optimisticLocking } from '../core/EngineRestError';
import { updateByKey } from '../persistence/keyedWrites';
import { requireInstance } from '../persistence/ProcessRunner';

/**
 * `PUT /process-instance/{id}/suspended {suspended}`: a suspended instance's
 * external tasks are not fetched, its jobs do not run and its tasks cannot be
 * completed; activating reverses it.
 */
export class SuspendInstanceCommand implements Command<void> {
  readonly name = 'SuspendInstance';
  constructor(
    private readonly instanceId: string,
    private readonly suspended: boolean,
  ) {}

  async execute(ctx: CommandContext): Promise<void> {
    const inst = await requireInstance(ctx, this.instanceId);
    const flag = this.suspended ? 1 : 0;
    const ok = await ctx.tx.execute(`UPDATE process_instance SET suspended = ?, revision = revision + 1 WHERE id = ? AND revision = ?`, [
      flag,
      inst.row.id,
      inst.row.revision,
    ]);
    if (ok !== 1) throw optimisticLocking(`ProcessInstance[${inst.row.id}]`);
    // history shows the instance SUSPENDED / ACTIVE, like Camunda's HistoricProcessInstance.state
    await ctx.tx.execute(`UPDATE hist_process_instance SET state = ? WHERE id = ? AND end_time IS NULL`, [this.suspended ? 'SUSPENDED' : 'ACTIVE', inst.row.id]);
    for (const table of ['external_task', 'user_task', 'job']) {
      await updateByKey(ctx.tx, table, 'suspended = ?, revision = revision + 1', [flag], 'process_instance_id = ?', [inst.row.id]);
    }
    if (!this.suspended) {
      const topics = await ctx.tx.query<{ topic_name: string }>(`SELECT DISTINCT topic_name FROM external_task WHERE process_instance_id = ?`, [inst.row.id]);
      for (const t of topics) ctx.wakeTopic(t.topic_name);
      ctx.wakeJobs();
    }
  }
}
