import crypto from 'node:crypto';
import type { CommandContext } from '../core/CommandContext';
import { updateByKey } from './keyedWrites';

/** Opens an incident unless one is already open for `configuration` (the failing task or job id). */
export async function openIncident(
  ctx: CommandContext,
  i: {
    type: 'failedExternalTask' | 'failedJob' | string;
    message: string | null;
    configuration: string | null;
    processInstanceId: string | null;
    processDefinitionId: string | null;
    activityId: string | null;
    executionId: string | null;
    tenantId: string | null;
  },
): Promise<void> {
  if (i.configuration) {
    const open = await ctx.tx.query(`SELECT id FROM incident WHERE configuration = ? AND resolved_at IS NULL`, [i.configuration]);
    if (open.length) return;
  }
  await ctx.tx.execute(
    `INSERT INTO incident (id, type, message, configuration, process_instance_id, process_definition_id, activity_id, execution_id, tenant_id, created, resolved_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    [
      crypto.randomUUID(),
      i.type,
      i.message?.slice(0, 666) ?? null,
      i.configuration,
      i.processInstanceId,
      i.processDefinitionId,
      i.activityId,
      i.executionId,
      i.tenantId,
      ctx.now.getTime(),
    ],
  );
}

/** Resolves the open incidents of a task or job (retries set > 0, or the artefact is gone). */
export async function resolveIncidents(ctx: CommandContext, configuration: string): Promise<void> {
  await updateByKey(ctx.tx, 'incident', 'resolved_at = ?', [ctx.now.getTime()], 'configuration = ? AND resolved_at IS NULL', [configuration]);
}
