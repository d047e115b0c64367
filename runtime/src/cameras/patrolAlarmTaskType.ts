import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import { defineTaskType, type TaskTypeDefinition } from '@safeflow/plugin-kit';
import type { AppDeps } from '../app/AppDeps';
import { unitOfWork } from '../db/unitOfWork';

/** Topic of the built-in first task of a patrol alarm's review process. */
export const PATROL_ALARM_TOPIC = 'patrol-alarm';

/**
 * The built-in `patrol-alarm` task type (first task of the review process an `ai-detect`
 * patrol route starts per alarm, see patrolBpmn): points the alarm named by the
 * `alarmId` variable at this review instance (so the web app's review completes its
 * task), and sets `locationX`/`locationY` (the alarm camera's site-plan position, null
 * without one), `eventType = other` and `dispatch = false` for the reviewer to change.
 * An alarm of another tenant than the instance is `alarm.not_found`. Audited as `ai.alarm.link`.
 */
export function patrolAlarmTaskType(deps: AppDeps): TaskTypeDefinition<{ alarmVariable: string }> {
  return defineTaskType({
    topic: PATROL_ALARM_TOPIC,
    name: { 'zh-CN': '关联巡检告警', en: 'Link patrol alarm' },
    description: { 'zh-CN': '把告警指向审核流程，并取出摄像头在平面图上的位置', en: "Points the alarm at its review and sets the camera's plan position" },
    configSchema: z.object({ alarmVariable: z.string().default('alarmId') }),
    handler: async ({ task, variables, config }) => {
      const alarmId = variables[config.alarmVariable];
      if (typeof alarmId !== 'string' || !alarmId) throw new SafeFlowError('alarm.missing', `Variable '${config.alarmVariable}' names no alarm`, { status: 400 });
      if (!task.processInstanceId) throw new SafeFlowError('alarm.missing', 'The task belongs to no process instance', { status: 400 });
      const pi = task.processInstanceId;
      return unitOfWork(deps, { actorId: PATROL_ALARM_TOPIC, actorName: PATROL_ALARM_TOPIC }, async (uow) => {
        const [a] = await uow.tx.query<{ tenant_id: string; org_id: string; org_path: string; camera_id: string | null }>(
          'SELECT tenant_id, org_id, org_path, camera_id FROM ai_alarm WHERE id = ?', [alarmId],
        );
        if (!a || (task.tenantId && task.tenantId !== a.tenant_id)) throw new SafeFlowError('alarm.not_found', `Alarm ${alarmId} not found`, { status: 404 });
        const [cam] = a.camera_id
          ? await uow.tx.query<{ location_x: number | null; location_y: number | null }>('SELECT location_x, location_y FROM camera WHERE id = ? AND tenant_id = ?', [a.camera_id, a.tenant_id])
          : [];
        await uow.tx.execute('UPDATE ai_alarm SET process_instance_id = ?, updated_at = ?, revision = revision + 1 WHERE id = ?', [pi, deps.clock.now().getTime(), alarmId]);
        await uow.audit({ orgId: a.org_id, orgPath: a.org_path, action: 'ai.alarm.link', targetType: 'ai_alarm', targetId: alarmId, change: { processInstanceId: pi } });
        const coord = (v: number | null | undefined) => (v === null || v === undefined ? null : Number(v));
        return { locationX: coord(cam?.location_x), locationY: coord(cam?.location_y), eventType: 'other', dispatch: false };
      });
    },
  });
}
