import type { VariableMap } from '@safeflow/engine/bpmn';
import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { advanceInstance, loadInstance, startInstance } from '../persistence/ProcessRunner';

/** `POST /signal {name, variables}`: delivers to every waiting signal catch and starts every signal start event. */
export class SignalCommand implements Command<number> {
  readonly name = 'Signal';
  constructor(
    private readonly signalName: string,
    private readonly variables: VariableMap,
    private readonly tenantScope?: string[],
  ) {}

  async execute(ctx: CommandContext): Promise<number> {
    const subs = await ctx.tx.query<{ id: string; execution_id: string | null; process_instance_id: string | null; definition_id: string | null; activity_id: string; tenant_id: string | null }>(
      `SELECT * FROM event_subscription WHERE kind = 'signal' AND event_name = ? ORDER BY created, id`,
      [this.signalName],
    );
    let n = 0;
    for (const s of subs) {
      if (this.tenantScope && s.tenant_id !== null && !this.tenantScope.includes(s.tenant_id)) continue;
      if (s.execution_id) {
        const inst = await loadInstance(ctx, s.process_instance_id!);
        if (!inst) continue;
        const still = await ctx.tx.query(`SELECT id FROM event_subscription WHERE id = ?`, [s.id]);
        if (!still.length) continue;
        await ctx.tx.execute(`DELETE FROM event_subscription WHERE id = ?`, [s.id]);
        await advanceInstance(ctx, inst, (ex, state, exec) => ex.deliverEvent(state, s.execution_id!, this.variables, exec));
      } else {
        const def = await ctx.services.definitions.get(ctx.tx, s.definition_id!);
        await startInstance(ctx, def, { variables: this.variables, startActivityId: s.activity_id });
      }
      n++;
    }
    return n;
  }
}
