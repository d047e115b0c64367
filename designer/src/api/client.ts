import { ApiError, isApiErrorBody } from './ApiError';
import type { TokenPair, TokenStore } from './tokenStore';

/** Options of one API call. */
export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined | null>;
  /** JSON body (objects) or a FormData / Blob sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as `Idempotency-Key` (creating calls; reuse the same key on retries). */
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** Skip the bearer token (login, refresh). */
  anonymous?: boolean;
}

/** Options of {@link ApiClient.upload}. */
export interface UploadOptions {
  idempotencyKey?: string;
  /** Bytes sent so far and the total (0 when unknown). */
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

/** A token response of `/auth/login` and `/auth/refresh`. */
export interface TokenResponse {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** Construction options of {@link ApiClient}. */
export interface ApiClientOptions {
  tokens: TokenStore;
  /** Origin prefix; '' = same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  now?: () => number;
  /** Called once when the session cannot be refreshed any more (send the user to the login page). */
  onSessionExpired?: () => void;
  /** The UI language, sent as Accept-Language (server messages and ledger labels follow it). */
  language?: () => string;
}

/** Access tokens are refreshed this long before they expire. */
const REFRESH_MARGIN_MS = 30_000;

/**
 * The one HTTP client of the web app: `/api/v1` JSON calls with the Bearer
 * token, refresh-token rotation (one refresh in flight at a time, shared by
 * concurrent calls; a 401 triggers one refresh and one retry), and every
 * failure turned into an {@link ApiError} with the server's stable code.
 */
export class ApiClient {
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;
  private refreshing: Promise<TokenPair | null> | null = null;

  constructor(private readonly opts: ApiClientOptions) {
    this.fetchFn = opts.fetch ?? ((...a) => globalThis.fetch(...a));
    this.now = opts.now ?? Date.now;
  }

  /** True while a token pair is stored. */
  get loggedIn(): boolean {
    return this.opts.tokens.get() !== null;
  }

  /** `POST /auth/login`; stores the tokens. */
  async login(username: string, password: string): Promise<void> {
    const res = await this.request<TokenResponse>('POST', '/auth/login', { body: { username, password }, anonymous: true });
    this.storeTokens(res);
  }

  /** `POST /auth/logout` (best effort) and forgets the tokens. */
  async logout(): Promise<void> {
    const pair = this.opts.tokens.get();
    this.opts.tokens.set(null);
    if (pair) {
      try {
        await this.request('POST', '/auth/logout', { body: { refreshToken: pair.refreshToken }, anonymous: true });
      } catch {
        // the local session is gone either way; the server revokes the token family on reuse
      }
    }
  }

  /** GET helper. */
  get<T>(path: string, query?: RequestOptions['query'], opts: Omit<RequestOptions, 'query'> = {}): Promise<T> {
    return this.request<T>('GET', path, { ...opts, query });
  }

  /** POST helper. */
  post<T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('POST', path, { ...opts, body });
  }

  /** A JSON call under `/api/v1` (paths starting with `/engine-rest` or `http` are taken as they are). */
  async request<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await this.send(method, path, opts);
    if (res.status === 204) return undefined as T;
    const type = res.headers.get('content-type') ?? '';
    if (type.includes('json')) return (await res.json()) as T;
    return (await res.text()) as T;
  }

