import type { ApiClient } from './client';

/** One membership of the caller (org + role). */
export interface Membership {
  id: string;
  orgId: string;
  orgName: string;
  orgType: string;
  orgPath: string;
  tenantId: string;
  roleKey: string;
  roleNameZh: string;
  roleNameEn: string;
}

/** `GET /api/v1/me`. */
export interface Me {
  user: { id: string; username: string; displayName: string; platformAdmin: boolean };
  memberships: Membership[];
  permissions: string[];
  modules: string[];
}

/** Loads the caller. */
export function fetchMe(api: ApiClient): Promise<Me> {
  return api.get<Me>('/me');
}
