/**
 * `@safeflow/plugin-ai-detect/remote`: the ai-detect task types out of process
 * (`safeflow worker --plugin @safeflow/plugin-ai-detect/remote`), over the kit's `services.api`
 * — the runtime's REST API with the worker's credentials (a user with `engine.operate` over the
 * orgs whose processes it serves). `ai-detect` runs its detector pool in this process (threads
 * start on first use) and keeps downloaded models in a local cache; `ai-alarm-review` records
 * reviews. Cameras come from the kit's camera service (the worker's database, else the API).
 */
import { definePlugin, SafeFlowError, type PluginServices, type RuntimeApi } from '@safeflow/plugin-kit';
import type { AiDetectPorts } from './AiDetectPorts';
import { aiAlarmReviewTaskType } from './aiAlarmReviewTaskType';
import { aiDetectTaskType } from './aiDetectTaskType';
import { DetectorPool, detectorPoolOptionsFromEnv } from './inference/DetectorPool';
import { remoteAiDetectPorts } from './remote/remoteAiDetectPorts';

export { remoteAiDetectPorts, remoteAlarmPort, remoteSamplePort, ModelCache } from './remote/remoteAiDetectPorts';

const apiOf = (services: PluginServices): RuntimeApi => {
  if (!services.api) throw new SafeFlowError('plugin.service_unavailable', 'This task type needs the SafeFlow API (run it with safeflow worker --plugin)', { status: 503 });
  return services.api;
};

/** One pool and one set of ports per API (a worker process has one): sized like the runtime's (`AI_WORKERS`, `AI_INTRA_OP_THREADS`). */
const portsByApi = new WeakMap<RuntimeApi, AiDetectPorts>();
function portsOf(services: PluginServices): AiDetectPorts {
  const api = apiOf(services);
  let ports = portsByApi.get(api);
  if (!ports) {
    ports = remoteAiDetectPorts(api, new DetectorPool(detectorPoolOptionsFromEnv()));
    portsByApi.set(api, ports);
  }
  return ports;
}

/** The out-of-process part of ai-detect. */
export const plugin = definePlugin({
  name: '@safeflow/plugin-ai-detect-remote',
  version: '0.2.0',
  title: { 'zh-CN': 'AI 视频巡查（独立进程）', en: 'AI video patrol (out of process)' },
  taskTypes: [aiDetectTaskType(portsOf), aiAlarmReviewTaskType(portsOf)],
});

export default plugin;