  /** Fetches a binary resource (photo, Excel export) with the token; returns the blob and the file name. */
  async download(path: string, query?: RequestOptions['query']): Promise<{ blob: Blob; filename?: string }> {
    const res = await this.send('GET', path, { query });
    const disposition = res.headers.get('content-disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    const plain = /filename="?([^";]+)"?/i.exec(disposition);
    const filename = star ? decodeURIComponent(star[1]!) : plain?.[1];
    return { blob: await res.blob(), filename };
  }

  /**
   * POSTs a multipart form with upload progress (fetch reports none; detector models are
   * 10–200 MB): XMLHttpRequest with the Bearer token, one refresh and retry on a 401, and
   * the answer read like {@link request}'s (JSON, or an {@link ApiError} with the server's code).
   */
  async upload<T>(path: string, form: FormData, opts: UploadOptions = {}): Promise<T> {
    let token = await this.validAccessToken();
    let res = await this.xhrOnce(path, form, opts, token);
    if (res.status === 401 && this.opts.tokens.get()) {
      const pair = await this.refresh(token);
      if (pair) {
        token = pair.accessToken;
        res = await this.xhrOnce(path, form, opts, token);
      }
    }
    if (!res.ok) throw await toApiError(res);
    return (res.headers.get('content-type') ?? '').includes('json') ? ((await res.json()) as T) : ((await res.text()) as T);
  }

  private xhrOnce(path: string, form: FormData, opts: UploadOptions, token: string | undefined): Promise<Response> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', this.url(path));
      xhr.setRequestHeader('accept', 'application/json');
      const lang = this.opts.language?.();
      if (lang) xhr.setRequestHeader('accept-language', lang);
      if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
      if (opts.idempotencyKey) xhr.setRequestHeader('idempotency-key', opts.idempotencyKey);
      xhr.upload.onprogress = (e) => opts.onProgress?.(e.loaded, e.lengthComputable ? e.total : 0);
      xhr.onload = () => resolve(new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status, headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' } }));
      xhr.onerror = () => reject(new ApiError(0, 'network.unreachable', 'Network error'));
      xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
      opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(form);
    });
  }

  /** Sends a request and returns the ok response (or throws {@link ApiError}). */
  async send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
    let token = opts.anonymous ? undefined : await this.validAccessToken();
    let res = await this.fetchOnce(method, path, opts, token);
    if (res.status === 401 && !opts.anonymous && this.opts.tokens.get()) {
      const pair = await this.refresh(token);
      if (pair) {
        token = pair.accessToken;
        res = await this.fetchOnce(method, path, opts, token);
      }
    }
    if (!res.ok) throw await toApiError(res);
    return res;
  }

  private async fetchOnce(method: string, path: string, opts: RequestOptions, token: string | undefined): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...(opts.headers ?? {}) };
    const lang = this.opts.language?.();
    if (lang && !headers['accept-language']) headers['accept-language'] = lang;
    if (token) headers.authorization = `Bearer ${token}`;
    if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
    let body: BodyInit | undefined;
    if (opts.body instanceof FormData || opts.body instanceof Blob) body = opts.body;
    else if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    try {
      return await this.fetchFn(this.url(path, opts.query), { method, headers, body, signal: opts.signal });
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw error;
      throw new ApiError(0, 'network.unreachable', (error as Error)?.message ?? 'Network error');
    }
  }

  /** Builds the URL of an API path. */
  url(path: string, query?: RequestOptions['query']): string {
    const base = this.opts.baseUrl ?? '';
    const full = /^https?:/.test(path) ? path : path.startsWith('/engine-rest') || path.startsWith('/api/') ? base + path : `${base}/api/v1${path}`;
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
    const s = qs.toString();
    return s ? `${full}?${s}` : full;
  }

  private async validAccessToken(): Promise<string | undefined> {
    const pair = this.opts.tokens.get();
    if (!pair) return undefined;
    if (pair.expiresAt - REFRESH_MARGIN_MS > this.now()) return pair.accessToken;
    return (await this.refresh(pair.accessToken))?.accessToken;
  }

  /**
   * Rotates the refresh token. Concurrent callers share one refresh; a caller
   * whose failed token is already replaced just gets the new pair. A rejected
   * refresh ends the session ({@link ApiClientOptions.onSessionExpired}).
   */
  private refresh(staleAccessToken: string | undefined): Promise<TokenPair | null> {
    const current = this.opts.tokens.get();
    if (!current) return Promise.resolve(null);
    if (staleAccessToken && current.accessToken !== staleAccessToken && current.expiresAt - REFRESH_MARGIN_MS > this.now())
      return Promise.resolve(current);
    this.refreshing ??= (async () => {
      try {
        const res = await this.fetchOnce('POST', '/auth/refresh', { body: { refreshToken: current.refreshToken } }, undefined);
        if (!res.ok) {
          const err = await toApiError(res);
          if (err.isRejection) this.endSession();
          return null;
        }
        return this.storeTokens((await res.json()) as TokenResponse);
      } catch (error) {
        if (error instanceof ApiError && error.isNetwork) return null;
        throw error;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private storeTokens(res: TokenResponse): TokenPair {
    const pair = { accessToken: res.accessToken, refreshToken: res.refreshToken, expiresAt: this.now() + res.expiresIn * 1000 };
    this.opts.tokens.set(pair);
    return pair;
  }

  private endSession(): void {
    this.opts.tokens.set(null);
    this.opts.onSessionExpired?.();
  }
}

/** Reads an error response into an {@link ApiError}. */
export async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.clone().json();
  } catch {
    body = undefined;
  }
  if (isApiErrorBody(body)) return new ApiError(res.status, body.code, body.message, body.details, body.requestId);
  // /engine-rest answers {type, message}
  const msg = (body as { message?: string } | undefined)?.message ?? res.statusText ?? `HTTP ${res.status}`;
  return new ApiError(res.status, `http.${res.status}`, msg);
}
