import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/startTestServer';

describe('GET /', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('serves the zh-CN landing page with links to the APIs and a strict CSP', async () => {
    // when
    const res = await server.request('GET', '/');
    // then
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.text).toContain('<html lang="zh-CN">');
    expect(res.text).toContain('/api/v1/openapi.json');
    // demo logins only when the demo seed is on (off in tests)
    expect(res.text).not.toContain('SafeFlow@2026');
  });
});
