import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute } from '../http/defineRoute';
import { limitOffset, pageOf, pageQuery } from '../http/pagination';
import { assertOrgAccess } from '../orgs/orgAccess';
import { findOrg } from '../orgs/orgRow';
import { DataScope, escapeLike } from '../tenancy/DataScope';

const entrySchema = z.object({
  seq: z.number().int(),
  id: z.string(),
  at: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  orgId: z.string().nullable(),
  orgPath: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  digest: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});

/**
 * `GET /audit`: the audit trail, newest first, within the caller's
 * `audit.read` scope. Entries are scoped by their org's current place in the
 * tree (so moves carry history along); entries without an org (logins) are
 * for platform admins. `orgId` narrows to that org's subtree.
 */
export function auditRoute(deps: AppDeps) {
  return defineRoute({
    method: 'get',
    path: '/audit',
    summary: 'Read the audit trail (留痕) in the caller’s scope',
    tags: ['audit'],
    permission: 'audit.read',
    query: z.strictObject({
      targetType: z.string().max(64).optional(),
      targetId: z.string().max(100).optional(),
      orgId: z.string().max(36).optional(),
      ...pageQuery,
    }),
    response: pageOf(entrySchema),
    handler: async ({ query, auth }) => {
      const scope = DataScope.of(auth, 'audit.read');
      const s = scope.sql('o.path');
      const where = [scope.all ? '1=1' : `a.org_id IS NOT NULL AND ${s.sql}`];
      const params: unknown[] = scope.all ? [] : [...s.params];
      if (query.orgId) {
        const org = await findOrg(deps.db, query.orgId);
        assertOrgAccess(auth, org?.path, 'audit.read', 'org', query.orgId);
        where.push(`o.path LIKE ? ESCAPE '!'`);
        params.push(escapeLike(org!.path) + '%');
      }
      if (query.targetType) {
        where.push('a.target_type = ?');
        params.push(query.targetType);
      }
      if (query.targetId) {
        where.push('a.target_id = ?');
        params.push(query.targetId);
      }
      const from = `FROM audit_log a LEFT JOIN org o ON o.id = a.org_id WHERE ${where.join(' AND ')}`;
      const [count] = await deps.db.query<{ n: number }>(`SELECT COUNT(*) AS n ${from}`, params);
      const rows = await deps.db.query<Record<string, string | number | null>>(
        `SELECT a.seq, a.id, a.at, a.actor_id, a.actor_name, a.org_id, a.org_path, a.action, a.target_type, a.target_id, a.digest, a.prev_hash, a.hash
         ${from} ORDER BY a.seq DESC LIMIT ? OFFSET ?`,
        [...params, ...limitOffset(query)],
      );
      return {
        items: rows.map((r) => ({
          seq: Number(r.seq),
          id: String(r.id),
          at: new Date(Number(r.at)).toISOString(),
          actorId: String(r.actor_id),
          actorName: String(r.actor_name),
          orgId: (r.org_id as string | null) ?? null,
          orgPath: (r.org_path as string | null) ?? null,
          action: String(r.action),
          targetType: String(r.target_type),
          targetId: String(r.target_id),
          digest: String(r.digest),
          prevHash: String(r.prev_hash),
          hash: String(r.hash),
        })),
        total: Number(count!.n),
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  });
}
