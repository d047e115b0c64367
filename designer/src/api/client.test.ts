// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './ApiError';
import { ApiClient } from './client';
import { memoryTokenStore } from './tokenStore';

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

/** A fetch double recording calls; the server side of the API is simulated by `handler`. */
function fakeFetch(handler: Handler) {
  const calls: Array<{ url: string; method: string; auth?: string; body?: string; idem?: string }> = [];
  const fn = vi.fn(async (url: string, init: RequestInit) => {
    const h = (init.headers ?? {}) as Record<string, string>;
    calls.push({ url, method: init.method ?? 'GET', auth: h.authorization, body: init.body as string, idem: h['idempotency-key'] });
    return handler(url, init);
  });
  return { fn: fn as unknown as typeof fetch, calls };
}

const NOW = 1_000_000;

describe('ApiClient', () => {
  it('sends the bearer token and reads JSON', async () => {
    // given
    const { fn, calls } = fakeFetch(() => json(200, { ok: 1 }));
    const api = new ApiClient({ tokens: memoryTokenStore({ accessToken: 'A1', refreshToken: 'R1', expiresAt: NOW + 600_000 }), fetch: fn, now: () => NOW });
    // when
    const res = await api.get<{ ok: number }>('/me', { q: 'x y', empty: '', none: undefined });
    // then
    expect(res).toEqual({ ok: 1 });
    expect(calls[0]).toMatchObject({ url: '/api/v1/me?q=x+y', method: 'GET', auth: 'Bearer A1' });
  });

  it('refreshes once on a 401 and retries with the rotated token', async () => {
    // given
    const tokens = memoryTokenStore({ accessToken: 'A1', refreshToken: 'R1', expiresAt: NOW + 600_000 });
    const { fn, calls } = fakeFetch((url, init) => {
      if (url.endsWith('/auth/refresh')) return json(200, { accessToken: 'A2', refreshToken: 'R2', tokenType: 'Bearer', expiresIn: 900 });
      const auth = (init.headers as Record<string, string>).authorization;
      return auth === 'Bearer A2' ? json(200, { ok: true }) : json(401, { code: 'auth.invalid_token', message: 'expired' });
    });
    const api = new ApiClient({ tokens, fetch: fn, now: () => NOW });
    // when
    const res = await api.get('/me');
    // then
    expect(res).toEqual({ ok: true });
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/me', '/api/v1/auth/refresh', '/api/v1/me']);
    expect(JSON.parse(calls[1]!.body!)).toEqual({ refreshToken: 'R1' });
    expect(tokens.get()).toEqual({ accessToken: 'A2', refreshToken: 'R2', expiresAt: NOW + 900_000 });
  });

  it('refreshes ahead of expiry and shares one refresh between concurrent calls', async () => {
    // given
    const tokens = memoryTokenStore({ accessToken: 'A1', refreshToken: 'R1', expiresAt: NOW + 10_000 });
    let refreshes = 0;
    const { fn, calls } = fakeFetch(async (url) => {
      if (url.endsWith('/auth/refresh')) {
        refreshes++;
        await new Promise((r) => setTimeout(r, 5));
        return json(200, { accessToken: 'A2', refreshToken: 'R2', tokenType: 'Bearer', expiresIn: 900 });
      }
      return json(200, {});
    });
    const api = new ApiClient({ tokens, fetch: fn, now: () => NOW });
    // when
    await Promise.all([api.get('/a'), api.get('/b'), api.get('/c')]);
    // then
    expect(refreshes).toBe(1);
    expect(calls.filter((c) => !c.url.endsWith('/auth/refresh')).every((c) => c.auth === 'Bearer A2')).toBe(true);
  });

  it('ends the session when the refresh token is rejected and reports the 401', async () => {
    // given
    const tokens = memoryTokenStore({ accessToken: 'A1', refreshToken: 'R1', expiresAt: NOW + 600_000 });
    const expired = vi.fn();
    const { fn } = fakeFetch((url) =>
      url.endsWith('/auth/refresh')
        ? json(401, { code: 'auth.refresh_reused', message: 'reused' })
        : json(401, { code: 'auth.invalid_token', message: 'The token belongs to no active user', requestId: 'r-1' }),
    );
    const api = new ApiClient({ tokens, fetch: fn, now: () => NOW, onSessionExpired: expired });
    // when
    const err = await api.get('/me').catch((e: unknown) => e);
    // then
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 401, code: 'auth.invalid_token', requestId: 'r-1' });
    expect(tokens.get()).toBeNull();
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('turns API error bodies, foreign error bodies and network failures into ApiError', async () => {
    // given
    let mode = 0;
    const { fn } = fakeFetch(() => {
      if (mode === 0) return json(409, { code: 'task.already_claimed', message: 'Task is claimed', details: { assignee: 'u1' }, requestId: 'q' });
      if (mode === 1) return new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });
      throw new TypeError('Failed to fetch');
    });
    const api = new ApiClient({ tokens: memoryTokenStore(), fetch: fn, now: () => NOW });
    // when
    const e409 = (await api.post('/tasks/t/claim').catch((e: unknown) => e)) as ApiError;
    mode = 1;
    const e502 = (await api.get('/x').catch((e: unknown) => e)) as ApiError;
    mode = 2;
    const eNet = (await api.get('/x').catch((e: unknown) => e)) as ApiError;
    // then
    expect(e409).toMatchObject({ status: 409, code: 'task.already_claimed', details: { assignee: 'u1' }, isRejection: true });
    expect(e502).toMatchObject({ status: 502, code: 'http.502', message: 'Bad Gateway', isRejection: false });
    expect(eNet).toMatchObject({ status: 0, code: 'network.unreachable', isNetwork: true });
  });

  it('sends the Idempotency-Key and leaves FormData bodies alone', async () => {
    // given
    const { fn, calls } = fakeFetch(() => json(201, { id: 'f' }));
    const api = new ApiClient({ tokens: memoryTokenStore(), fetch: fn, now: () => NOW });
    const form = new FormData();
    form.append('file', new Blob(['x'], { type: 'image/png' }), 'a.png');
    // when
    await api.post('/files', form, { idempotencyKey: 'k-1' });
    // then
    expect(calls[0]!.idem).toBe('k-1');
    expect(fn).toHaveBeenCalledWith('/api/v1/files', expect.objectContaining({ body: form }));
  });

  it('login stores the pair; logout revokes it on the server and forgets it', async () => {
    // given
    const tokens = memoryTokenStore();
    const { fn, calls } = fakeFetch((url) =>
      url.endsWith('/auth/login') ? json(200, { accessToken: 'A', refreshToken: 'R', tokenType: 'Bearer', expiresIn: 60 }) : new Response(null, { status: 204 }),
    );
    const api = new ApiClient({ tokens, fetch: fn, now: () => NOW });
    // when
    await api.login('u', 'p');
    const afterLogin = tokens.get();
    await api.logout();
    // then
    expect(afterLogin).toEqual({ accessToken: 'A', refreshToken: 'R', expiresAt: NOW + 60_000 });
    expect(calls[0]!.auth).toBeUndefined();
    expect(JSON.parse(calls[1]!.body!)).toEqual({ refreshToken: 'R' });
    expect(tokens.get()).toBeNull();
    expect(api.loggedIn).toBe(false);
  });
});
