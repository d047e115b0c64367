import { DataScope, escapeLike } from '../tenancy/DataScope';
import type { MapLayerContext } from './MapLayerProvider';

/**
 * The SQL predicate of a map layer's rows: the park's tenant, the park's org
 * subtree and the caller's `record.read` scope, on a table with `tenant_id`
 * and an org path column (`alias.org_path`).
 */
export function scopedWhere(ctx: MapLayerContext, alias: string): { sql: string; params: unknown[] } {
  const scope = DataScope.of(ctx.auth, 'record.read').sql(`${alias}.org_path`);
  return {
    sql: `${alias}.tenant_id = ? AND ${alias}.org_path LIKE ? ESCAPE '!' AND ${scope.sql}`,
    params: [ctx.tenantId, escapeLike(ctx.park.orgPath) + '%', ...scope.params],
  };
}
