/**
 * The `ai-alarm-review` task type: records a person's review of an alarm (the user task
 * before it sets `confirmed`). Confirmed → the alarm is `confirmed` (the process then
 * starts `safety-hazard`); false → `false` and its frame becomes a negative flywheel sample.
 * camunda:properties: `alarmVariable` (default `alarmId`), `confirmedVariable` (default
 * `confirmed`), `reviewerVariable` (default `reviewer`). Sets `alarmStatus`.
 */
import { defineTaskType, SafeFlowError, type PluginServices } from '@safeflow/plugin-kit';
import { z } from 'zod';
import type { AiDetectPorts } from './AiDetectPorts';

/** The ports the review needs: given by the host, or built per task from the services (out of process: over `services.api`). */
export type AlarmReviewPorts = Pick<AiDetectPorts, 'alarms'> | ((services: PluginServices) => Pick<AiDetectPorts, 'alarms'>);

/** Builds the review task type over the host's ports. */
export function aiAlarmReviewTaskType(source: AlarmReviewPorts) {
  return defineTaskType({
    topic: 'ai-alarm-review',
    name: { 'zh-CN': 'AI 告警审核结果', en: 'AI alarm review result' },
    configSchema: z.object({
      alarmVariable: z.string().default('alarmId'),
      confirmedVariable: z.string().default('confirmed'),
      reviewerVariable: z.string().default('reviewer'),
    }),
    async handler({ variables, config, services }) {
      const alarmId = variables[config.alarmVariable];
      if (typeof alarmId !== 'string' || !alarmId) throw new SafeFlowError('alarm.missing', `Variable '${config.alarmVariable}' names no alarm`, { status: 400 });
      const confirmed = variables[config.confirmedVariable];
      if (typeof confirmed !== 'boolean') throw new SafeFlowError('alarm.review_missing', `Variable '${config.confirmedVariable}' must be true or false`, { status: 400 });
      const reviewer = typeof variables[config.reviewerVariable] === 'string' ? (variables[config.reviewerVariable] as string) : null;
      const ports = typeof source === 'function' ? source(services) : source;
      const { status } = await ports.alarms.review(alarmId, confirmed, reviewer, services.clock.now().getTime());
      return { alarmStatus: status };
    },
  });
}
