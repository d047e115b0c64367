import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute } from '../http/defineRoute';
import { limitOffset, pageOf, pageQuery } from '../http/pagination';
import { DataScope, escapeLike } from '../tenancy/DataScope';
import { assertOrgAccess } from './orgAccess';
import { findOrg, orgColumns, orgSchema, toOrg, type OrgRow } from './orgRow';
import { listOrgTypes } from './orgTypes';

const idParams = z.object({ id: z.string().min(1).max(36) });

/** Read routes of the org tree: `GET /orgs`, `GET /orgs/:id`, `GET /orgs/:id/tree`, `GET /org-types`. */
export function orgReadRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/orgs',
      summary: 'List orgs in the caller’s org.read scope',
      tags: ['orgs'],
      permission: 'org.read',
      query: z.strictObject({
        parentId: z.string().max(36).optional(),
        type: z.string().max(64).optional(),
        q: z.string().max(100).optional(),
        includeArchived: z.enum(['true', 'false']).optional(),
        ...pageQuery,
      }),
      response: pageOf(orgSchema),
      handler: async ({ query, auth }) => {
        const scope = DataScope.of(auth, 'org.read').sql('o.path');
        const where = [scope.sql];
        const params: unknown[] = [...scope.params];
        if (query.parentId) {
          where.push('o.parent_id = ?');
          params.push(query.parentId);
        }
        if (query.type) {
          where.push('o.type = ?');
          params.push(query.type);
        }
        if (query.q) {
          where.push(`(o.name LIKE ? ESCAPE '!' OR o.enterprise_number LIKE ? ESCAPE '!')`);
          params.push(`%${escapeLike(query.q)}%`, `%${escapeLike(query.q)}%`);
        }
        if (query.includeArchived !== 'true') where.push('o.archived = 0');
        const sqlWhere = where.join(' AND ');
        const [count] = await deps.db.query<{ n: number }>(
          `SELECT COUNT(*) AS n FROM org o WHERE ${sqlWhere}`,
          params,
        );
        const rows = await deps.db.query<OrgRow>(
          `SELECT ${orgColumns('o')} FROM org o WHERE ${sqlWhere} ORDER BY o.path LIMIT ? OFFSET ?`,
          [...params, ...limitOffset(query)],
        );
        return {
          items: rows.map(toOrg),
          total: Number(count!.n),
          page: query.page,
          pageSize: query.pageSize,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/orgs/:id',
      summary: 'One org (404 outside the caller’s scope)',
      tags: ['orgs'],
      permission: 'org.read',
      params: idParams,
      response: orgSchema,
      handler: async ({ params, auth }) => {
        const org = await findOrg(deps.db, params.id);
        assertOrgAccess(auth, org?.path, 'org.read', 'org', params.id);
        return toOrg(org!);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/orgs/:id/tree',
      summary: 'An org and its unarchived descendants, in path order (at most 5000)',
      tags: ['orgs'],
      permission: 'org.read',
      params: idParams,
      response: z.object({ items: z.array(orgSchema), truncated: z.boolean() }),
      handler: async ({ params, auth }) => {
        const org = await findOrg(deps.db, params.id);
        assertOrgAccess(auth, org?.path, 'org.read', 'org', params.id);
        const rows = await deps.db.query<OrgRow>(
          `SELECT ${orgColumns()} FROM org WHERE path LIKE ? ESCAPE '!' AND (archived = 0 OR id = ?) ORDER BY path LIMIT 5001`,
          [escapeLike(org!.path) + '%', org!.id],
        );
        return { items: rows.slice(0, 5000).map(toOrg), truncated: rows.length > 5000 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/org-types',
      summary: 'The configurable levels of the org tree',
      tags: ['orgs'],
      response: z.object({
        items: z.array(
          z.object({
            key: z.string(),
            nameZh: z.string(),
            nameEn: z.string(),
            allowedParentTypes: z.array(z.string()),
            rootAllowed: z.boolean(),
            sortOrder: z.number(),
          }),
        ),
      }),
      handler: async () => ({ items: await listOrgTypes(deps.db) }),
    }),
  ];
}
