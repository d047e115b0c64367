/**
 * `@safeflow/plugin-ai-detect/remote`: the ai-detect task types that run out of process
 * (`safeflow worker --plugin @safeflow/plugin-ai-detect/remote`) over the kit's `services.api`
 * — the runtime's REST API with the worker's credentials (a user with `engine.operate` over the
 * alarms' orgs). For now `ai-alarm-review`; `ai-detect` itself still runs in the runtime
 * (it needs model bytes, file storage and the alarm/sample writes as API calls: see README).
 */
import { definePlugin, SafeFlowError, type PluginServices, type RuntimeApi } from '@safeflow/plugin-kit';
import type { AlarmPort } from './AiDetectPorts';
import { aiAlarmReviewTaskType } from './aiAlarmReviewTaskType';

/** The alarm port over the runtime API: `POST /ai/alarms/:id/result` (raising alarms stays in the runtime). */
export function remoteAlarmPort(api: RuntimeApi): AlarmPort {
  return {
    raise: async () => {
      throw new SafeFlowError('plugin.remote_unsupported', 'Raising alarms out of process is not supported yet: run ai-detect in the runtime', { status: 501 });
    },
    review: (alarmId, confirmed, reviewer) => api.request<{ status: string }>('POST', `/ai/alarms/${encodeURIComponent(alarmId)}/result`, { confirmed, reviewer }),
  };
}

const apiOf = (services: PluginServices): RuntimeApi => {
  if (!services.api) throw new SafeFlowError('plugin.service_unavailable', 'This task type needs the SafeFlow API (run it with safeflow worker --plugin)', { status: 503 });
  return services.api;
};

/** The out-of-process part of ai-detect. */
export const plugin = definePlugin({
  name: '@safeflow/plugin-ai-detect-remote',
  version: '0.1.0',
  title: { 'zh-CN': 'AI 视频巡查（独立进程）', en: 'AI video patrol (out of process)' },
  taskTypes: [aiAlarmReviewTaskType((services) => ({ alarms: remoteAlarmPort(apiOf(services)) }))],
});

export default plugin;
