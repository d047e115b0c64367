import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/startTestServer';

describe('GET /api/v1/health', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('answers 200 with the database dialect in use', async () => {
    // when
    const res = await server.request('GET', '/api/v1/health');
    // then
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.database).toBe(process.env.DATABASE_URL ? 'mysql' : 'sqlite');
  });

  it('answers unknown API paths with a stable 404 code', async () => {
    const res = await server.request('GET', '/api/v1/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('route.not_found');
  });

  it('serves the OpenAPI document generated from the route schemas', async () => {
    const res = await server.request('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.paths['/api/v1/health'].get.responses['200']).toBeDefined();
  });
});
