import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { notFound } from '../core/EngineRestError';
import { updateByKey } from '../persistence/keyedWrites';
import { SuspendInstanceCommand } from './SuspendInstanceCommand';

/**
 * `PUT /process-definition/{id}/suspended`, `.../key/{key}/suspended` and
 * `PUT /process-definition/suspended`: suspends (or activates) definitions, in
 * one transaction. A suspended definition cannot be started; its timer start
 * jobs do not run. With `includeProcessInstances` every instance of the
 * definitions is suspended/activated as {@link SuspendInstanceCommand} does.
 * The definition cache learns the new state after commit.
 */
export class SuspendDefinitionCommand implements Command<void> {
  readonly name = 'SuspendDefinition';
  constructor(
    private readonly definitionIds: string[],
    private readonly suspended: boolean,
    private readonly includeProcessInstances: boolean,
  ) {}

  async execute(ctx: CommandContext): Promise<void> {
    const flag = this.suspended ? 1 : 0;
    for (const id of this.definitionIds) {
      const changed = await ctx.tx.execute(`UPDATE process_definition SET suspended = ? WHERE id = ?`, [flag, id]);
      if (changed !== 1) {
        const [exists] = await ctx.tx.query(`SELECT id FROM process_definition WHERE id = ?`, [id]);
        if (!exists) throw notFound('process_definition.not_found', `No matching definition with id ${id}`);
      }
      await updateByKey(ctx.tx, 'job', 'suspended = ?, revision = revision + 1', [flag], `definition_id = ? AND type = 'timer-start'`, [id]);
      if (this.includeProcessInstances) {
        const instances = await ctx.tx.query<{ id: string }>(`SELECT id FROM process_instance WHERE definition_id = ? AND suspended <> ?`, [id, flag]);
        for (const inst of instances) await new SuspendInstanceCommand(inst.id, this.suspended).execute(ctx);
      }
      ctx.afterCommit(() => ctx.services.definitions.setSuspended(id, this.suspended));
    }
    if (!this.suspended) ctx.wakeJobs();
  }
}
