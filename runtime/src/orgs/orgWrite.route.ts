import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { unitOfWork } from '../db/unitOfWork';
import { defineRoute } from '../http/defineRoute';
import type { AuthContext } from '../http/AuthContext';
import { assertOrgAccess } from './orgAccess';
import { archiveOrg, findOrgForUpdate, insertOrg, moveOrg, updateOrg, type Actor } from './orgCommands';
import { findOrg, orgSchema, toOrg } from './orgRow';

const idParams = z.object({ id: z.string().min(1).max(36) });
const revision = z.number().int().min(1);

/** The actor of an authenticated call. */
export function actorOf(auth: AuthContext): Actor {
  return { actorId: auth.userId, actorName: auth.username };
}

/** Write routes of the org tree: create, update, move, archive (each one unit of work: transaction + audit by the caller). */
export function orgWriteRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'post',
      path: '/orgs',
      summary: 'Create an org under a parent the caller may write (top-level: platform admins only)',
      tags: ['orgs'],
      permission: 'org.write',
      idempotent: true,
      status: 201,
      body: z.strictObject({
        parentId: z.string().min(1).max(36).optional(),
        type: z.string().min(1).max(64),
        name: z.string().trim().min(1).max(200),
        info: z.record(z.string(), z.unknown()).optional(),
      }),
      response: orgSchema,
      handler: async ({ body, auth }) => {
        const row = await unitOfWork(deps, actorOf(auth), async ({ tx, actor }) => {
          let parent;
          if (body.parentId) {
            parent = await findOrgForUpdate(tx, body.parentId);
            assertOrgAccess(auth, parent?.path, 'org.write', 'org', body.parentId);
          } else if (!auth.platformAdmin) {
            throw new SafeFlowError('auth.forbidden', 'Only platform administrators create top-level orgs', {
              status: 403,
            });
          }
          return insertOrg(tx, deps, actor, {
            parent,
            type: body.type,
            name: body.name,
            info: body.info,
          });
        });
        return toOrg(row);
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/orgs/:id',
      summary: 'Rename an org or replace its info (optimistic lock on revision)',
      tags: ['orgs'],
      permission: 'org.write',
      params: idParams,
      body: z.strictObject({
        revision,
        name: z.string().trim().min(1).max(200).optional(),
        info: z.record(z.string(), z.unknown()).optional(),
      }),
      response: orgSchema,
      handler: async ({ params, body, auth }) => {
        await unitOfWork(deps, actorOf(auth), async ({ tx, actor }) => {
          const org = await findOrgForUpdate(tx, params.id);
          assertOrgAccess(auth, org?.path, 'org.write', 'org', params.id);
          await updateOrg(tx, deps, actor, org!, body);
        });
        return toOrg((await findOrg(deps.db, params.id))!);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/orgs/:id/move',
      summary: 'Move an org and its subtree under another parent (both in write scope)',
      tags: ['orgs'],
      permission: 'org.write',
      params: idParams,
      body: z.strictObject({ newParentId: z.string().min(1).max(36), revision }),
      response: orgSchema,
      handler: async ({ params, body, auth }) => {
        await unitOfWork(deps, actorOf(auth), async ({ tx, actor }) => {
          const org = await findOrgForUpdate(tx, params.id);
          assertOrgAccess(auth, org?.path, 'org.write', 'org', params.id);
          const target = await findOrgForUpdate(tx, body.newParentId);
          assertOrgAccess(auth, target?.path, 'org.write', 'org', body.newParentId);
          await moveOrg(tx, deps, actor, org!, target!, body.revision);
        });
        return toOrg((await findOrg(deps.db, params.id))!);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/orgs/:id/archive',
      summary: 'Archive an org without unarchived children',
      tags: ['orgs'],
      permission: 'org.write',
      params: idParams,
      body: z.strictObject({ revision }),
      response: orgSchema,
      handler: async ({ params, body, auth }) => {
        await unitOfWork(deps, actorOf(auth), async ({ tx, actor }) => {
          const org = await findOrgForUpdate(tx, params.id);
          assertOrgAccess(auth, org?.path, 'org.write', 'org', params.id);
          await archiveOrg(tx, deps, actor, org!, body.revision);
        });
        return toOrg((await findOrg(deps.db, params.id))!);
      },
    }),
  ];
}
