import crypto from 'node:crypto';
import { startTaskTypeWorker, type Worker } from '@safeflow/plugin-kit';
import type { AppDeps } from '../app/AppDeps';
import { engineGatewayOf } from '../engineGateway/engineGatewayOf';
import { pluginServices } from './pluginServices';

/**
 * Runs every in-process task type of the registry (built-in and plugins;
 * not those of `EXTERNAL_PLUGINS`) on the typed worker helper, one worker per
 * topic connected through the engine gateway (this node's `/engine-rest` or
 * `ENGINE_URL`) with the worker credential `safeflow in-process <topic> worker`
 * limited to that topic.
 */
export async function startPluginWorkers(deps: AppDeps, url: string): Promise<Worker[]> {
  const workers: Worker[] = [];
  for (const t of deps.taskTypes.inProcess()) {
    const topic = t.definition.topic;
    const conn = await engineGatewayOf(deps).workerConnection({ selfUrl: url, name: `safeflow in-process ${topic} worker`, topics: [topic] });
    workers.push(
      startTaskTypeWorker({
        baseUrl: conn.baseUrl,
        auth: conn.auth,
        workerId: `safeflow-${topic}-${crypto.randomUUID()}`,
        taskTypes: [t.definition],
        services: pluginServices(deps, t.plugin),
        onPollError: (err) => deps.logger.debug({ err, topic }, 'plugin worker poll failed'),
        onError: (_topic, taskId, err) => deps.logger.warn({ err, taskId, topic }, 'task failed'),
      }),
    );
  }
  return workers;
}
