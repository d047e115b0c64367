import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moduleFactories } from '../modules';
import { startTestServer } from '../testing/startTestServer';
import { webModule, webModuleFor } from './web.module';

type Server = Awaited<ReturnType<typeof startTestServer>>;

function withDist(dir: string) {
  return moduleFactories.map((f) => (f === webModule ? webModuleFor(dir) : f));
}

describe('web app at / (built dist)', () => {
  let server: Server;
  let dist: string;
  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html lang="zh-CN"><div id="app"></div><script type="module" src="/assets/index-abc123.js"></script></html>');
    fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.css'), 'body{}');
    fs.writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    fs.writeFileSync(path.join(os.tmpdir(), 'sf-outside-secret.txt'), 'secret');
    server = await startTestServer({ modules: withDist(dist) });
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / with no-cache and the CSP', async () => {
    // when
    const res = await server.request('GET', '/');
    // then
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    expect(res.text).toContain('<div id="app">');
  });

  it('answers client-side routes with index.html (history fallback)', async () => {
    // when
    const res = await server.request('GET', '/tasks/123?x=1');
    // then
    expect(res.status).toBe(200);
    expect(res.text).toContain('<div id="app">');
  });

  it('serves hashed assets with a year-long immutable cache and their content types', async () => {
    // when
    const js = await server.request('GET', '/assets/index-abc123.js');
    const css = await server.request('GET', '/assets/index-abc123.css');
    const svg = await server.request('GET', '/favicon.svg');
    // then
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg.headers.get('cache-control')).toBe('public, max-age=3600');
  });

  it('answers a missing asset with 404, not the app', async () => {
    // when
    const res = await server.request('GET', '/assets/gone-000.js');
    // then
    expect(res.status).toBe(404);
  });

  it('never serves files outside the dist folder', async () => {
    // when
    const res = await server.request('GET', '/..%2Fsf-outside-secret.txt');
    const res2 = await server.request('GET', '/%2e%2e/%2e%2e/sf-outside-secret.txt');
    // then
    expect(res.text).not.toContain('secret');
    expect(res2.text).not.toContain('secret');
  });

  it('leaves /api/v1 and /engine-rest to their own handlers (JSON 404, no HTML)', async () => {
    // when
    const api = await server.request('GET', '/api/v1/no-such-thing');
    const health = await server.request('GET', '/api/v1/health');
    const engine = await server.request('GET', '/engine-rest/no-such-thing');
    // then
    expect(api.status).toBe(404);
    expect(api.body.code).toBe('route.not_found');
    expect(health.status).toBe(200);
    expect(engine.text).not.toContain('<div id="app">');
  });

  it('does not answer other methods with the app', async () => {
    // when
    const res = await server.request('POST', '/tasks', { body: {} });
    // then
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('<div id="app">');
  });
});

describe('web app at / (not built)', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startTestServer({ modules: withDist(path.join(os.tmpdir(), 'sf-no-dist-here')) });
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('serves the zh-CN page that says how to build the app and links the APIs', async () => {
    // when
    const res = await server.request('GET', '/');
    // then
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.text).toContain('<html lang="zh-CN">');
    expect(res.text).toContain('npm run build -w designer');
    expect(res.text).toContain('/api/v1/openapi.json');
    // demo logins only when the demo seed is on (off in tests)
    expect(res.text).not.toContain('SafeFlow@2026');
  });
});
