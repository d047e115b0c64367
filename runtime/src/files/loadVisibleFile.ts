import type { Database } from '../db/Database';
import type { AuthContext } from '../http/AuthContext';
import { DataScope } from '../tenancy/DataScope';
import type { FileRow } from './fileDto';

/**
 * Loads a file row by id, or throws `file.not_found` (404) when it does not
 * exist or lies outside the caller's `file.read` scope (the two are
 * indistinguishable to the caller).
 */
export async function loadVisibleFile(db: Database, auth: AuthContext, id: string): Promise<FileRow> {
  const [row] = await db.query<FileRow>(
    `SELECT id, org_id, org_path, tenant_id, name, size, mime, sha256, storage_key, created_by, created_at, revision
       FROM file WHERE id = ?`,
    [id],
  );
  DataScope.of(auth, 'file.read').assertVisible(row?.org_path, 'file', id);
  return row!;
}
