import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { actorOf, unitOfWork } from '../db/unitOfWork';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { pickLocale, SubmissionService, type Submission } from './SubmissionService';
import type { DefinitionVersion } from '../definitions/DefinitionStore';

const SubmissionOut = z.object({
  id: z.string(),
  formKey: z.string(),
  formVersion: z.number(),
  formVersionId: z.string(),
  orgId: z.string(),
  taskId: z.string().nullable(),
  recordId: z.string().nullable(),
  status: z.enum(['draft', 'submitted']),
  data: z.record(z.string(), z.unknown()),
  createdBy: z.string(),
  createdAt: z.number(),
  revision: z.number(),
  form: z.object({ version: z.number(), status: z.string(), hash: z.string(), schema: z.unknown() }),
});

function out(s: Submission, form: DefinitionVersion): z.infer<typeof SubmissionOut> {
  const { orgPath: _p, tenantId: _t, updatedAt: _u, ...rest } = s;
  return { ...rest, form: { version: form.version, status: form.status, hash: form.hash, schema: form.content } };
}

/**
 * `POST /api/v1/forms/:key/submissions` (validated against the pinned form
 * version; idempotent by `Idempotency-Key`) and `GET /api/v1/submissions/:id`
 * (the data with the form version it was filled against).
 */
export function submissionRoutes(deps: AppDeps): AnyRoute[] {
  const service = new SubmissionService(deps);
  const tags = ['submissions'];
  return [
    defineRoute({
      method: 'post', path: '/forms/:key/submissions', summary: 'Submit (or save a draft of) a form against a pinned version', tags,
      permission: 'task.work', idempotent: true, status: 201,
      params: z.object({ key: z.string().max(128) }),
      body: z.strictObject({
        version: z.number().int().positive().optional(),
        values: z.record(z.string(), z.unknown()),
        draft: z.boolean().optional(),
        taskId: z.string().max(64).optional(),
        orgId: z.string().max(36).optional(),
      }),
      response: SubmissionOut,
      handler: async ({ params, body, auth, ctx, idempotencyKey }) => {
        const prepared = await service.prepare(auth, params.key, body, pickLocale(ctx.get('accept-language')));
        const s = await unitOfWork(deps, actorOf(auth), ({ tx }) => service.insert(tx, auth, prepared, { taskId: body.taskId, idempotencyKey }));
        return out(s, prepared.form);
      },
    }),
    defineRoute({
      method: 'get', path: '/submissions/:id', summary: 'A submission with the form version it was filled against', tags,
      permission: 'record.read', params: z.object({ id: z.string().max(36) }),
      response: SubmissionOut,
      handler: async ({ params, auth }) => {
        const { submission, form } = await service.get(auth, params.id);
        return out(submission, form);
      },
    }),
  ];
}
