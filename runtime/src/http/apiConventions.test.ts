import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ModuleFactory } from '../app/RuntimeModule';
import { moduleFactories } from '../modules';
import { startTestServer } from '../testing/startTestServer';
import { defineRoute, type AnyRoute } from './defineRoute';

/** A test-only module with one JSON-body route. */
const echoModule: ModuleFactory = () => ({
  name: 'test-echo',
  routes: [
    defineRoute({
      method: 'post',
      path: '/test/echo/:slot',
      summary: 'Echo a note (test only)',
      tags: ['test'],
      auth: 'public',
      params: z.object({ slot: z.string() }),
      body: z.strictObject({ note: z.string().max(2_000_000) }),
      response: z.object({ slot: z.string(), length: z.number() }),
      handler: async ({ params, body }) => ({ slot: params.slot, length: body.note.length }),
    }),
  ],
});

describe('/api/v1 conventions', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer({ modules: [...moduleFactories, echoModule] });
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('accepts a valid JSON body', async () => {
    // when
    const res = await server.request('POST', '/api/v1/test/echo/a', { body: { note: 'hello' } });
    // then
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ slot: 'a', length: 5 });
  });

  it('answers a JSON body over 1 MiB with 413 request.too_large (declared length)', async () => {
    // when
    const res = await server.request('POST', '/api/v1/test/echo/a', { body: { note: 'x'.repeat(1024 * 1024 + 10) } });
    // then
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('request.too_large');
    expect(res.body.requestId).toBeTruthy();
  });

  it('answers a chunked JSON body over 1 MiB with 413 request.too_large (counted while streaming)', async () => {
    // given
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"note":"'));
        if (sent >= 20) {
          controller.enqueue(new TextEncoder().encode('"}'));
          controller.close();
          return;
        }
        controller.enqueue(chunk);
        sent++;
      },
    });
    // when
    const res = await fetch(server.url + '/api/v1/test/echo/a', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const body = (await res.json()) as { code: string };
    // then
    expect(res.status).toBe(413);
    expect(body.code).toBe('request.too_large');
  });

  it('answers a non-JSON content type with 415 request.unsupported_media_type', async () => {
    // when
    const res = await server.request('POST', '/api/v1/test/echo/a', {
      rawBody: 'note=hello',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    // then
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('request.unsupported_media_type');
  });

  it('answers malformed JSON with 400 request.invalid_json', async () => {
    // when
    const res = await server.request('POST', '/api/v1/test/echo/a', { rawBody: '{"note":', headers: { 'content-type': 'application/json' } });
    // then
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('request.invalid_json');
  });

  it('answers unknown fields with 400 request.invalid and the field path', async () => {
    // when
    const res = await server.request('POST', '/api/v1/test/echo/a', { body: { note: 'x', admin: true } });
    // then
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('request.invalid');
    expect(res.body.details.issues[0].path).toBe('body');
    expect(res.body.message).toContain('admin');
  });

  it('answers a user route without a token with 401 auth.unauthenticated', async () => {
    // when
    const res = await server.request('GET', '/api/v1/files/00000000-0000-4000-8000-000000000000');
    // then
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('auth.unauthenticated');
  });

  it('documents every registered /api/v1 route in the OpenAPI document, with its schemas', async () => {
    // given
    const routes: AnyRoute[] = server.runtime.modules.flatMap((m) => m.routes ?? []);
    // when
    const res = await server.request('GET', '/api/v1/openapi.json');
    // then
    expect(res.status).toBe(200);
    interface OpenApiOperation {
      summary: string;
      requestBody: { content: Record<string, { schema: unknown }> };
      responses: Record<string, { content: Record<string, { schema: unknown }> }>;
      parameters?: Array<{ name: string; in: string }>;
      security?: unknown[];
    }
    const paths = res.body.paths as Record<string, Record<string, OpenApiOperation>>;
    expect(paths['/api/v1/health']?.get).toBeDefined();
    expect(routes.length).toBeGreaterThan(3);
    for (const route of routes) {
      const openPath = '/api/v1' + route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const op = paths[openPath]?.[route.method];
      expect(op, `${route.method.toUpperCase()} ${openPath}`).toBeDefined();
      expect(op.summary).toBe(route.summary);
      if (route.body) expect(op.requestBody.content['application/json'].schema, `${openPath} body`).toBeTypeOf('object');
      if (route.response) {
        const status = String(route.status ?? 200);
        expect(op.responses[status].content['application/json'].schema, `${openPath} response`).toBeTypeOf('object');
      }
      for (const name of [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1])) {
        expect(
          (op.parameters ?? []).some((p: { name: string; in: string }) => p.name === name && p.in === 'path'),
          `${openPath} path parameter ${name}`,
        ).toBe(true);
      }
      if (route.auth !== 'public') expect(op.security, `${openPath} security`).toEqual([{ bearerAuth: [] }]);
    }
  });
});
