import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { hashPassword, passwordSchema } from '../auth/passwords';
import { revokeUserRefreshTokens } from '../auth/refreshTokens';
import { assertRevision, type Tx } from '../db/Database';
import { unitOfWork } from '../db/unitOfWork';
import { defineRoute } from '../http/defineRoute';
import { limitOffset, pageOf, pageQuery } from '../http/pagination';
import { assertOrgAccess } from '../orgs/orgAccess';
import { findOrgForUpdate } from '../orgs/orgCommands';
import { findOrg } from '../orgs/orgRow';
import { actorOf } from '../orgs/orgWrite.route';
import { DataScope, escapeLike } from '../tenancy/DataScope';
import { assertCanGrant, insertMembership } from './membershipCommands';
import { insertUser } from './userCommands';
import { findUser, loadUserFor, toUser, USER_COLUMNS, userSchema, type UserRow } from './userRow';

const idParams = z.object({ id: z.string().min(1).max(36) });

/** The org of a user's first membership (by path), to scope audit entries about them. */
async function auditOrgOf(tx: Tx, userId: string): Promise<{ orgId?: string; orgPath?: string }> {
  const [row] = await tx.query<{ id: string; path: string }>(
    `SELECT o.id, o.path FROM membership m JOIN org o ON o.id = m.org_id WHERE m.user_id = ? ORDER BY o.path LIMIT 1`,
    [userId],
  );
  return row ? { orgId: row.id, orgPath: row.path } : {};
}

