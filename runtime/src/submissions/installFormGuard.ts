import type { AppDeps } from '../app/AppDeps';
import { engineOf } from '../engine/engine.module';
import { fromVariableMap, toVariableMap } from '../engineGateway/gatewayVariables';
import type { FormSchema } from '@safeflow/engine/forms';
import { checklistVariables } from './checklistVariables';
import { SubmissionService } from './SubmissionService';
import { taskLocationOf } from './taskLocationOf';
import { formHasCheckIn } from './formHasCheckIn';
import type { InstanceState } from '@safeflow/engine/bpmn';

async function instanceVariables(deps: AppDeps, id: string) {
  const [row] = await deps.db.query<{ state: string }>('SELECT state FROM process_instance WHERE id = ?', [id]);
  return row ? fromVariableMap((JSON.parse(row.state) as InstanceState).variables) : {};
}

/**
 * Makes `/engine-rest/task/:id/complete` and `/submit-form` of a task whose
 * formKey is a SafeFlow form validate the same way `POST
 * /api/v1/tasks/:id/submit` does: the variables are read as the form's values
 * and validated against the task's form version for the task's org (400
 * InvalidRequestException with the form's messages, nothing changed); valid
 * values are stored as a submission in the completion's transaction and
 * complete the task cleaned (unknown fields of the form dropped from the
 * form's part, sniffed file types), with `submissionId` and the checklist
 * variables. A runtime without the local engine (ENGINE_URL) has nothing to
 * guard. One exception: a form this node does not know, completed by a
 * platform admin, passes unvalidated — that is another SafeFlow platform using
 * this node as its remote engine (its service user), which validated the values
 * against its own form before calling.
 */
export function installFormGuard(deps: AppDeps): void {
  if (deps.config.engineUrl) return;
  let services;
  try {
    services = engineOf(deps).services;
  } catch {
    return; // no engine module in this runtime
  }
  const service = new SubmissionService(deps);
  services.formGuard = async ({ auth, task, form, variables, locale }) => {
    const orgPath = task.org_path ?? `/${task.tenant_id}/`;
    const ids = orgPath.split('/').filter(Boolean);
    const org = { id: ids[ids.length - 1]!, path: orgPath, tenantId: task.tenant_id ?? ids[0]! };
    let prepared;
    try {
      const location = (await formHasCheckIn(deps, form.key, orgPath)) ? taskLocationOf(await instanceVariables(deps, task.process_instance_id)) : undefined;
      prepared = await service.prepare(auth, form.key, { values: fromVariableMap(variables), version: form.version }, locale, org, location);
    } catch (err) {
      // a platform using this node as its remote engine (a platform admin service user) validated against its own forms
      const code = (err as { code?: string }).code ?? '';
      if (auth.platformAdmin && auth.kind === 'user' && /^form\.(not_found|not_published)$/.test(code)) return async () => ({});
      throw err;
    }
    return async (tx) => {
      const s = await service.insert(tx, auth, prepared, { taskId: task.id });
      return toVariableMap({ ...s.data, submissionId: s.id, ...checklistVariables(prepared.form.content as FormSchema, s.data, s.id) });
    };
  };
}
