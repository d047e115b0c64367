import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { createWorker, type TaskHandler, type Worker } from '@safeflow/plugin-kit';
import { engineGatewayOf } from './engineGatewayOf';

/**
 * Starts one of SafeFlow's own in-process workers (`rules`, `records`) on the
 * typed worker helper, connected through the engine gateway (this node's
 * `/engine-rest`, or `ENGINE_URL`). Failures become incidents at once
 * (retries 0) whose message starts with the error's code — `failureCode` when
 * the error has none. Extension properties are fetched. Stop it with `stop()`.
 */
export async function startInProcessWorker(
  deps: AppDeps,
  url: string,
  opts: { topic: string; label: string; failureCode: string; handler: TaskHandler<Record<string, unknown>, Record<string, unknown>> },
): Promise<Worker> {
  const conn = await engineGatewayOf(deps).workerConnection({
    selfUrl: url,
    name: `safeflow in-process ${opts.label} worker`,
    topics: [opts.topic],
  });
  const worker = createWorker({
    baseUrl: conn.baseUrl,
    workerId: `safeflow-${opts.label}-${crypto.randomUUID()}`,
    auth: conn.auth,
    asyncResponseTimeout: 10_000,
    lockDuration: 30_000,
    maxTasks: 10,
    interval: 200,
    retry: { retries: 1 }, // the first failure leaves 0 retries: an incident at once
    onPollError: (err) => deps.logger.debug({ err }, `${opts.label} worker poll failed`),
    onError: (_topic, taskId, err) => deps.logger.warn({ err, taskId }, `${opts.label} task failed`),
  });
  worker.subscribe<Record<string, unknown>, Record<string, unknown>>(
    opts.topic,
    async (ctx) => {
      try {
        return await opts.handler(ctx);
      } catch (err) {
        if (typeof (err as { code?: unknown } | null)?.code === 'string') throw err;
        throw new SafeFlowError(opts.failureCode, (err as Error | null)?.message ?? String(err), { cause: err });
      }
    },
    { includeExtensionProperties: true },
  );
  worker.start();
  return worker;
}

/**
 * The org a task's process instance belongs to: from the local instance row,
 * else (remote engine) the task's tenant root. `orgPath` is undefined when
 * neither is known.
 */
export async function taskOrg(
  deps: AppDeps,
  task: { processInstanceId?: string; tenantId?: string },
): Promise<{ tenantId: string | null; orgPath: string | undefined }> {
  const [inst] = await deps.db.query<{ org_path: string | null; tenant_id: string | null }>(
    'SELECT org_path, tenant_id FROM process_instance WHERE id = ?',
    [task.processInstanceId],
  );
  const tenantId = inst?.tenant_id ?? task.tenantId ?? null;
  return { tenantId, orgPath: inst?.org_path ?? (tenantId ? `/${tenantId}/` : undefined) };
}
