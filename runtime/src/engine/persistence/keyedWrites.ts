import type { Tx } from '../../db/Database';

/**
 * Deletes/updates rows found by a plain (non-locking) SELECT, one primary key
 * at a time. On MySQL/MariaDB under REPEATABLE READ, a DELETE/UPDATE that
 * scans a secondary index (`WHERE process_instance_id = ?`) takes next-key
 * and gap locks even when nothing matches, and those gaps block other
 * instances' INSERTs — concurrent completes and starts then deadlock. Writes
 * by primary key lock only the rows they touch. Rows another transaction adds
 * meanwhile for the same instance cannot exist: that transaction would have
 * had to save the instance, and the revision check fails one of the two.
 */
export async function deleteByKey(tx: Tx, table: string, where: string, params: unknown[], key: string[] = ['id']): Promise<number> {
  const rows = await tx.query<Record<string, unknown>>(`SELECT ${key.join(', ')} FROM ${table} WHERE ${where}`, params);
  const match = key.map((k) => `${k} = ?`).join(' AND ');
  for (const r of rows) await tx.execute(`DELETE FROM ${table} WHERE ${match}`, key.map((k) => r[k]));
  return rows.length;
}

/** Updates rows found by a plain SELECT, by primary key `id` (see {@link deleteByKey}). */
export async function updateByKey(tx: Tx, table: string, set: string, setParams: unknown[], where: string, params: unknown[]): Promise<number> {
  const rows = await tx.query<{ id: string }>(`SELECT id FROM ${table} WHERE ${where}`, params);
  for (const r of rows) await tx.execute(`UPDATE ${table} SET ${set} WHERE id = ?`, [...setParams, r.id]);
  return rows.length;
}