/** `GET/POST /users`, `GET/PATCH /users/:id`, `POST /users/:id/disable|enable`. */
export function userRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/users',
      summary: 'List users with a membership in the caller’s user.read scope',
      tags: ['users'],
      permission: 'user.read',
      query: z.strictObject({
        orgId: z.string().max(36).optional(),
        q: z.string().max(100).optional(),
        ...pageQuery,
      }),
      response: pageOf(userSchema),
      handler: async ({ query, auth }) => {
        const scope = DataScope.of(auth, 'user.read').sql('o.path');
        const inner = [scope.sql];
        const params: unknown[] = [...scope.params];
        if (query.orgId) {
          const org = await findOrg(deps.db, query.orgId);
          assertOrgAccess(auth, org?.path, 'user.read', 'org', query.orgId);
          inner.push(`o.path LIKE ? ESCAPE '!'`);
          params.push(escapeLike(org!.path) + '%');
        }
        const where = [
          auth.platformAdmin && !query.orgId
            ? '1=1'
            : `EXISTS (SELECT 1 FROM membership m JOIN org o ON o.id = m.org_id WHERE m.user_id = u.id AND ${inner.join(' AND ')})`,
        ];
        if (auth.platformAdmin && !query.orgId) params.length = 0;
        if (query.q) {
          where.push(`(u.username LIKE ? ESCAPE '!' OR u.display_name LIKE ? ESCAPE '!')`);
          params.push(`%${escapeLike(query.q)}%`, `%${escapeLike(query.q)}%`);
        }
        const sqlWhere = where.join(' AND ');
        const [count] = await deps.db.query<{ n: number }>(
          `SELECT COUNT(*) AS n FROM user u WHERE ${sqlWhere}`,
          params,
        );
        const rows = await deps.db.query<UserRow>(
          `SELECT ${USER_COLUMNS} FROM user u WHERE ${sqlWhere} ORDER BY u.username LIMIT ? OFFSET ?`,
          [...params, ...limitOffset(query)],
        );
        return {
          items: rows.map(toUser),
          total: Number(count!.n),
          page: query.page,
          pageSize: query.pageSize,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/users/:id',
      summary: 'One user (404 outside the caller’s scope)',
      tags: ['users'],
      permission: 'user.read',
      params: idParams,
      response: userSchema,
      handler: async ({ params, auth }) => toUser(await loadUserFor(deps.db, auth, params.id, 'read')),
    }),
    defineRoute({
      method: 'post',
      path: '/users',
      summary: 'Create a user with a first membership in the caller’s membership.write scope',
      tags: ['users'],
      permission: 'user.write',
      idempotent: true,
      status: 201,
      body: z.strictObject({
        username: z.string().regex(/^[A-Za-z0-9._@-]{3,100}$/, 'letters, digits and . _ @ - (3–100)'),
        password: passwordSchema,
        displayName: z.string().trim().min(1).max(200).optional(),
        platformAdmin: z.boolean().optional(),
        membership: z
          .strictObject({ orgId: z.string().min(1).max(36), roleKey: z.string().min(1).max(64) })
          .optional(),
      }),
      response: userSchema,
      handler: async ({ body, auth }) => {
        if (body.platformAdmin && !auth.platformAdmin) {
          throw new SafeFlowError(
            'auth.forbidden',
            'Only platform administrators create platform administrators',
            { status: 403 },
          );
        }
        if (!body.membership && !auth.platformAdmin) {
          throw new SafeFlowError(
            'user.membership_required',
            'Give the new user a membership in your scope',
            { status: 400 },
          );
        }
        const passwordHash = await hashPassword(body.password);
        const id = await unitOfWork(deps, actorOf(auth), async ({ tx, actor }) => {
          let org;
          if (body.membership) {
            org = await findOrgForUpdate(tx, body.membership.orgId);
            assertOrgAccess(auth, org?.path, 'membership.write', 'org', body.membership.orgId);
            await assertCanGrant(tx, auth, org!, body.membership.roleKey);
          }
          const userId = await insertUser(tx, deps, actor, { ...body, passwordHash, org });
          if (org)
            await insertMembership(tx, deps, actor, { userId, org, roleKey: body.membership!.roleKey });
          return userId;
        });
        return toUser((await findUser(deps.db, id))!);
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/users/:id',
      summary: 'Change a user’s display name or reset their password (optimistic lock on revision)',
      tags: ['users'],
      permission: 'user.write',
      params: idParams,
      body: z.strictObject({
        revision: z.number().int().min(1),
        displayName: z.string().trim().min(1).max(200).optional(),
        password: passwordSchema.optional(),
      }),
      response: userSchema,
      handler: async ({ params, body, auth }) => {
        const passwordHash = body.password ? await hashPassword(body.password) : undefined;
        await unitOfWork(deps, actorOf(auth), async ({ tx, audit }) => {
          const user = await loadUserFor(tx, auth, params.id, 'write');
          const affected = await tx.execute(
            `UPDATE user SET display_name = ?, password_hash = COALESCE(?, password_hash), updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?`,
            [
              body.displayName ?? user.display_name,
              passwordHash ?? null,
              deps.clock.now().getTime(),
              user.id,
              body.revision,
            ],
          );
          assertRevision(affected, `User '${user.id}'`);
          if (passwordHash) await revokeUserRefreshTokens(tx, deps, user.id);
          await audit({
            ...(await auditOrgOf(tx, user.id)),
            action: 'user.update',
            targetType: 'user',
            targetId: user.id,
            change: { displayName: body.displayName, passwordReset: !!passwordHash },
          });
        });
        return toUser((await findUser(deps.db, params.id))!);
      },
    }),
    ...(['disable', 'enable'] as const).map((verb) =>
      defineRoute({
        method: 'post',
        path: `/users/:id/${verb}`,
        summary: verb === 'disable' ? 'Disable a user (revokes their sessions)' : 'Enable a disabled user',
        tags: ['users'],
        permission: 'user.write',
        params: idParams,
        response: userSchema,
        handler: async ({ params, auth }) => {
          if (verb === 'disable' && params.id === auth.userId) {
            throw new SafeFlowError('user.cannot_disable_self', 'You cannot disable yourself', {
              status: 400,
            });
          }
          await unitOfWork(deps, actorOf(auth), async ({ tx, audit }) => {
            const user = await loadUserFor(tx, auth, params.id, 'write');
            await tx.execute(
              `UPDATE user SET disabled = ?, updated_at = ?, revision = revision + 1 WHERE id = ?`,
              [verb === 'disable' ? 1 : 0, deps.clock.now().getTime(), user.id],
            );
            if (verb === 'disable') await revokeUserRefreshTokens(tx, deps, user.id);
            await audit({
              ...(await auditOrgOf(tx, user.id)),
              action: `user.${verb}`,
              targetType: 'user',
              targetId: user.id,
            });
          });
          return toUser((await findUser(deps.db, params.id))!);
        },
      }),
    ),
  ];
}
