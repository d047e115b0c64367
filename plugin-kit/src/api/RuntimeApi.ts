import { SafeFlowError } from '@safeflow/engine/errors';
import type { WorkerAuth } from '../worker/createWorker';

/**
 * The SafeFlow runtime's REST API (`/api/v1`) as a plugin sees it when its task types run
 * out of process (`safeflow worker --plugin`): calls with the worker's credentials, so the
 * runtime checks tenant, role and org scope as for any caller. Plugins use it for what
 * `PluginServices` does not cover (their own resources: alarms, files, models, ...).
 */
export interface RuntimeApi {
  /** A JSON call under `/api/v1` (`path` starts with `/`); the error's stable code is kept. */
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

/** Options of {@link createRuntimeApi}. */
export interface RuntimeApiOptions {
  /** Base URL of the API, e.g. `http://localhost:3000/api/v1`. */
  baseUrl: string;
  auth?: WorkerAuth;
  fetch?: typeof fetch;
}

/** The API's base URL next to an engine REST URL (`…/engine-rest` → `…/api/v1`). */
export function apiUrlOf(engineUrl: string): string {
  return engineUrl.replace(/\/$/, '').replace(/\/engine-rest$/, '') + '/api/v1';
}

/**
 * A {@link RuntimeApi} over fetch. A failed call throws SafeFlowError with the server's
 * `code`, message and status (or `runtime_api.unreachable`, 502, when nothing answered).
 */
export function createRuntimeApi(o: RuntimeApiOptions): RuntimeApi {
  const base = o.baseUrl.replace(/\/$/, '');
  const doFetch = o.fetch ?? ((...a: Parameters<typeof fetch>) => globalThis.fetch(...a));
  const authorization = (): string | undefined => {
    if (!o.auth) return undefined;
    if ('bearer' in o.auth) return `Bearer ${typeof o.auth.bearer === 'function' ? o.auth.bearer() : o.auth.bearer}`;
    return `Basic ${Buffer.from(`${o.auth.username}:${o.auth.password}`).toString('base64')}`;
  };
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const headers: Record<string, string> = { accept: 'application/json' };
      const a = authorization();
      if (a) headers.authorization = a;
      if (body !== undefined) headers['content-type'] = 'application/json';
      let res: Response;
      try {
        res = await doFetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      } catch (err) {
        throw new SafeFlowError('runtime_api.unreachable', `The SafeFlow API at ${base} did not answer: ${(err as Error).message}`, { status: 502, cause: err });
      }
      const text = await res.text();
      const parsed = text && (res.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      if (!res.ok) {
        const code = typeof parsed?.code === 'string' ? parsed.code : 'runtime_api.failed';
        const message = typeof parsed?.message === 'string' ? parsed.message : `${method} ${path} answered ${res.status}`;
        throw new SafeFlowError(code, message, { status: res.status, details: parsed?.details as Record<string, unknown> | undefined });
      }
      return parsed as T;
    },
  };
}
