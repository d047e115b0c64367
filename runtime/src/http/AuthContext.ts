/** One membership of the caller: a role held in an org (and so in its subtree). */
export interface MembershipGrant {
  orgId: string;
  /** Materialised path of the org (`/root/child/`), for subtree checks. */
  orgPath: string;
  /** The top-level org (tenant) the org belongs to. */
  tenantId: string;
  roleKey: string;
  permissions: string[];
}

/**
 * Who is calling, set on `ctx.state.auth` by the authentication middleware.
 * A user's data scope is the union of the subtrees of their memberships;
 * `platformAdmin` sees every tenant.
 */
export interface AuthContext {
  kind: 'user' | 'worker';
  userId: string;
  username: string;
  platformAdmin: boolean;
  memberships: MembershipGrant[];
  /** For worker credentials: the external-task topics they may fetch. */
  topics?: string[];
}
