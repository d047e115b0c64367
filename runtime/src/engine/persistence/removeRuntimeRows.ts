import type { Tx } from '../../db/Database';

/** A leftover runtime row of an ended instance: its table and key columns. */
interface Leftover {
  t: 'external_task' | 'task_candidate' | 'hist_task' | 'user_task' | 'job' | 'event_subscription' | 'incident';
  k1: string;
  k2: string | null;
  k3: string | null;
}

/**
 * Removes the runtime rows an ended instance leaves behind (usually none: its
 * steps already deleted its tasks, jobs and subscriptions): external tasks,
 * candidates and user tasks (their open history rows end as 'deleted'), jobs,
 * event subscriptions; open incidents are resolved at `now`.
 *
 * One non-locking read finds them all (a UNION ALL, one round trip instead of
 * seven), then each is written by its primary key — on MySQL/MariaDB a write
 * through a secondary index would take gap locks that deadlock concurrent
 * starts (see keyedWrites.ts). The writes run in the order of the tables above.
 */
export async function removeRuntimeRows(tx: Tx, instanceId: string, now: number): Promise<void> {
  const rows = await tx.query<Leftover>(
    `SELECT 'external_task' AS t, id AS k1, NULL AS k2, NULL AS k3 FROM external_task WHERE process_instance_id = ?
     UNION ALL SELECT 'task_candidate', task_id, kind, value FROM task_candidate WHERE task_id IN (SELECT id FROM user_task WHERE process_instance_id = ?)
     UNION ALL SELECT 'hist_task', id, NULL, NULL FROM hist_task WHERE end_time IS NULL AND process_instance_id = ?
     UNION ALL SELECT 'user_task', id, NULL, NULL FROM user_task WHERE process_instance_id = ?
     UNION ALL SELECT 'job', id, NULL, NULL FROM job WHERE process_instance_id = ?
     UNION ALL SELECT 'event_subscription', id, NULL, NULL FROM event_subscription WHERE process_instance_id = ?
     UNION ALL SELECT 'incident', id, NULL, NULL FROM incident WHERE process_instance_id = ? AND resolved_at IS NULL`,
    Array(7).fill(instanceId),
  );
  if (rows.length === 0) return;
  const of = (t: Leftover['t']) => rows.filter((r) => r.t === t);
  for (const r of of('external_task')) await tx.execute(`DELETE FROM external_task WHERE id = ?`, [r.k1]);
  for (const r of of('task_candidate')) await tx.execute(`DELETE FROM task_candidate WHERE task_id = ? AND kind = ? AND value = ?`, [r.k1, r.k2, r.k3]);
  for (const r of of('hist_task')) await tx.execute(`UPDATE hist_task SET end_time = ?, delete_reason = 'deleted' WHERE id = ?`, [now, r.k1]);
  for (const r of of('user_task')) await tx.execute(`DELETE FROM user_task WHERE id = ?`, [r.k1]);
  for (const r of of('job')) await tx.execute(`DELETE FROM job WHERE id = ?`, [r.k1]);
  for (const r of of('event_subscription')) await tx.execute(`DELETE FROM event_subscription WHERE id = ?`, [r.k1]);
  for (const r of of('incident')) await tx.execute(`UPDATE incident SET resolved_at = ? WHERE id = ?`, [now, r.k1]);
}
