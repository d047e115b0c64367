import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModuleFactory } from '../app/RuntimeModule';
import { defineRoute } from '../http/defineRoute';
import { moduleFactories } from '../modules';
import { startTestServer } from '../testing/startTestServer';
import { seedMatrix, type MatrixFixture } from '../testing/seedMatrix';

/** A test-only module with one route guarded by the `aiPatrol` entitlement. */
const patrolProbeModule: ModuleFactory = () => ({
  name: 'patrolProbe',
  routes: [
    defineRoute({
      method: 'get',
      path: '/test/patrol-probe',
      summary: 'test only',
      tags: ['test'],
      module: 'aiPatrol',
      response: z.object({ ok: z.literal(true) }),
      handler: async () => ({ ok: true as const }),
    }),
  ],
});

describe('entitlements', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let fx: MatrixFixture;
  beforeAll(async () => {
    server = await startTestServer({ modules: [...moduleFactories, patrolProbeModule] });
    fx = await seedMatrix(server);
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  const put = (modules: string[], token = fx.user('platformAdmin').token, tenantId = fx.orgs.C.id) =>
    server.request('PUT', `/api/v1/tenants/${tenantId}/entitlements`, { token, body: { modules } });

  it('answers 403 module.not_entitled for a tenant without the module, 200 with it', async () => {
    // given
    const token = fx.user('worker').token;
    await put(['inspection', 'archives']);
    // when
    const without = await server.request('GET', '/api/v1/test/patrol-probe', { token });
    await put(['inspection', 'archives', 'aiPatrol']);
    const withIt = await server.request('GET', '/api/v1/test/patrol-probe', { token });
    // then
    expect(without.status).toBe(403);
    expect(without.body.code).toBe('module.not_entitled');
    expect(withIt.status).toBe(200);
    expect(withIt.body).toEqual({ ok: true });
  });

  it('lets platform admins through without an entitlement', async () => {
    await put([]);
    const res = await server.request('GET', '/api/v1/test/patrol-probe', {
      token: fx.user('platformAdmin').token,
    });
    expect(res.status).toBe(200);
  });

  it('shows a tenant its own entitlements', async () => {
    // given
    await put(['risk', 'duty']);
    // when
    const res = await server.request('GET', '/api/v1/entitlements', { token: fx.user('operator', 2).token });
    const me = await server.request('GET', '/api/v1/me', { token: fx.user('operator', 2).token });
    // then
    expect(res.body.items.map((e: { module: string }) => e.module)).toEqual(['duty', 'risk']);
    expect(res.body.items[0].tenantId).toBe(fx.orgs.C.id);
    expect(me.body.modules).toEqual(['duty', 'risk']);
  });

  it('lets only platform admins change entitlements, with known module keys, on tenants', async () => {
    const city = await put(['aiPatrol'], fx.user('cityBureauAdmin').token);
    const unknownKey = await put(['teleportation']);
    const notTenant = await put(['risk'], fx.user('platformAdmin').token, fx.orgs.D1.id);
    expect(city.status).toBe(403);
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.details.issues[0].path).toBe('body.modules.0');
    expect(notTenant.status).toBe(404);
    expect(notTenant.body.code).toBe('tenant.not_found');
  });
});
