import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { engineGatewayOf } from '../engineGateway/engineGatewayOf';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { DataScope } from '../tenancy/DataScope';
import { pickLocale, SubmissionService, type Submission } from './SubmissionService';
import { parseTaskFormKey } from '../engine/core/safeflowFormKey';
import { checklistVariables } from './checklistVariables';
import { taskLocationOf } from './taskLocationOf';
import { formHasCheckIn } from './formHasCheckIn';
import type { FormSchema } from '@safeflow/engine/forms';

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
        const gateway = engineGatewayOf(deps);
        const task = await gateway.getTask(params.taskId);
        const orgPath = task?.orgPath ?? (task?.tenantId ? `/${task.tenantId}/` : undefined);
        // a task naming the caller personally (assignee) is theirs even when its instance's org is outside their scope
        if (!task || task.assignee !== auth.username) DataScope.of(auth, 'task.work').assertVisible(orgPath, 'task', params.taskId);
        const form = parseTaskFormKey(task!.formKey);
        if (!form) {
          throw new SafeFlowError('task.not_form_bound', `Task '${params.taskId}' has no SafeFlow form (formKey '${task!.formKey ?? ''}')`, { status: 400 });
        }
        const ids = orgPath!.split('/').filter(Boolean);
        const org = { id: ids[ids.length - 1]!, path: orgPath!, tenantId: task!.tenantId ?? ids[0]! };
        const location = (await formHasCheckIn(deps, form.key, orgPath!)) ? taskLocationOf(await gateway.getProcessVariables(task!.processInstanceId)) : undefined;
        const prepared = await service.prepare(auth, form.key, { values: body.values, version: form.version }, pickLocale(ctx.get('accept-language')), org, location);
        let submission: Submission | undefined;
        await gateway.completeTask(params.taskId, {}, {
          actor: auth,
          inTransaction: async (tx) => {
            submission = await service.insert(tx, auth, prepared, { taskId: params.taskId, idempotencyKey });
            return { ...submission.data, submissionId: submission.id, ...checklistVariables(prepared.form.content as FormSchema, submission.data, submission.id) };
          },
        });
        submission = submission!;
        const c = checklistVariables(prepared.form.content as FormSchema, submission.data, submission.id);
        return {
          submissionId: submission.id, taskId: params.taskId, formKey: submission.formKey, formVersion: submission.formVersion, data: submission.data,
          checklist: c.checklistScore ? { ...c.checklistScore, hazardCount: c.hazardCount! } : undefined,
        };
      },
    }),
  ];
}
