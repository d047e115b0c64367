import { SafeFlowError } from '@safeflow/engine/errors';
import { decodeConfig } from './decodeConfig';
import type { TaskTypeDefinition } from './defineTaskType';
import type { PluginServices } from './PluginServices';
import { createWorker, type Worker, type WorkerAuth } from './worker/createWorker';

/** Options of {@link startTaskTypeWorker}. */
export interface TaskTypeWorkerOptions {
  /** Camunda 7 REST base URL (SafeFlow's `/engine-rest`, Operaton's `/engine-rest`). */
  baseUrl: string;
  auth?: WorkerAuth;
  workerId: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each task type has its own config type
  taskTypes: readonly TaskTypeDefinition<any>[];
  services: PluginServices;
  /** Long-poll timeout (default 10 s). */
  asyncResponseTimeout?: number;
  maxTasks?: number;
  /** Poll interval after an empty answer (default 200 ms). */
  interval?: number;
  onError?: (topic: string, taskId: string | undefined, error: unknown) => void;
  onPollError?: (error: unknown) => void;
}

/**
 * Subscribes task types on one typed worker (the in-process plugin host and
 * `safeflow worker --plugin` both use it) and starts polling. Each task's
 * `camunda:properties` are parsed with the type's `configSchema`
 * ({@link decodeConfig}); a handler error without a `code` is reported as
 * `<topic>.failed`. A failure is an incident at once (retries 0), as for
 * the built-in workers. Stop it with `stop()`.
 */
export function startTaskTypeWorker(opts: TaskTypeWorkerOptions): Worker {
  const worker = createWorker({
    baseUrl: opts.baseUrl,
    workerId: opts.workerId,
    auth: opts.auth,
    asyncResponseTimeout: opts.asyncResponseTimeout ?? 10_000,
    maxTasks: opts.maxTasks ?? 10,
    interval: opts.interval ?? 200,
    lockDuration: 30_000,
    retry: { retries: 1 },
    onError: opts.onError,
    onPollError: opts.onPollError,
  });
  for (const def of opts.taskTypes) subscribeTaskType(worker, def, opts.services);
  worker.start();
  return worker;
}

/** Subscribes one task type on `worker` (see {@link startTaskTypeWorker}). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each task type has its own config type
export function subscribeTaskType(worker: Worker, def: TaskTypeDefinition<any>, services: PluginServices): void {
  worker.subscribe<Record<string, unknown>, Record<string, unknown>>(
    def.topic,
    async (ctx) => {
      try {
        const config = decodeConfig(def.topic, def.configSchema, ctx.task.extensionProperties);
        return (await def.handler({ task: ctx.task, variables: ctx.variables, config, services, extendLock: ctx.extendLock })) ?? {};
      } catch (err) {
        const e = err as { code?: unknown; name?: string } | null;
        if (typeof e?.code === 'string' || e?.name === 'BpmnError') throw err;
        throw new SafeFlowError(`${def.topic}.failed`, (err as Error | null)?.message ?? String(err), { cause: err, status: 500 });
      }
    },
    {
      includeExtensionProperties: true,
      ...(def.variables ? { variables: def.variables } : {}),
      ...(def.lockDuration ? { lockDuration: def.lockDuration } : {}),
    },
  );
}
