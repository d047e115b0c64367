import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute } from '../http/defineRoute';

/** A role as the API shows it. */
export const roleSchema = z.object({
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  permissions: z.array(z.string()),
  builtin: z.boolean(),
});

/** `GET /roles`: every role with its permissions (any signed-in user). */
export function rolesRoute(deps: AppDeps) {
  return defineRoute({
    method: 'get',
    path: '/roles',
    summary: 'List roles and their permissions',
    tags: ['auth'],
    response: z.object({ items: z.array(roleSchema) }),
    handler: async () => {
      const rows = await deps.db.query<{
        role_key: string;
        name_zh: string;
        name_en: string;
        permissions: string;
        builtin: number;
      }>(`SELECT role_key, name_zh, name_en, permissions, builtin FROM role ORDER BY builtin DESC, role_key`);
      return {
        items: rows.map((r) => ({
          key: r.role_key,
          nameZh: r.name_zh,
          nameEn: r.name_en,
          permissions: JSON.parse(r.permissions) as string[],
          builtin: Number(r.builtin) === 1,
        })),
      };
    },
  });
}
