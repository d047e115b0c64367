/**
 * The web app's review of an AI alarm: completes the waiting review user task of the
 * alarm's patrol instance with `confirmed`, `dispatch` and `reviewer` (the process's `ai-alarm-review`
 * step then records the result and, when confirmed, starts `safety-dispatch` with `dispatch`,
 * else `safety-hazard`). The alarm's
 * revision is checked and the submission audited in the transaction of the completion.
 */
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { appendAudit } from '../audit/appendAudit';
import { assertRevision } from '../db/Database';
import { actorOf } from '../db/unitOfWork';
import { engineGatewayOf } from '../engineGateway/engineGatewayOf';
import type { AuthContext } from '../http/AuthContext';
import { DataScope } from '../tenancy/DataScope';
import type { AlarmDto } from './AlarmStore';
import { aiServicesOf } from './AiServices';

/**
 * Reviews alarm `id` as `auth`. @throws ai_alarm.not_found (404, also out of scope),
 * alarm.already_reviewed (409), concurrency.conflict (409, stale revision),
 * ai_alarm.no_review_task (409: the alarm's process waits in no user task).
 */
export async function reviewAlarm(deps: AppDeps, auth: AuthContext, id: string, confirmed: boolean, revision: number, dispatch = false): Promise<AlarmDto> {
  const alarms = aiServicesOf(deps).alarms;
  const alarm = await alarms.get(auth, id);
  const [row] = await deps.db.query<{ org_path: string }>('SELECT org_path FROM ai_alarm WHERE id = ?', [id]);
  DataScope.of(auth, 'record.write').assertVisible(row?.org_path, 'ai_alarm', id);
  if (alarm.status !== 'open') throw new SafeFlowError('alarm.already_reviewed', `Alarm ${id} is already ${alarm.status}`, { status: 409 });
  if (alarm.revision !== revision) throw new SafeFlowError('concurrency.conflict', `The alarm was changed by someone else (revision ${revision} is stale)`, { status: 409 });
  const gateway = engineGatewayOf(deps);
  const [task] = alarm.processInstanceId ? await gateway.listTasks({ processInstanceId: alarm.processInstanceId, firstResult: 0, maxResults: 1 }) : [];
  if (!task) throw new SafeFlowError('ai_alarm.no_review_task', `The process of alarm ${id} waits for no review`, { status: 409 });
  await gateway.completeTask(task.id, { confirmed, dispatch: confirmed && dispatch, reviewer: auth.username }, {
    actor: auth,
    inTransaction: async (tx) => {
      assertRevision(await tx.execute(`UPDATE ai_alarm SET revision = revision + 1, updated_at = ? WHERE id = ? AND revision = ? AND status = 'open'`, [deps.clock.now().getTime(), id, revision]), 'The alarm');
      await appendAudit(tx, deps, { ...actorOf(auth), orgId: alarm.orgId, orgPath: row!.org_path, action: 'ai.alarm.review.submit', targetType: 'ai_alarm', targetId: id, change: { confirmed, dispatch: confirmed && dispatch, taskId: task.id } });
    },
  });
  return alarms.get(auth, id);
}
