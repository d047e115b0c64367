import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { pickLocale } from '../submissions/SubmissionService';
import { RecordService, type RecordDoc } from './RecordService';

const RecordOut = z.object({
  id: z.string(),
  collectionKey: z.string(),
  collectionVersion: z.number(),
  orgId: z.string(),
  status: z.string(),
  data: z.record(z.string(), z.unknown()),
  formVersionId: z.string().nullable(),
  submissionId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  revision: z.number(),
});

function out(r: RecordDoc): z.infer<typeof RecordOut> {
  const { orgPath: _p, tenantId: _t, ...rest } = r;
  return rest;
}

const Params = z.object({ collection: z.string().max(128) });
const IdParams = Params.extend({ id: z.string().max(36) });
const Data = z.record(z.string(), z.unknown());

/** `/api/v1/records/:collection` — create, read, update, transition and history of records. */
export function recordRoutes(deps: AppDeps): AnyRoute[] {
  const service = new RecordService(deps);
  const tags = ['records'];
  return [
    defineRoute({
      method: 'post', path: '/records/:collection', summary: "Create a record (through the collection's form when it has one)", tags,
      permission: 'record.write', params: Params, status: 201, idempotent: true,
      body: z.strictObject({ orgId: z.string().max(36).optional(), data: Data.optional(), values: Data.optional(), formVersion: z.number().int().positive().optional() }),
      response: RecordOut,
      handler: async ({ params, body, auth, ctx }) => out(await service.create(auth, params.collection, body, pickLocale(ctx.get('accept-language')))),
    }),
    defineRoute({
      method: 'get', path: '/records/:collection/:id', summary: 'One record', tags,
      permission: 'record.read', params: IdParams, response: RecordOut,
      handler: async ({ params, auth }) => out(await service.load(auth, params.collection, params.id)),
    }),
    defineRoute({
      method: 'put', path: '/records/:collection/:id', summary: "Replace a record's data (optimistic locking by revision)", tags,
      permission: 'record.write', params: IdParams,
      body: z.strictObject({ data: Data, revision: z.number().int() }),
      response: RecordOut,
      handler: async ({ params, body, auth }) => out(await service.update(auth, params.collection, params.id, body)),
    }),
    defineRoute({
      method: 'post', path: '/records/:collection/:id/transition', summary: "Move a record to another state (guarded by the collection's transitions and roles)", tags,
      permission: 'record.write', params: IdParams,
      body: z.strictObject({ to: z.string().min(1).max(64), note: z.string().max(2000).optional(), revision: z.number().int() }),
      response: RecordOut,
      handler: async ({ params, body, auth }) => out(await service.transition(auth, params.collection, params.id, body)),
    }),
    defineRoute({
      method: 'get', path: '/records/:collection/:id/history', summary: 'State transitions and audit entries of a record', tags,
      permission: 'record.read', params: IdParams,
      response: z.object({
        transitions: z.array(z.object({ from: z.string(), to: z.string(), actorId: z.string(), actorName: z.string(), at: z.number(), note: z.string().nullable() })),
        audit: z.array(z.object({ seq: z.number(), at: z.number(), actorId: z.string(), actorName: z.string(), action: z.string() })),
      }),
      handler: async ({ params, auth }) => service.history(auth, params.collection, params.id),
    }),
  ];
}
