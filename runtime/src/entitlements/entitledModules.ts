import type { Database, Tx } from '../db/Database';
import type { AuthContext } from '../http/AuthContext';
import { MODULE_KEYS } from './moduleKeys';

/**
 * The modules the caller may use: the union of the entitlements of the
 * tenants of their memberships (every module for a platform admin).
 */
export async function entitledModules(db: Database | Tx, auth: AuthContext): Promise<string[]> {
  if (auth.platformAdmin) return [...MODULE_KEYS];
  const tenants = [...new Set(auth.memberships.map((m) => m.tenantId))];
  if (tenants.length === 0) return [];
  const rows = await db.query<{ module: string }>(
    `SELECT DISTINCT module FROM entitlement WHERE tenant_id IN (${tenants.map(() => '?').join(', ')}) ORDER BY module`,
    tenants,
  );
  return rows.map((r) => r.module);
}

/** Is `module` enabled for at least one tenant of the caller (always for a platform admin)? */
export async function isEntitled(db: Database | Tx, auth: AuthContext, module: string): Promise<boolean> {
  if (auth.platformAdmin) return true;
  const tenants = [...new Set(auth.memberships.map((m) => m.tenantId))];
  if (tenants.length === 0) return false;
  const rows = await db.query(
    `SELECT 1 AS ok FROM entitlement WHERE module = ? AND tenant_id IN (${tenants.map(() => '?').join(', ')}) LIMIT 1`,
    [module, ...tenants],
  );
  return rows.length > 0;
}
