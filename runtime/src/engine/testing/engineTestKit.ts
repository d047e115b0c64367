/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { Client, BasicAuthInterceptor, logger as clientLogger } from 'camunda-external-task-client-js';
import { SYSTEM_ACTOR } from '../../audit/appendAudit';
import { ensureBuiltinRoles } from '../../auth/ensureBuiltinRoles';
import { hashPassword } from '../../auth/passwords';
import type { Clock } from '../../app/AppDeps';
import type { Config } from '../../config/loadConfig';
import { setEntitlements } from '../../entitlements/entitlements.route';
import { MODULE_KEYS } from '../../entitlements/moduleKeys';
import { insertOrg } from '../../orgs/orgCommands';
import { ensureOrgTypes } from '../../orgs/orgTypes';
import { insertMembership } from '../../users/membershipCommands';
import { insertUser } from '../../users/userCommands';
import { startTestServer, type TestResponse } from '../../testing/startTestServer';
import { createWorkerCredential } from '../auth/workerCredentials';
import { engineOf } from '../engine.module';

const PASSWORD = 'engine-test-pw-1';

/** Basic credentials for `/engine-rest`. */
export interface Creds {
  username: string;
  password: string;
}

/**
 * A real SafeFlow server for engine tests, with a platform admin and helpers
 * to deploy BPMN, call `/engine-rest` with Basic auth, create tenants, users
 * and worker credentials, and build real `camunda-external-task-client-js` clients.
 */
export async function startEngineServer(opts: { clock?: Clock; reuse?: { dataDir: string; databaseUrl?: string }; config?: Partial<Config> } = {}) {
  const server = await startTestServer({ clock: opts.clock, reuse: opts.reuse, config: opts.config });
  const deps = server.runtime.deps;
  await ensureBuiltinRoles(deps);
  await ensureOrgTypes(deps);
  const engine = engineOf(deps);
  const clients: Client[] = [];

  const createUser = async (username: string, o: { admin?: boolean; tenantId?: string; role?: string } = {}): Promise<Creds> => {
    const passwordHash = await hashPassword(PASSWORD);
    await deps.db.transaction(async (tx) => {
      const [org] = o.tenantId ? await tx.query<any>(`SELECT * FROM org WHERE id = ?`, [o.tenantId]) : [];
      const userId = await insertUser(tx, deps, SYSTEM_ACTOR, { username, passwordHash, platformAdmin: o.admin ?? false, org });
      if (org) await insertMembership(tx, deps, SYSTEM_ACTOR, { userId, org, roleKey: o.role ?? 'operator' });
    });
    return { username, password: PASSWORD };
  };
  const admin = opts.reuse ? { username: 'admin', password: PASSWORD } : await createUser('admin', { admin: true });

  const kit = {
    server,
    deps,
    engine,
    admin,
    createUser,
    /** Creates a top-level org (a tenant); returns its id. */
    async createTenant(name: string): Promise<string> {
      const org = await deps.db.transaction((tx) => insertOrg(tx, deps, SYSTEM_ACTOR, { type: 'enterprise', name }));
      return org.id;
    },
    /** Entitles a tenant (its root org) to `modules` (default: every module), replacing what it had. */
    async entitle(tenantId: string, modules: readonly string[] = MODULE_KEYS): Promise<void> {
      await deps.db.transaction((tx) => setEntitlements(tx, deps, SYSTEM_ACTOR, { id: tenantId, path: `/${tenantId}/` }, [...modules]));
    },
    /** A worker credential for `topics`; returns Basic creds (`id:secret`). */
    async workerCredential(topics: string[], tenantId?: string): Promise<Creds> {
      const c = await createWorkerCredential(deps.db, deps.clock, { name: `w-${topics.join('-')}`, topics, tenantId });
      return { username: c.id, password: c.secret };
    },
    /** Calls `/engine-rest` + path with Basic auth (`as`, default the admin). */
    rest<T = any>(method: string, path: string, o: { as?: Creds | null; body?: unknown; headers?: Record<string, string>; rawBody?: FormData | string } = {}): Promise<TestResponse<T>> {
      const as = o.as === undefined ? admin : o.as;
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (as) headers.authorization = `Basic ${Buffer.from(`${as.username}:${as.password}`).toString('base64')}`;
      return server.request<T>(method, `/engine-rest${path}`, { body: o.body, headers, rawBody: o.rawBody });
    },
    /** Deploys BPMN files (multipart) and returns the response. */
    async deploy(files: Record<string, string>, fields: Record<string, string> = {}, as: Creds = admin): Promise<TestResponse> {
      const form = new FormData();
      for (const [k, v] of Object.entries({ 'deployment-name': 'test', ...fields })) form.append(k, v);
      for (const [name, xml] of Object.entries(files)) form.append(name, new Blob([xml], { type: 'application/octet-stream' }), name);
      return kit.rest('POST', '/deployment/create', { as, rawBody: form });
    },
    /** Starts the latest version of `key`; returns the instance DTO (throws on non-200). */
    async start(key: string, body: Record<string, unknown> = {}, as: Creds = admin): Promise<any> {
      const res = await kit.rest('POST', `/process-definition/key/${key}/start`, { as, body });
      if (res.status !== 200) throw new Error(`start ${key}: ${res.status} ${res.text}`);
      return res.body;
    },
    /** A real external-task client (autoPoll off; call `start()`), stopped at `close()`. */
    client(creds: Creds, o: { workerId?: string; asyncResponseTimeout?: number; lockDuration?: number; maxTasks?: number; interval?: number } = {}): Client {
      const c = new Client({
        baseUrl: `${server.url}/engine-rest`,
        workerId: o.workerId ?? 'test-worker',
        asyncResponseTimeout: o.asyncResponseTimeout,
        lockDuration: o.lockDuration ?? 60_000,
        maxTasks: o.maxTasks ?? 10,
        interval: o.interval ?? 20,
        autoPoll: false,
        interceptors: [new BasicAuthInterceptor(creds)],
        use: process.env.CLIENT_LOG ? clientLogger : undefined,
      } as never);
      clients.push(c);
      return c;
    },
    async close(drop = true): Promise<void> {
      for (const c of clients) c.stop();
      await server.close();
      if (drop) await server.dropDatabase();
    },
  };
  return kit;
}

/** The kit type. */
export type EngineKit = Awaited<ReturnType<typeof startEngineServer>>;

/** Waits until `fn()` is truthy (polling every 10 ms, at most `ms`); returns its value. */
export async function until<T>(fn: () => Promise<T> | T, ms = 10_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
