import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { unitOfWork } from '../db/unitOfWork';
import { defineRoute } from '../http/defineRoute';
import { limitOffset, pageOf, pageQuery } from '../http/pagination';
import { assertOrgAccess } from '../orgs/orgAccess';
import { findOrgForUpdate } from '../orgs/orgCommands';
import { findOrg, type OrgRow } from '../orgs/orgRow';
import { actorOf } from '../orgs/orgWrite.route';
import { DataScope } from '../tenancy/DataScope';
import { assertCanGrant, insertMembership } from './membershipCommands';
import { loadUserFor } from './userRow';

const membershipSchema = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  orgPath: z.string(),
  roleKey: z.string(),
  createdAt: z.string(),
});

interface MembershipListRow {
  id: string;
  user_id: string;
  username: string;
  org_id: string;
  org_name: string;
  path: string;
  role_key: string;
  created_at: number;
}

const SELECT = `SELECT m.id, m.user_id, u.username, m.org_id, o.name AS org_name, o.path, m.role_key, m.created_at
  FROM membership m JOIN org o ON o.id = m.org_id JOIN user u ON u.id = m.user_id`;

function toDto(r: MembershipListRow): z.infer<typeof membershipSchema> {
  return {
    id: r.id,
    userId: r.user_id,
    username: r.username,
    orgId: r.org_id,
    orgName: r.org_name,
    orgPath: r.path,
    roleKey: r.role_key,
    createdAt: new Date(Number(r.created_at)).toISOString(),
  };
}

/** `GET/POST /memberships`, `DELETE /memberships/:id`. */
export function membershipRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/memberships',
      summary: 'List memberships in orgs of the caller’s user.read scope',
      tags: ['users'],
      permission: 'user.read',
      query: z.strictObject({
        userId: z.string().max(36).optional(),
        orgId: z.string().max(36).optional(),
        ...pageQuery,
      }),
      response: pageOf(membershipSchema),
      handler: async ({ query, auth }) => {
        const scope = DataScope.of(auth, 'user.read').sql('o.path');
        const where = [scope.sql];
        const params: unknown[] = [...scope.params];
        if (query.orgId) {
          const org = await findOrg(deps.db, query.orgId);
          assertOrgAccess(auth, org?.path, 'user.read', 'org', query.orgId);
          where.push('m.org_id = ?');
          params.push(query.orgId);
        }
        if (query.userId) {
          where.push('m.user_id = ?');
          params.push(query.userId);
        }
        const sqlWhere = where.join(' AND ');
        const [count] = await deps.db.query<{ n: number }>(
          `SELECT COUNT(*) AS n FROM membership m JOIN org o ON o.id = m.org_id WHERE ${sqlWhere}`,
          params,
        );
        const rows = await deps.db.query<MembershipListRow>(
          `${SELECT} WHERE ${sqlWhere} ORDER BY o.path, u.username, m.role_key LIMIT ? OFFSET ?`,
          [...params, ...limitOffset(query)],
        );
        return {
          items: rows.map(toDto),
          total: Number(count!.n),
          page: query.page,
          pageSize: query.pageSize,
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/memberships',
      summary: 'Grant a role in an org (the caller must hold every permission of the role there)',
      tags: ['users'],
      permission: 'membership.write',
      idempotent: true,
      status: 201,
      body: z.strictObject({
        userId: z.string().min(1).max(36),
        orgId: z.string().min(1).max(36),
        roleKey: z.string().min(1).max(64),
      }),
      response: membershipSchema,
      handler: async ({ body, auth }) => {
        const id = await unitOfWork(deps, actorOf(auth), async ({ tx, actor }) => {
          const org = await findOrgForUpdate(tx, body.orgId);
          assertOrgAccess(auth, org?.path, 'membership.write', 'org', body.orgId);
          await loadUserFor(tx, auth, body.userId, 'read').catch((err: { status?: number }) => {
            if (err.status === 403) return undefined; // visible is enough to be granted a role here
            throw err;
          });
          await assertCanGrant(tx, auth, org!, body.roleKey);
          return insertMembership(tx, deps, actor, {
            userId: body.userId,
            org: org!,
            roleKey: body.roleKey,
          });
        });
        const [row] = await deps.db.query<MembershipListRow>(`${SELECT} WHERE m.id = ?`, [id]);
        return toDto(row!);
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/memberships/:id',
      summary: 'Revoke a membership (the caller must be able to grant its role there)',
      tags: ['users'],
      permission: 'membership.write',
      params: z.object({ id: z.string().min(1).max(36) }),
      handler: async ({ params, auth }) => {
        await unitOfWork(deps, actorOf(auth), async ({ tx, audit }) => {
          const [m] = await tx.query<{ id: string; user_id: string; org_id: string; role_key: string }>(
            `SELECT id, user_id, org_id, role_key FROM membership WHERE id = ?`,
            [params.id],
          );
          const org: OrgRow | undefined = m ? await findOrgForUpdate(tx, m.org_id) : undefined;
          assertOrgAccess(auth, org?.path, 'membership.write', 'membership', params.id);
          await assertCanGrant(tx, auth, org!, m!.role_key);
          await tx.execute(`DELETE FROM membership WHERE id = ?`, [m!.id]);
          await audit({
            orgId: org!.id,
            orgPath: org!.path,
            action: 'membership.delete',
            targetType: 'membership',
            targetId: m!.id,
            change: { userId: m!.user_id, orgId: m!.org_id, roleKey: m!.role_key },
          });
        });
        return undefined;
      },
    }),
  ];
}
