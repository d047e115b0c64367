import { SafeFlowError } from '@safeflow/engine/errors';
import type { AuthContext } from '../http/AuthContext';
import { DataScope } from '../tenancy/DataScope';

/**
 * The access rule for things that live in an org: an org outside every
 * subtree of the caller's memberships does not exist for them
 * (`<what>.not_found`, 404); one they can see but where no membership grants
 * `permission` is `auth.forbidden` (403).
 */
export function assertOrgAccess(
  auth: AuthContext,
  orgPath: string | undefined | null,
  permission: string,
  what: string,
  id: string,
): asserts orgPath is string {
  DataScope.of(auth).assertVisible(orgPath, what, id);
  if (!DataScope.of(auth, permission).contains(orgPath!)) {
    throw new SafeFlowError('auth.forbidden', `Missing permission '${permission}' for this ${what}`, {
      status: 403,
    });
  }
}
