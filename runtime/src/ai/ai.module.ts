import crypto from 'node:crypto';
import { createAiDetectPlugin } from '@safeflow/plugin-ai-detect';
import { ffmpegFrameGrabber, SafeFlowError, startTaskTypeWorker, type CameraService, type Worker } from '@safeflow/plugin-kit';
import type { ModuleFactory } from '../app/RuntimeModule';
import { hasEngine } from '../definitions/definitions.module';
import { inProcessWorkersEnabled } from '../definitions/inProcessWorkersEnabled';
import { engineGatewayOf } from '../engineGateway/engineGatewayOf';
import { aiRoutes } from './ai.route';
import { aiServicesOf } from './AiServices';

/**
 * Cameras until the runtime's camera registry is wired in (branch kit): every lookup is
 * `camera.not_found`, so camera-sourced `ai-detect` tasks fail clearly; photos work.
 */
const noCameras: CameraService = {
  async get(id) {
    throw new SafeFlowError('camera.not_found', `Camera ${id} not found`, { status: 404 });
  },
  async updateBaseline() {},
  async recordHealth() {},
};

/**
 * AI detection (plugins/ai-detect): `/api/v1/ai/*` and the in-process worker of the
 * plugin's `ai-detect` and `ai-alarm-review` task types (kit's `startTaskTypeWorker`
 * over this node's engine connection). The detector pool shuts down with the node.
 */
export const aiModule: ModuleFactory = (deps) => {
  let worker: Worker | undefined;
  return {
    name: 'ai',
    routes: aiRoutes(deps),
    async start({ url }) {
      if (!inProcessWorkersEnabled() || !hasEngine(deps)) return;
      const ai = aiServicesOf(deps);
      const plugin = createAiDetectPlugin(ai.ports);
      const topics = (plugin.taskTypes ?? []).map((t) => t.topic);
      const conn = await engineGatewayOf(deps).workerConnection({ selfUrl: url, name: 'safeflow in-process ai-detect worker', topics });
      worker = startTaskTypeWorker({
        baseUrl: conn.baseUrl,
        auth: conn.auth,
        workerId: `safeflow-ai-detect-${crypto.randomUUID()}`,
        taskTypes: plugin.taskTypes ?? [],
        maxTasks: 2,
        services: { cameras: noCameras, frames: ffmpegFrameGrabber, clock: deps.clock, logger: deps.logger },
        onPollError: (err) => deps.logger.debug({ err }, 'ai-detect worker poll failed'),
        onError: (_topic, taskId, err) => deps.logger.warn({ err, taskId }, 'ai-detect task failed'),
      });
    },
    async stop() {
      worker?.stop();
      worker = undefined;
      await aiServicesOf(deps).pool.close();
    },
  };
};
