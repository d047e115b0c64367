import { SafeFlowError } from '@safeflow/engine/errors';
import type { AuthContext } from '../http/AuthContext';

/** Roles that manage the packs of their tenant (at the tenant's top-level org). */
export const PACK_ADMIN_ROLES = ['cityBureauAdmin', 'platformAdmin'];

/**
 * The tenant a packs call is about, checked for the caller: a platform admin
 * names any tenant (`tenantId` required); a city admin manages the tenant
 * whose top-level org they administer (default: their tenant). A tenant the
 * caller has no membership in answers 404 (`pack.tenant_not_found`), one
 * where they are not an administrator at the top 403 (`pack.forbidden`).
 */
export function packTenantFor(auth: AuthContext, tenantId: string | undefined, write: boolean): string {
  if (auth.platformAdmin) {
    if (!tenantId) throw new SafeFlowError('pack.tenant_required', 'Say which tenant (tenantId): a platform administrator acts in every tenant', { status: 400 });
    return tenantId;
  }
  const tenants = [...new Set(auth.memberships.map((m) => m.tenantId))];
  const tenant = tenantId ?? (tenants.length === 1 ? tenants[0] : undefined);
  if (!tenant) throw new SafeFlowError('pack.tenant_required', 'Say which tenant (tenantId): you belong to several', { status: 400 });
  if (!tenants.includes(tenant)) throw new SafeFlowError('pack.tenant_not_found', `No tenant '${tenant}'`, { status: 404 });
  const admin = auth.memberships.some((m) => m.tenantId === tenant && m.orgId === tenant && PACK_ADMIN_ROLES.includes(m.roleKey));
  const reader = admin || auth.memberships.some((m) => m.tenantId === tenant && m.permissions.includes('definition.read'));
  if (write ? !admin : !reader) {
    throw new SafeFlowError('pack.forbidden', write ? 'Only the platform or city administrator installs packs' : 'You may not read the packs of this tenant', { status: 403 });
  }
  return tenant;
}
