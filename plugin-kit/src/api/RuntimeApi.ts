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
  /** A GET under `/api/v1` answering bytes (a file, a model); errors as for {@link request}. */
  download(path: string): Promise<{ bytes: Buffer; contentType: string }>;
  /** A POST of raw bytes (`contentType`, e.g. `image/jpeg`) under `/api/v1` answering JSON; errors as for {@link request}. */
  upload<T = unknown>(path: string, bytes: Uint8Array, contentType: string): Promise<T>;
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
  const call = async (method: string, path: string, headers: Record<string, string>, body?: BodyInit): Promise<Response> => {
    const a = authorization();
    if (a) headers.authorization = a;
    let res: Response;
    try {
      res = await doFetch(base + path, { method, headers, body });
    } catch (err) {
      throw new SafeFlowError('runtime_api.unreachable', `The SafeFlow API at ${base} did not answer: ${(err as Error).message}`, { status: 502, cause: err });
    }
    if (!res.ok) {
      const text = await res.text();
      const parsed = parsedJson(res, text);
      const code = typeof parsed?.code === 'string' ? parsed.code : 'runtime_api.failed';
      const message = typeof parsed?.message === 'string' ? parsed.message : `${method} ${path} answered ${res.status}`;
      throw new SafeFlowError(code, message, { status: res.status, details: parsed?.details as Record<string, unknown> | undefined });
    }
    return res;
  };
  const json = async <T>(res: Response): Promise<T> => parsedJson(res, await res.text()) as T;
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      return json<T>(await call(method, path, headers, body === undefined ? undefined : JSON.stringify(body)));
    },
    async download(path: string): Promise<{ bytes: Buffer; contentType: string }> {
      const res = await call('GET', path, { accept: '*/*' });
      return { bytes: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type') ?? 'application/octet-stream' };
    },
    async upload<T>(path: string, bytes: Uint8Array, contentType: string): Promise<T> {
      return json<T>(await call('POST', path, { accept: 'application/json', 'content-type': contentType }, new Uint8Array(bytes)));
    },
  };
}

function parsedJson(res: Response, text: string): Record<string, unknown> | undefined {
  if (!text || !(res.headers.get('content-type') ?? '').includes('json')) return undefined;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
