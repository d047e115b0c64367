import type { Tx } from '../db/Database';

/**
 * Adds `delta` to the cached count of records of one collection in one org
 * and state (`record_count`), in the caller's transaction, so ledger counts
 * by state never scan the record table. The row is created on first use; a
 * concurrent first insert on MySQL/MariaDB is caught and retried as an update.
 */
export async function adjustRecordCount(
  tx: Tx,
  key: { orgId: string; orgPath: string; tenantId: string; collectionKey: string; status: string },
  delta: number,
): Promise<void> {
  const update = () =>
    tx.execute('UPDATE record_count SET n = n + ? WHERE org_id = ? AND collection_key = ? AND status = ?', [delta, key.orgId, key.collectionKey, key.status]);
  if ((await update()) > 0) return;
  try {
    await tx.execute('INSERT INTO record_count (org_id, collection_key, status, org_path, tenant_id, n) VALUES (?, ?, ?, ?, ?, ?)', [
      key.orgId, key.collectionKey, key.status, key.orgPath, key.tenantId, delta,
    ]);
  } catch (err) {
    if ((await update()) === 0) throw err;
  }
}
