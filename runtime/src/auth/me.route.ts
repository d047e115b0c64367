import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { entitledModules } from '../entitlements/entitledModules';
import { defineRoute } from '../http/defineRoute';
import { heldPermissions } from './loadAuthContext';
import { PERMISSIONS } from './permissions';

/** `GET /me`: the caller, their memberships (org and role names), permissions and entitled modules. */
export function meRoute(deps: AppDeps) {
  return defineRoute({
    method: 'get',
    path: '/me',
    summary: 'The calling user, memberships, permissions and modules',
    tags: ['auth'],
    response: z.object({
      user: z.object({
        id: z.string(),
        username: z.string(),
        displayName: z.string(),
        platformAdmin: z.boolean(),
      }),
      memberships: z.array(
        z.object({
          id: z.string(),
          orgId: z.string(),
          orgName: z.string(),
          orgType: z.string(),
          orgPath: z.string(),
          tenantId: z.string(),
          roleKey: z.string(),
          roleNameZh: z.string(),
          roleNameEn: z.string(),
        }),
      ),
      permissions: z.array(z.string()),
      modules: z.array(z.string()),
    }),
    handler: async ({ auth }) => {
      const [user] = await deps.db.query<{ id: string; username: string; display_name: string }>(
        `SELECT id, username, display_name FROM user WHERE id = ?`,
        [auth.userId],
      );
      const rows = await deps.db.query<Record<string, string>>(
        `SELECT m.id, m.org_id, o.name AS org_name, o.type AS org_type, o.path, o.tenant_id, m.role_key, r.name_zh, r.name_en
           FROM membership m JOIN org o ON o.id = m.org_id JOIN role r ON r.role_key = m.role_key
          WHERE m.user_id = ? AND o.archived = 0 ORDER BY o.path, m.role_key`,
        [auth.userId],
      );
      return {
        user: {
          id: user!.id,
          username: user!.username,
          displayName: user!.display_name,
          platformAdmin: auth.platformAdmin,
        },
        memberships: rows.map((r) => ({
          id: r.id!,
          orgId: r.org_id!,
          orgName: r.org_name!,
          orgType: r.org_type!,
          orgPath: r.path!,
          tenantId: r.tenant_id!,
          roleKey: r.role_key!,
          roleNameZh: r.name_zh!,
          roleNameEn: r.name_en!,
        })),
        permissions: heldPermissions(auth, PERMISSIONS),
        modules: await entitledModules(deps.db, auth),
      };
    },
  });
}
