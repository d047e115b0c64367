import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { pickLocale, SubmissionService } from './SubmissionService';
import { parseTaskFormKey } from '../engine/core/safeflowFormKey';
import { submitTask } from './submitTask';

export { parseTaskFormKey };

/**
 * `POST /api/v1/tasks/:taskId/submit { values }` — completes a form-bound
 * user task (`camunda:formKey="safeflow:forms/<key>@<version|latest>"`):
 * validates against that form version first (400 `submission.invalid`),
 * then stores the submission and completes the task in one transaction —
 * through the engine gateway, so the task may live on a remote Camunda 7 /
 * Operaton (`ENGINE_URL`; there the local transaction rolls back when the
 * remote completion fails).
 */
export function taskSubmitRoutes(deps: AppDeps): AnyRoute[] {
  const service = new SubmissionService(deps);
  return [
    defineRoute({
      method: 'post', path: '/tasks/:taskId/submit', summary: "Complete a form-bound user task with the form's values (validated first, one transaction)", tags: ['submissions'],
      permission: 'task.work', idempotent: true, status: 201,
      params: z.object({ taskId: z.string().max(64) }),
      body: z.strictObject({ values: z.record(z.string(), z.unknown()) }),
      response: z.object({
        submissionId: z.string(), taskId: z.string(), formKey: z.string(), formVersion: z.number(), data: z.record(z.string(), z.unknown()),
        checklist: z.object({ score: z.number(), maxScore: z.number(), percent: z.number(), passed: z.boolean(), failed: z.array(z.string()), hazardCount: z.number() }).optional(),
      }),
      handler: async ({ params, body, auth, ctx, idempotencyKey }) => {
        const { submission, checklist } = await submitTask(deps, service, auth, {
          taskId: params.taskId, values: body.values, locale: pickLocale(ctx.get('accept-language')), idempotencyKey,
        });
        return { submissionId: submission.id, taskId: params.taskId, formKey: submission.formKey, formVersion: submission.formVersion, data: submission.data, checklist };
      },
    }),
  ];
}
