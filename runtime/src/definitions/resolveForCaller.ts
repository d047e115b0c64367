import type { AuthContext } from '../http/AuthContext';
import { SafeFlowError } from '@safeflow/engine/errors';
import { DefinitionStore, type Definition, type DefinitionKind, type DefinitionVersion } from './DefinitionStore';
import { resolveActingOrg, type Queryable } from './orgContext';

/**
 * The published definition `key` a caller works with: the nearest owner up
 * the path of `orgId` (or of each org where the caller holds `permission`;
 * the deepest match wins). 404 `<kind>.not_found` / 409 `<kind>.not_published`.
 */
export async function resolvePublishedForCaller(
  db: Queryable,
  auth: AuthContext,
  kind: DefinitionKind,
  key: string,
  permission: string,
  orgId?: string,
): Promise<{ definition: Definition; version: DefinitionVersion }> {
  const paths = orgId
    ? [(await resolveActingOrg(db, auth, orgId, permission)).path]
    : auth.memberships.filter((m) => m.permissions.includes(permission)).map((m) => m.orgPath);
  let best: Definition | undefined;
  for (const p of paths) {
    const d = await DefinitionStore.nearest(db, kind, key, p);
    if (d && (!best || d.orgPath.length > best.orgPath.length)) best = d;
  }
  if (!best) throw new SafeFlowError(`${kind}.not_found`, `${kind} '${key}' not found`, { status: 404 });
  return DefinitionStore.resolvePublished(db, kind, key, best.orgPath);
}
