import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { ModuleFactory } from '../app/RuntimeModule';
import { defineRoute } from '../http/defineRoute';
import { moduleFactories } from '../modules';
import { FakeClock } from '../testing/FakeClock';
import { seedMatrix } from '../testing/seedMatrix';
import { startTestServer } from '../testing/startTestServer';
import { IdempotencyStore } from './IdempotencyStore';

/** A test-only module: `POST /test/widgets` creates a row (idempotent), `GET /test/widgets/count` counts them. */
function widgetModule(state: { gate?: Promise<void>; failuresLeft: number }): ModuleFactory {
  return (deps) => ({
    name: 'test-widgets',
    async init() {
      await deps.db.transaction((tx) => tx.execute(`CREATE TABLE test_widget (id varchar(36) PRIMARY KEY, name varchar(100) NOT NULL)`));
    },
    routes: [
      defineRoute({
        method: 'post',
        path: '/test/widgets',
        summary: 'Create a widget (test only)',
        tags: ['test'],
        auth: 'public',
        idempotent: true,
        status: 201,
        body: z.strictObject({ name: z.string() }),
        response: z.object({ id: z.string(), name: z.string() }),
        handler: async ({ body }) => {
          if (body.name === 'slow') await state.gate;
          if (body.name === 'flaky' && state.failuresLeft-- > 0) {
            throw new SafeFlowError('test.flaky', 'failed on purpose', { status: 503 });
          }
          const id = crypto.randomUUID();
          await deps.db.transaction((tx) => tx.execute(`INSERT INTO test_widget (id, name) VALUES (?, ?)`, [id, body.name]));
          return { id, name: body.name };
        },
      }),
      defineRoute({
        method: 'post',
        path: '/test/my-widgets',
        summary: 'Create a widget as the caller (test only)',
        tags: ['test'],
        idempotent: true,
        status: 201,
        body: z.strictObject({ name: z.string() }),
        response: z.object({ id: z.string(), name: z.string(), by: z.string() }),
        handler: async ({ body, auth }) => {
          const id = crypto.randomUUID();
          await deps.db.transaction((tx) => tx.execute(`INSERT INTO test_widget (id, name) VALUES (?, ?)`, [id, body.name]));
          return { id, name: body.name, by: auth.username };
        },
      }),
      defineRoute({
        method: 'get',
        path: '/test/widgets/count',
        summary: 'Count widgets (test only)',
        tags: ['test'],
        auth: 'public',
        response: z.object({ count: z.number() }),
        handler: async () => {
          const [row] = await deps.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM test_widget`);
          return { count: Number(row!.n) };
        },
      }),
    ],
  });
}

describe('Idempotency-Key on creating calls', () => {
  const clock = new FakeClock();
  const state: { gate?: Promise<void>; failuresLeft: number } = { failuresLeft: 0 };
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const post = (key: string | undefined, body: unknown) =>
    server.request('POST', '/api/v1/test/widgets', { body, headers: key === undefined ? {} : { 'idempotency-key': key } });
  const count = async () => (await server.request('GET', '/api/v1/test/widgets/count')).body.count as number;

  beforeAll(async () => {
    server = await startTestServer({ clock, modules: [...moduleFactories, widgetModule(state)] });
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('runs a repeated POST with the same key once and replays the identical response', async () => {
    // given
    const before = await count();
    // when
    const first = await post('k-double', { name: 'pump' });
    const second = await post('k-double', { name: 'pump' });
    // then
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await count()).toBe(before + 1);
  });

  it('treats the JSON body canonically (key order does not matter)', async () => {
    // given
    const first = await post('k-canon', { name: 'valve' });
    // when
    const replay = await server.request('POST', '/api/v1/test/widgets', {
      rawBody: '{ "name" : "valve" }',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k-canon' },
    });
    // then
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
  });

  it('rejects the same key with a different body: 422 idempotency.key_reused', async () => {
    // given
    await post('k-reuse', { name: 'a' });
    const before = await count();
    // when
    const res = await post('k-reuse', { name: 'b' });
    // then
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('idempotency.key_reused');
    expect(await count()).toBe(before);
  });

  it('answers a concurrent duplicate 409 idempotency.in_progress while the first call runs', async () => {
    // given
    let release!: () => void;
    state.gate = new Promise<void>((r) => (release = r));
    const first = post('k-slow', { name: 'slow' });
    await waitForPending('k-slow');
    // when
    const dup = await post('k-slow', { name: 'slow' });
    release();
    const done = await first;
    const replay = await post('k-slow', { name: 'slow' });
    // then
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('idempotency.in_progress');
    expect(done.status).toBe(201);
    expect(replay.body).toEqual(done.body);
  });

  it('forgets the key when the call fails, so the client can retry', async () => {
    // given
    state.failuresLeft = 1;
    const before = await count();
    const failed = await post('k-flaky', { name: 'flaky' });
    // when
    const retried = await post('k-flaky', { name: 'flaky' });
    const replay = await post('k-flaky', { name: 'flaky' });
    // then
    expect(failed.status).toBe(503);
    expect(retried.status).toBe(201);
    expect(replay.body).toEqual(retried.body);
    expect(await count()).toBe(before + 1);
  });

  it('rejects keys longer than 200 characters with 400 idempotency.key_invalid', async () => {
    // when
    const ok = await post('x'.repeat(200), { name: 'long-ok' });
    const tooLong = await post('x'.repeat(201), { name: 'long' });
    // then
    expect(ok.status).toBe(201);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.code).toBe('idempotency.key_invalid');
  });

  it('runs every call without a key', async () => {
    // given
    const before = await count();
    // when
    const a = await post(undefined, { name: 'free' });
    const b = await post(undefined, { name: 'free' });
    // then
    expect(a.body.id).not.toBe(b.body.id);
    expect(await count()).toBe(before + 2);
  });

  it('expires keys after 24 hours: the key runs again and the cleanup removes old rows', async () => {
    // given
    const first = await post('k-old', { name: 'old' });
    clock.advance(24 * 3600 * 1000 + 1);
    // when
    const again = await post('k-old', { name: 'old' });
    clock.advance(24 * 3600 * 1000 + 1);
    const removed = await new IdempotencyStore(server.runtime.deps.db, clock).expire();
    const [left] = await server.runtime.deps.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM idempotency_key`);
    // then
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(first.body.id);
    expect(removed).toBeGreaterThan(0);
    expect(Number(left!.n)).toBe(0);
  });

  it('keeps keys per caller: two users may use the same key, each replaying their own response', async () => {
    // given
    const mx = await seedMatrix(server, { prefix: 'idem' });
    const [a, b] = [mx.user('worker', 1), mx.user('worker', 2)];
    const send = (token: string) =>
      server.request('POST', '/api/v1/test/my-widgets', { token, body: { name: 'shared' }, headers: { 'idempotency-key': 'same-key' } });
    const before = await count();
    // when
    const fromA = await send(a.token);
    const fromB = await send(b.token);
    const replayA = await send(a.token);
    // then
    expect(fromA.status).toBe(201);
    expect(fromB.status).toBe(201);
    expect(fromA.body.by).toBe(a.username);
    expect(fromB.body.by).toBe(b.username);
    expect(fromB.body.id).not.toBe(fromA.body.id);
    expect(replayA.body).toEqual(fromA.body);
    expect(await count()).toBe(before + 2);
  });

  async function waitForPending(key: string): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const rows = await server.runtime.deps.db.query(`SELECT id FROM idempotency_key WHERE idem_key = ? AND status = 'pending'`, [key]);
      if (rows.length) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no pending row for ${key}`);
  }
});
