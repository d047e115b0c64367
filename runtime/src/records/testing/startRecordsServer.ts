import type { Clock } from '../../app/AppDeps';
import type { Config } from '../../config/loadConfig';
import { seedMatrix, type MatrixFixture } from '../../testing/seedMatrix';
import { startTestServer } from '../../testing/startTestServer';

/** A caller of the records tests: a real user with a live access token. */
export interface RecordsCaller {
  id: string;
  username: string;
  token: string;
}

/** The callers by the names the records, definitions and submissions tests use. */
export type CallerName =
  | 'districtAdmin'
  | 'safetyA'
  | 'ownerA'
  | 'operatorA'
  | 'workerA'
  | 'readerA'
  | 'safetyB'
  | 'otherAdmin';

/**
 * Starts a real server (all default modules, the real identity module
 * included) and builds the records tests' world through real parts:
 * {@link seedMatrix} twice (prefix `mx` = our tenant, `ox` = another
 * tenant), plus a sibling enterprise B under street S1 and its safety
 * officer, both created over the real API by the district admin.
 *
 * Names → orgs: `district` = D1, `entA` = E1 (under S1), `entB` = new
 * enterprise under S1, `other` / `otherEnt` = C / E1 of the other tenant.
 * Names → users: `districtAdmin` = districtBureauAdmin at D1, `safetyA`,
 * `ownerA`, `operatorA`, `workerA` = safetyOfficer, enterpriseOwner,
 * operator, worker at E1, `readerA` = inspector at S1 (no definition.write),
 * `safetyB` = safetyOfficer at entB, `otherAdmin` = cityBureauAdmin of the
 * other tenant.
 */
export async function startRecordsServer(opts: { clock?: Clock; config?: Partial<Config> } = {}) {
  const server = await startTestServer({ clock: opts.clock, config: opts.config });
  try {
    const fx = await seedMatrix(server, { prefix: 'mx' });
    const ox = await seedMatrix(server, { prefix: 'ox' });
    const districtAdmin = fx.user('districtBureauAdmin', 1);
    const entB = await mustCreate(server, districtAdmin.token, '/api/v1/orgs', {
      parentId: fx.orgs.S1.id,
      type: 'enterprise',
      name: 'mx Enterprise B',
      info: { number: 'MXEB', riskLevel: 'general' },
    });
    const safetyBName = 'mx.safetyOfficer.B';
    const safetyBUser = await mustCreate(server, districtAdmin.token, '/api/v1/users', {
      username: safetyBName,
      password: fx.password,
      membership: { orgId: entB.id, roleKey: 'safetyOfficer' },
    });
    const login = await server.request('POST', '/api/v1/auth/login', {
      body: { username: safetyBName, password: fx.password },
    });
    if (login.status !== 200) throw new Error(`login ${safetyBName}: ${login.status} ${login.text}`);

    const pick = (f: MatrixFixture, key: string): RecordsCaller => {
      const u = f.users[key]!;
      return { id: u.id, username: u.username, token: u.token };
    };
    const users: Record<CallerName, RecordsCaller> = {
      districtAdmin: pick(fx, 'districtBureauAdmin.1'),
      safetyA: pick(fx, 'safetyOfficer.1'),
      ownerA: pick(fx, 'enterpriseOwner.1'),
      operatorA: pick(fx, 'operator.1'),
      workerA: pick(fx, 'worker.1'),
      readerA: pick(fx, 'inspector.1'),
      safetyB: { id: safetyBUser.id as string, username: safetyBName, token: login.body.accessToken as string },
      otherAdmin: pick(ox, 'cityBureauAdmin.1'),
    };
    const orgs = {
      district: fx.orgs.D1,
      entA: fx.orgs.E1,
      entB: { id: entB.id as string, path: entB.path as string, type: 'enterprise' },
      other: ox.orgs.C,
      otherEnt: ox.orgs.E1,
    };
    const tokenOf = (name: CallerName) => users[name].token;
    return {
      ...server,
      fx,
      ox,
      orgs,
      users,
      /** Calls the API as one of the named callers. */
      as(name: CallerName) {
        const token = tokenOf(name);
        return {
          get: (path: string, headers?: Record<string, string>) => server.request('GET', path, { token, headers }),
          post: (path: string, body?: unknown, headers?: Record<string, string>) => server.request('POST', path, { token, body: body ?? {}, headers }),
          put: (path: string, body?: unknown, headers?: Record<string, string>) => server.request('PUT', path, { token, body: body ?? {}, headers }),
          patch: (path: string, body?: unknown, headers?: Record<string, string>) => server.request('PATCH', path, { token, body: body ?? {}, headers }),
        };
      },
      /** Creates and publishes a definition as `user`; throws with the response on failure. */
      async publish(user: CallerName, kind: string, key: string, content: unknown, orgId?: string) {
        const token = tokenOf(user);
        const c = await server.request('POST', `/api/v1/definitions/${kind}`, { token, body: { key, name: key, content, orgId } });
        if (c.status !== 201) throw new Error(`create ${kind} ${key}: ${c.status} ${c.text}`);
        const p = await server.request('POST', `/api/v1/definitions/${kind}/${key}/publish`, { token, body: { orgId } });
        if (p.status !== 200) throw new Error(`publish ${kind} ${key}: ${p.status} ${p.text}`);
        return p.body;
      },
    };
  } catch (err) {
    await server.close();
    await server.dropDatabase();
    throw err;
  }
}

/** A running {@link startRecordsServer}. */
export type RecordsServer = Awaited<ReturnType<typeof startRecordsServer>>;

async function mustCreate(server: Awaited<ReturnType<typeof startTestServer>>, token: string, path: string, body: unknown) {
  const res = await server.request('POST', path, { token, body });
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${res.text}`);
  return res.body as Record<string, unknown> & { id: string };
}
