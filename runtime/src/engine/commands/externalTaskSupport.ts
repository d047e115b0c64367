import type { CommandContext } from '../core/CommandContext';
import { badRequest, notFound, optimisticLocking } from '../core/EngineRestError';
import type { ExternalTaskRow } from '../persistence/rows';

/** Loads an external task or throws 404 RestException "External task with id X does not exist". */
export async function requireExternalTask(ctx: CommandContext, id: string): Promise<ExternalTaskRow> {
  const [row] = await ctx.tx.query<ExternalTaskRow>(`SELECT * FROM external_task WHERE id = ?`, [id]);
  if (!row) throw notFound('external_task.not_found', `External task with id ${id} does not exist`);
  row.revision = Number(row.revision);
  return row;
}

/**
 * Camunda's worker check: the reporting worker must be the last locker, else
 * 400 "`{what}` by worker 'w'. It is locked by worker 'x'." (lock expiry is not checked).
 */
export function assertWorker(task: ExternalTaskRow, workerId: string, what: string): void {
  if (task.worker_id !== workerId) {
    throw badRequest('external_task.wrong_worker', `${what} by worker '${workerId}'. It is locked by worker '${task.worker_id}'.`);
  }
}

/** Updates an external task row with its revision check; 0 rows → OptimisticLockingException. */
export async function updateExternalTask(ctx: CommandContext, task: ExternalTaskRow, set: string, params: unknown[]): Promise<void> {
  const affected = await ctx.tx.execute(`UPDATE external_task SET ${set}, revision = revision + 1 WHERE id = ? AND revision = ?`, [
    ...params,
    task.id,
    task.revision,
  ]);
  if (affected !== 1) throw optimisticLocking(`ExternalTask[${task.id}]`);
}

/** Rejects reports on suspended tasks (400). */
export function assertActive(task: ExternalTaskRow): void {
  if (Number(task.suspended) === 1) throw badRequest('external_task.suspended', `ExternalTask with id '${task.id}' is suspended`);
}
