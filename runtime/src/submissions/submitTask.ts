import { SafeFlowError } from '@safeflow/engine/errors';
import type { FormSchema } from '@safeflow/engine/forms';
import type { AppDeps } from '../app/AppDeps';
import { parseTaskFormKey } from '../engine/core/safeflowFormKey';
import { engineGatewayOf } from '../engineGateway/engineGatewayOf';
import type { AuthContext } from '../http/AuthContext';
import { DataScope } from '../tenancy/DataScope';
import { checklistVariables } from './checklistVariables';
import { formHasCheckIn } from './formHasCheckIn';
import type { Submission, SubmissionService } from './SubmissionService';
import { taskLocationOf } from './taskLocationOf';

/** What {@link submitTask} did: the stored submission and, for a checklist form, its score. */
export interface TaskSubmitted {
  submission: Submission;
  checklist?: { score: number; maxScore: number; percent: number; passed: boolean; failed: string[]; hazardCount: number };
}

/**
 * Completes a form-bound user task as `auth` with the form's `values`:
 * the task must be in the caller's `task.work` scope (or assigned to them),
 * the values are validated against the task's form version first (400
 * `submission.invalid`), then the submission is stored and the task
 * completed in one transaction (through the engine gateway). Used by
 * `POST /api/v1/tasks/:taskId/submit` and by the demo instances.
 */
export async function submitTask(
  deps: AppDeps,
  service: SubmissionService,
  auth: AuthContext,
  req: { taskId: string; values: Record<string, unknown>; locale: 'zh-CN' | 'en'; idempotencyKey?: string },
): Promise<TaskSubmitted> {
  const gateway = engineGatewayOf(deps);
  const task = await gateway.getTask(req.taskId);
  const orgPath = task?.orgPath ?? (task?.tenantId ? `/${task.tenantId}/` : undefined);
  // a task naming the caller personally (assignee) is theirs even when its instance's org is outside their scope
  if (!task || task.assignee !== auth.username) DataScope.of(auth, 'task.work').assertVisible(orgPath, 'task', req.taskId);
  const form = parseTaskFormKey(task!.formKey);
  if (!form) {
    throw new SafeFlowError('task.not_form_bound', `Task '${req.taskId}' has no SafeFlow form (formKey '${task!.formKey ?? ''}')`, { status: 400 });
  }
  const ids = orgPath!.split('/').filter(Boolean);
  const org = { id: ids[ids.length - 1]!, path: orgPath!, tenantId: task!.tenantId ?? ids[0]! };
  const location = (await formHasCheckIn(deps, form.key, orgPath!)) ? taskLocationOf(await gateway.getProcessVariables(task!.processInstanceId)) : undefined;
  const prepared = await service.prepare(auth, form.key, { values: req.values, version: form.version }, req.locale, org, location);
  let submission: Submission | undefined;
  await gateway.completeTask(req.taskId, {}, {
    actor: auth,
    inTransaction: async (tx) => {
      submission = await service.insert(tx, auth, prepared, { taskId: req.taskId, idempotencyKey: req.idempotencyKey });
      return { ...submission.data, submissionId: submission.id, ...checklistVariables(prepared.form.content as FormSchema, submission.data, submission.id) };
    },
  });
  const c = checklistVariables(prepared.form.content as FormSchema, submission!.data, submission!.id);
  return { submission: submission!, checklist: c.checklistScore ? { ...c.checklistScore, hazardCount: c.hazardCount! } : undefined };
}
