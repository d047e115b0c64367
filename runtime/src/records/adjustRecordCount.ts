import type { Tx } from '../db/Database';

/**
 * Adds `delta` to the cached count of records of one collection in one org
 * and state (`record_count`), in the caller's transaction, so ledger counts
 * by state never scan the record table. The row is created on first use; a
 * concurrent first insert on MySQL/MariaDB is caught and retried as an update;
 * any other error (a deadlock) is rethrown.
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
    // Only a duplicate first insert is recovered here. A deadlock (MariaDB) has already rolled the whole
    // transaction back: carrying on would commit the rest without the record, so it is rethrown for a retry.
    if (!isDuplicateKey(err) || (await update()) === 0) throw err;
  }
}

function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } };
  const code = e?.code ?? e?.driverError?.code ?? '';
  return code === 'ER_DUP_ENTRY' || code.startsWith('SQLITE_CONSTRAINT');
}
