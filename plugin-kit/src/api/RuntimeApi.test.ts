import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntimeApi, type RuntimeApi } from './RuntimeApi';

/** A loopback server that echoes what it got, or answers a SafeFlow error for paths under /fail. */
describe('createRuntimeApi over real HTTP', () => {
  let server: http.Server;
  let api: RuntimeApi;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        if (req.url!.startsWith('/api/v1/fail')) {
          res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'thing.not_found', message: 'no such thing', details: { id: 'x' } }));
        } else if (req.url === '/api/v1/bytes') {
          res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from([0, 1, 2, 255]));
        } else {
          res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({ method: req.method, url: req.url, auth: req.headers.authorization, type: req.headers['content-type'] ?? null, body: body.toString('base64') }),
          );
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    api = createRuntimeApi({ baseUrl: base, auth: { username: 'w', password: 'p' } });
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends JSON with the credentials and parses the answer', async () => {
    const got = await api.request<{ method: string; url: string; auth: string; type: string; body: string }>('POST', '/things?x=1', { a: 1 });
    expect(got).toMatchObject({ method: 'POST', url: '/api/v1/things?x=1', auth: `Basic ${Buffer.from('w:p').toString('base64')}`, type: 'application/json' });
    expect(JSON.parse(Buffer.from(got.body, 'base64').toString())).toEqual({ a: 1 });
  });

  it('downloads bytes and uploads a raw body with its content type', async () => {
    const d = await api.download('/bytes');
    expect([...d.bytes]).toEqual([0, 1, 2, 255]);
    expect(d.contentType).toBe('application/octet-stream');
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x10]);
    const u = await api.upload<{ method: string; type: string; body: string }>('/files?orgId=o', jpeg, 'image/jpeg');
    expect(u).toMatchObject({ method: 'POST', type: 'image/jpeg' });
    expect([...Buffer.from(u.body, 'base64')]).toEqual([...jpeg]);
  });

  it('keeps the server’s code, message, status and details on every kind of call, and says when nothing answered', async () => {
    for (const call of [() => api.request('GET', '/fail'), () => api.download('/fail/bytes'), () => api.upload('/fail/up', new Uint8Array([1]), 'image/png')]) {
      await expect(call()).rejects.toMatchObject({ code: 'thing.not_found', message: 'no such thing', status: 404, details: { id: 'x' } });
    }
    const dead = createRuntimeApi({ baseUrl: 'http://127.0.0.1:1/api/v1' });
    await expect(dead.download('/x')).rejects.toMatchObject({ code: 'runtime_api.unreachable', status: 502 });
  });
});
