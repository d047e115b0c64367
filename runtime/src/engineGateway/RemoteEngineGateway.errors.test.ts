import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/appendAudit';
import { hashPassword } from '../auth/passwords';
import { insertUser } from '../users/userCommands';
import { startEngineServer, type EngineKit } from '../engine/testing/engineTestKit';
import { startTestServer } from '../testing/startTestServer';
import { engineGatewayOf } from './engineGatewayOf';
import { RemoteEngineError } from './RemoteEngineError';
import { RemoteEngineGateway } from './RemoteEngineGateway';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** A server answering every request with `status` and `body` (or never, for `hang`). */
async function fakeUpstream(answer: { status: number; body: string; type?: string } | 'hang') {
  const server = http.createServer((req, res) => {
    if (answer === 'hang') return;
    res.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' }).end(answer.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/engine-rest`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

const noDb = { db: undefined as never };
const caught = (p: Promise<unknown>) => p.then(() => expect.unreachable('expected a rejection'), (e: unknown) => e as RemoteEngineError);

describe('RemoteEngineGateway errors', () => {
  let a: EngineKit;
  beforeAll(async () => {
    a = await startEngineServer();
  });
  afterAll(async () => {
    await a?.close();
  });

  it('maps an unreachable ENGINE_URL to engine.remote_unreachable (502), also through the platform API', async () => {
    // given: node B configured with an engine nobody serves
    const url = `http://127.0.0.1:${await closedPort()}/engine-rest`;
    const b = await startTestServer({ config: { engineUrl: url, engineUsername: 'svc', enginePassword: 'pw' } });
    try {
      const deps = b.runtime.deps;
      const passwordHash = await hashPassword('remote-down-pw-1');
      await deps.db.transaction((tx) => insertUser(tx, deps, SYSTEM_ACTOR, { username: 'root-b', passwordHash, platformAdmin: true }));
      // when
      const err = await caught(engineGatewayOf(deps).listTasks({ firstResult: 0, maxResults: 10 }));
      const api = await b.request('POST', '/api/v1/tasks/t-1/submit', {
        body: { values: {} },
        headers: { authorization: `Basic ${Buffer.from('root-b:remote-down-pw-1').toString('base64')}` },
      });
      // then
      expect(api.status, api.text).toBe(502);
      expect(api.body).toMatchObject({ code: 'engine.remote_unreachable', details: { reason: 'ECONNREFUSED' } });
      expect(err).toBeInstanceOf(RemoteEngineError);
      expect(err).toMatchObject({ code: 'engine.remote_unreachable', status: 502, details: { reason: 'ECONNREFUSED' } });
      expect(err.message).toContain(new URL(url).origin);
    } finally {
      await b.close();
      await b.dropDatabase();
    }
  });

  it('maps a remote 404 to engine.remote_error with the remote type and message', async () => {
    // given
    const gw = new RemoteEngineGateway(noDb, { baseUrl: `${a.server.url}/engine-rest`, ...a.admin, timeoutMs: 5_000 });
    // when
    const err = await caught(gw.completeTask('no-such-task', { x: 1 }));
    // then
    expect(err).toMatchObject({
      code: 'engine.remote_error', status: 404, type: 'RestException',
      details: { remoteStatus: 404, remoteType: 'RestException', remoteMessage: expect.stringContaining('no-such-task'), url: `${a.server.url}/engine-rest/task/no-such-task/complete` },
    });
  });

  it('maps bad ENGINE_* credentials (remote 401) to 502, not to the caller being unauthenticated', async () => {
    // given
    const gw = new RemoteEngineGateway(noDb, { baseUrl: `${a.server.url}/engine-rest`, username: 'admin', password: 'wrong', timeoutMs: 5_000 });
    // when
    const err = await caught(gw.listProcessDefinitions());
    // then
    expect(err).toMatchObject({ code: 'engine.remote_error', status: 502, details: { remoteStatus: 401 } });
  });

  it('sends a Bearer token when ENGINE_TOKEN is set', async () => {
    // given: an access token of A's admin
    const login = await a.server.request('POST', '/api/v1/auth/login', { body: { username: a.admin.username, password: a.admin.password } });
    expect(login.status, login.text).toBe(200);
    const gw = new RemoteEngineGateway(noDb, { baseUrl: `${a.server.url}/engine-rest`, token: login.body.accessToken, timeoutMs: 5_000 });
    const bad = new RemoteEngineGateway(noDb, { baseUrl: `${a.server.url}/engine-rest`, token: 'not-a-token', timeoutMs: 5_000 });
    // when
    const list = await gw.listProcessDefinitions({ key: 'none' });
    const err = await caught(bad.listProcessDefinitions());
    // then
    expect(list).toEqual([]);
    expect(err).toMatchObject({ status: 502, details: { remoteStatus: 401 } });
  });

  it('times out after ENGINE_TIMEOUT_MS with engine.remote_timeout (504)', async () => {
    // given
    const upstream = await fakeUpstream('hang');
    const gw = new RemoteEngineGateway(noDb, { baseUrl: upstream.url, timeoutMs: 150 });
    try {
      // when
      const err = await caught(gw.getTask('t1'));
      // then
      expect(err).toMatchObject({ code: 'engine.remote_timeout', status: 504, details: { timeoutMs: 150 } });
    } finally {
      await upstream.close();
    }
  });

  it('maps a non-Camunda error body (a proxy page) without a type, keeping its text', async () => {
    // given
    const upstream = await fakeUpstream({ status: 503, body: '<html>Service Unavailable</html>', type: 'text/html' });
    const gw = new RemoteEngineGateway(noDb, { baseUrl: upstream.url, timeoutMs: 2_000 });
    try {
      // when
      const err = await caught(gw.listTasks({ firstResult: 0, maxResults: 1 }));
      // then
      expect(err).toMatchObject({ code: 'engine.remote_error', status: 503, type: null, details: { remoteStatus: 503, remoteType: null, remoteMessage: '<html>Service Unavailable</html>' } });
    } finally {
      await upstream.close();
    }
  });
});
