import type { Interceptor } from 'camunda-external-task-client-js';
import type { WorkerAuth } from '../worker/createWorker';

/** camunda-external-task-client-js interceptors that authenticate with `auth` (Basic or Bearer); none without it. */
export function workerInterceptors(auth: WorkerAuth | undefined): Interceptor[] {
  if (!auth) return [];
  const header = () =>
    'bearer' in auth
      ? `Bearer ${typeof auth.bearer === 'function' ? auth.bearer() : auth.bearer}`
      : `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  return [
    (<T>(config: T & { headers?: Record<string, string> }): T => ({ ...config, headers: { ...config.headers, Authorization: header() } })) as Interceptor,
  ];
}
