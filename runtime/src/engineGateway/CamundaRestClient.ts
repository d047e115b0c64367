import { remoteErrorOf, transportErrorOf } from './RemoteEngineError';

/** How to reach a Camunda 7 REST API. */
export interface CamundaRestOptions {
  /** e.g. `http://operaton:8080/engine-rest` (no trailing slash needed). */
  baseUrl: string;
  auth?: { username: string; password: string } | { token: string };
  /** Per call, ms. */
  timeoutMs: number;
}

type Query = Record<string, string | number | boolean | string[] | undefined>;

/**
 * A minimal fetch-based client of the Camunda 7 REST API: JSON or multipart
 * bodies, Basic or Bearer auth, a timeout per call; non-2xx answers and
 * transport failures become {@link RemoteEngineError}s.
 */
export class CamundaRestClient {
  readonly baseUrl: string;

  constructor(private readonly opts: CamundaRestOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
  }

  /** Calls `method path`; resolves with the parsed JSON body, or undefined for 204 / empty bodies. */
  async call<T = unknown>(method: string, path: string, o: { query?: Query; json?: unknown; form?: FormData } = {}): Promise<T> {
    const url = this.baseUrl + path + queryString(o.query);
    const headers: Record<string, string> = { accept: 'application/json' };
    const auth = this.opts.auth;
    if (auth) headers.authorization = 'token' in auth ? `Bearer ${auth.token}` : `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    let body: FormData | string | undefined;
    if (o.form) body = o.form;
    else if (o.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(o.json);
    }
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(this.opts.timeoutMs) });
      text = await res.text();
    } catch (err) {
      throw transportErrorOf(method, url, err, this.opts.timeoutMs);
    }
    if (!res.ok) throw remoteErrorOf(method, url, res.status, text);
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw remoteErrorOf(method, url, 502, `Answer is not JSON: ${text.slice(0, 200)}`);
    }
  }
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}
