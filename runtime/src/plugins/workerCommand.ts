import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SafeFlowError } from '@safeflow/engine/errors';
import { apiCameraService, apiUrlOf, createRuntimeApi, ffmpegFrameGrabber, startTaskTypeWorker, type CameraService, type PluginServices, type WorkerAuth } from '@safeflow/plugin-kit';
import { systemClock } from '../app/AppDeps';
import type { CliCommand } from '../cli/CliCommand';
import { CameraStore } from '../cameras/CameraStore';
import type { Database } from '../db/Database';
import { openDatabase } from '../db/openDatabase';
import { createLogger } from '../logging/createLogger';
import { loadPluginPackage } from './loadPluginPackage';

/**
 * `safeflow worker --plugin <name>[,<name>...] [--engine-url URL] [--api-url URL] [--username U --password P | --token T]`:
 * runs the task types of one or more plugins as a separate process against
 * any Camunda 7 REST endpoint (SafeFlow's `/engine-rest` or Operaton's), on
 * the typed worker helper, until SIGTERM/SIGINT. Defaults come from
 * `ENGINE_URL` (else `http://localhost:3000/engine-rest`) and
 * `ENGINE_USERNAME`/`ENGINE_PASSWORD`/`ENGINE_TOKEN`. The handlers' camera
 * service reads the SafeFlow database named by `DATABASE_URL`, else
 * `$DATA_DIR/safeflow.db` when it exists; without one it goes over the runtime's worker API
 * (`/api/v1/worker/cameras`, engine.operate over the camera's org). Handlers also get
 * `services.api`: the runtime's `/api/v1` (`--api-url`, `SAFEFLOW_API_URL`, else next to the
 * engine URL) with the same credentials.
 */
export const workerCommand: CliCommand = {
  words: ['worker'],
  summary: "Run a plugin's task-type workers against a Camunda 7 REST endpoint",
  usage: 'safeflow worker --plugin NAME[,NAME] [--engine-url URL] [--api-url URL] [--username U --password P | --token T] [--worker-id ID]',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        plugin: { type: 'string', multiple: true },
        'engine-url': { type: 'string' },
        'api-url': { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        token: { type: 'string' },
        'worker-id': { type: 'string' },
      },
    });
    const specs = (values.plugin ?? []).flatMap((p) => p.split(',')).map((p) => p.trim()).filter(Boolean);
    if (specs.length === 0) throw new SafeFlowError('cli.usage', '--plugin is required');
    const baseUrl = (values['engine-url'] ?? process.env.ENGINE_URL ?? 'http://localhost:3000/engine-rest').replace(/\/$/, '');
    if (!/^https?:\/\//.test(baseUrl)) throw new SafeFlowError('cli.usage', '--engine-url must start with http:// or https://');
    const auth = workerAuth(values);
    const logger = createLogger((process.env.LOG_LEVEL as never) ?? 'info');
    const plugins = await Promise.all(specs.map(loadPluginPackage));
    const taskTypes = plugins.flatMap((p) => p.taskTypes ?? []);
    const topics = taskTypes.map((t) => t.topic);
    if (new Set(topics).size !== topics.length) throw new SafeFlowError('plugin.duplicate_key', `A topic is served twice by these plugins: ${topics.join(', ')}`);
    if (taskTypes.length === 0) throw new SafeFlowError('plugin.no_task_types', `The plugins ${specs.join(', ')} declare no task types`);
    const db = await openSafeFlowDatabase();
    // the runtime's REST API with the same credentials (plugins' own resources: alarms, files, models, ...)
    const apiUrl = (values['api-url'] ?? process.env.SAFEFLOW_API_URL ?? apiUrlOf(baseUrl)).replace(/\/$/, '');
    const api = createRuntimeApi({ baseUrl: apiUrl, auth });
    const cameras: CameraService = db ? new CameraStore({ db, clock: systemClock }) : apiCameraService(api);
    const services: PluginServices = { cameras, frames: ffmpegFrameGrabber, clock: systemClock, logger, api };
    const worker = startTaskTypeWorker({
      baseUrl,
      auth,
      workerId: values['worker-id'] ?? `safeflow-worker-${os.hostname()}-${process.pid}`,
      taskTypes,
      services,
      onPollError: (err) => logger.warn({ err }, 'poll failed'),
      onError: (topic, taskId, err) => logger.warn({ err, topic, taskId }, 'task failed'),
    });
    process.stdout.write(`safeflow worker: serving ${topics.join(', ')} at ${baseUrl} (cameras: ${db ? 'the SafeFlow database' : `the API at ${apiUrl}`})\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
    worker.stop();
    await db?.close();
    return 0;
  },
};

function workerAuth(v: { username?: string; password?: string; token?: string }): WorkerAuth | undefined {
  const username = v.username ?? process.env.ENGINE_USERNAME;
  const password = v.password ?? process.env.ENGINE_PASSWORD;
  const token = v.token ?? process.env.ENGINE_TOKEN;
  if (token && username) throw new SafeFlowError('cli.usage', 'use --token or --username/--password, not both');
  if (!!username !== !!password) throw new SafeFlowError('cli.usage', '--username and --password go together');
  if (token) return { bearer: token };
  return username ? { username, password: password! } : undefined;
}

async function openSafeFlowDatabase(): Promise<Database | undefined> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
  if (!databaseUrl && !fs.existsSync(path.join(dataDir, 'safeflow.db'))) return undefined;
  return openDatabase({ dataDir, databaseUrl });
}
