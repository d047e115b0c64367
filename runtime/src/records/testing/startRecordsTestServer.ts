import type { Clock } from '../../app/AppDeps';
import type { ModuleFactory } from '../../app/RuntimeModule';
import type { AuthContext } from '../../http/AuthContext';
import { idempotencyModule } from '../../idempotency/idempotency.module';
import { startTestServer } from '../../testing/startTestServer';
import { definitionsModule } from '../../definitions/definitions.module';
import { submissionsModule } from '../../submissions/submissions.module';
import { recordsModule } from '../records.module';

const ALL = ['definition.read', 'definition.write', 'record.read', 'record.write', 'task.work', 'file.read', 'file.write'];

/** The org tree of the fixture: two tenants; tenant 1 has a district with two enterprises. */
export const ORGS = {
  city: { id: 'city', path: '/city/', tenantId: 'city', parentId: null, type: 'cityBureau' },
  district: { id: 'district', path: '/city/district/', tenantId: 'city', parentId: 'city', type: 'districtBureau' },
  entA: { id: 'entA', path: '/city/district/entA/', tenantId: 'city', parentId: 'district', type: 'enterprise' },
  entB: { id: 'entB', path: '/city/district/entB/', tenantId: 'city', parentId: 'district', type: 'enterprise' },
  other: { id: 'other', path: '/other/', tenantId: 'other', parentId: null, type: 'cityBureau' },
  otherEnt: { id: 'otherEnt', path: '/other/otherEnt/', tenantId: 'other', parentId: 'other', type: 'enterprise' },
} as const;

type OrgName = keyof typeof ORGS;

function user(name: string, grants: Array<{ org: OrgName; role: string; permissions?: string[] }>): AuthContext {
  return {
    kind: 'user',
    userId: `u-${name}`,
    username: name,
    platformAdmin: false,
    memberships: grants.map((g) => ({
      orgId: ORGS[g.org].id,
      orgPath: ORGS[g.org].path,
      tenantId: ORGS[g.org].tenantId,
      roleKey: g.role,
      permissions: g.permissions ?? ALL,
    })),
  };
}

/** The fixture's callers, by bearer token. */
export const USERS = {
  districtAdmin: user('districtAdmin', [{ org: 'district', role: 'districtBureauAdmin' }]),
  safetyA: user('safetyA', [{ org: 'entA', role: 'safetyOfficer' }]),
  ownerA: user('ownerA', [{ org: 'entA', role: 'enterpriseOwner' }]),
  operatorA: user('operatorA', [{ org: 'entA', role: 'operator', permissions: ['definition.read', 'record.read', 'record.write', 'task.work', 'file.read', 'file.write'] }]),
  workerA: user('workerA', [{ org: 'entA', role: 'worker', permissions: ['definition.read', 'record.read', 'task.work', 'file.read', 'file.write'] }]),
  readerA: user('readerA', [{ org: 'entA', role: 'inspector', permissions: ['definition.read', 'record.read'] }]),
  safetyB: user('safetyB', [{ org: 'entB', role: 'safetyOfficer' }]),
  otherAdmin: user('otherAdmin', [{ org: 'other', role: 'districtBureauAdmin' }, { org: 'otherEnt', role: 'safetyOfficer' }]),
} as const;

export type UserName = keyof typeof USERS;

/**
 * A test-only stand-in for the identity module's token check: the bearer
 * token is the name of one of {@link USERS}. Everything else (HTTP, database,
 * audit, idempotency) is the real thing.
 */
const fixtureAuthModule: ModuleFactory = () => ({
  name: 'fixture-auth',
  policies: {
    authenticate: async (ctx) => {
      const token = (ctx.get('authorization') || '').replace(/^Bearer /, '');
      return (USERS as Record<string, AuthContext>)[token];
    },
  },
});

/** Starts a real server with the definitions, submissions and records modules and seeds the org tree. */
export async function startRecordsTestServer(opts: { modules?: ModuleFactory[]; clock?: Clock } = {}) {
  const server = await startTestServer({
    clock: opts.clock,
    modules: [idempotencyModule, definitionsModule, submissionsModule, recordsModule, ...(opts.modules ?? []), fixtureAuthModule],
  });
  const db = server.runtime.deps.db;
  await db.transaction(async (tx) => {
    for (const o of Object.values(ORGS)) {
      await tx.execute(
        'INSERT INTO org (id, parent_id, type, name, path, tenant_id, archived, created_at, updated_at, revision) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 1)',
        [o.id, o.parentId, o.type, o.id, o.path, o.tenantId],
      );
    }
  });
  return {
    ...server,
    /** Calls the API as one of the fixture's users. */
    as(name: UserName) {
      return {
        get: (path: string, headers?: Record<string, string>) => server.request('GET', path, { token: name, headers }),
        post: (path: string, body?: unknown, headers?: Record<string, string>) => server.request('POST', path, { token: name, body: body ?? {}, headers }),
        put: (path: string, body?: unknown, headers?: Record<string, string>) => server.request('PUT', path, { token: name, body: body ?? {}, headers }),
        patch: (path: string, body?: unknown, headers?: Record<string, string>) => server.request('PATCH', path, { token: name, body: body ?? {}, headers }),
      };
    },
    /** Creates and publishes a definition as `user`; throws with the response on failure. */
    async publish(user: UserName, kind: string, key: string, content: unknown, orgId?: string) {
      const c = await server.request('POST', `/api/v1/definitions/${kind}`, { token: user, body: { key, name: key, content, orgId } });
      if (c.status !== 201) throw new Error(`create ${kind} ${key}: ${c.status} ${c.text}`);
      const p = await server.request('POST', `/api/v1/definitions/${kind}/${key}/publish`, { token: user, body: { orgId } });
      if (p.status !== 200) throw new Error(`publish ${kind} ${key}: ${p.status} ${p.text}`);
      return p.body;
    },
  };
}

export type RecordsTestServer = Awaited<ReturnType<typeof startRecordsTestServer>>;
