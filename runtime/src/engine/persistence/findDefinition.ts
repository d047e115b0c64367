import type { Tx } from '../../db/Database';
import { badRequest, notFound } from '../core/EngineRestError';
import type { DefinitionRow } from './rows';

/**
 * The latest version of `key`. With `tenantIds` (the caller's tenants; undefined =
 * unrestricted) only those tenants' and tenant-less definitions are seen. When
 * the key is deployed for several tenants and none is chosen: 400, like Camunda.
 * One read: `tx` may be a transaction or the database itself.
 */
export async function findLatestDefinition(tx: Pick<Tx, 'query'>, key: string, tenantIds?: string[], tenantId?: string | null): Promise<DefinitionRow> {
  const rows = await tx.query<DefinitionRow>(`SELECT * FROM process_definition WHERE def_key = ? ORDER BY version DESC`, [key]);
  let visible = rows.filter((r) => r.tenant_id === null || !tenantIds || tenantIds.includes(r.tenant_id));
  if (tenantId !== undefined) visible = visible.filter((r) => r.tenant_id === tenantId);
  if (visible.length === 0) throw notFound('process_definition.not_found', `No matching process definition with key: ${key} and no tenant-id`);
  const tenants = new Set(visible.map((r) => r.tenant_id));
  if (tenants.size > 1) {
    const withoutTenant = visible.filter((r) => r.tenant_id === null);
    if (withoutTenant.length && tenantId === undefined) return withoutTenant[0]!;
    throw badRequest('process_definition.ambiguous', `Process definition with key '${key}' is deployed for multiple tenants. Specify a tenant id.`);
  }
  return visible[0]!;
}
