import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/startTestServer';
import { MATRIX_HOMES, seedMatrix, type MatrixFixture, type MatrixPlace } from '../testing/seedMatrix';

/** Expected statuses per place: [read, create, update]; audit has read only. */
type Cells = { own: number[]; parent?: number[]; sibling: number[] };
type Expectation = { orgs: Cells; users: Cells; memberships: Cells; audit: Cells };

const ALL_OK: Cells = { own: [200, 201, 200], sibling: [200, 201, 200] };
const HIDDEN = [404, 404, 404];
const NO_RIGHT = [403, 403, 403];

/**
 * The tenant-isolation matrix. Places are relative to the role's home org:
 * own (the home org), parent (its parent), sibling (the enterprise of the
 * other district, E2). Out-of-scope ids are 404, in-scope without the
 * permission 403. Membership "update" is revoking (DELETE → 204).
 */
const MATRIX: Record<string, Expectation> = {
  platformAdmin: {
    orgs: ALL_OK,
    users: ALL_OK,
    memberships: { own: [200, 201, 204], sibling: [200, 201, 204] },
    audit: { own: [200], sibling: [200] },
  },
  cityBureauAdmin: {
    orgs: ALL_OK,
    users: ALL_OK,
    memberships: { own: [200, 201, 204], sibling: [200, 201, 204] },
    audit: { own: [200], sibling: [200] },
  },
  districtBureauAdmin: {
    orgs: { own: [200, 201, 200], parent: HIDDEN, sibling: HIDDEN },
    users: { own: [200, 201, 200], parent: HIDDEN, sibling: HIDDEN },
    memberships: { own: [200, 201, 204], parent: HIDDEN, sibling: HIDDEN },
    audit: { own: [200], parent: [404], sibling: [404] },
  },
  streetOfficer: {
    orgs: { own: [200, 201, 200], parent: HIDDEN, sibling: HIDDEN },
    users: { own: [200, 403, 403], parent: [404, 403, 403], sibling: [404, 403, 403] },
    memberships: { own: [200, 403, 403], parent: [404, 403, 403], sibling: [404, 403, 403] },
    audit: { own: [200], parent: [404], sibling: [404] },
  },
  inspector: {
    orgs: { own: [200, 403, 403], parent: [404, 403, 403], sibling: [404, 403, 403] },
    users: { own: NO_RIGHT, parent: NO_RIGHT, sibling: NO_RIGHT },
    memberships: { own: NO_RIGHT, parent: NO_RIGHT, sibling: NO_RIGHT },
    audit: { own: [403], parent: [403], sibling: [403] },
  },
  enterpriseOwner: {
    orgs: { own: [200, 201, 200], parent: HIDDEN, sibling: HIDDEN },
    users: { own: [200, 201, 200], parent: HIDDEN, sibling: HIDDEN },
    memberships: { own: [200, 201, 204], parent: HIDDEN, sibling: HIDDEN },
    audit: { own: [200], parent: [404], sibling: [404] },
  },
  operator: {
    orgs: { own: [200, 403, 403], parent: [404, 403, 403], sibling: [404, 403, 403] },
    users: { own: [200, 403, 403], parent: [404, 403, 403], sibling: [404, 403, 403] },
    memberships: { own: [200, 403, 403], parent: [404, 403, 403], sibling: [404, 403, 403] },
    audit: { own: [403], parent: [403], sibling: [403] },
  },
  safetyOfficer: {
    orgs: { own: [200, 403, 403], parent: [404, 403, 403], sibling: [404, 403, 403] },
    users: { own: [200, 403, 403], parent: [404, 403, 403], sibling: [404, 403, 403] },
    memberships: { own: [200, 403, 403], parent: [404, 403, 403], sibling: [404, 403, 403] },
    audit: { own: [200], parent: [404], sibling: [404] },
  },
  worker: {
    orgs: { own: NO_RIGHT, parent: NO_RIGHT, sibling: NO_RIGHT },
    users: { own: NO_RIGHT, parent: NO_RIGHT, sibling: NO_RIGHT },
    memberships: { own: NO_RIGHT, parent: NO_RIGHT, sibling: NO_RIGHT },
    audit: { own: [403], parent: [403], sibling: [403] },
  },
};

const PARENT: Partial<Record<MatrixPlace, MatrixPlace>> = { D1: 'C', S1: 'D1', E1: 'S1' };
const CHILD_TYPE: Record<MatrixPlace, string> = {
  C: 'districtBureau',
  D1: 'streetOffice',
  D2: 'streetOffice',
  S1: 'enterprise',
  S2: 'enterprise',
  E1: 'department',
  E2: 'department',
};

describe('tenant isolation matrix: every built-in role × (own, parent, sibling) × (read, create, update)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let fx: MatrixFixture;
  let n = 0;
  beforeAll(async () => {
    server = await startTestServer();
    fx = await seedMatrix(server);
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  const db = () => server.runtime.deps.db;
  const revisionOf = async (table: 'org' | 'user', id: string) =>
    Number(
      (await db().query<{ revision: number }>(`SELECT revision FROM ${table} WHERE id = ?`, [id]))[0]!
        .revision,
    );
  const dropMembership = (userId: string, orgId: string, roleKey: string) =>
    db().transaction((tx) =>
      tx.execute(`DELETE FROM membership WHERE user_id = ? AND org_id = ? AND role_key = ?`, [
        userId,
        orgId,
        roleKey,
      ]),
    );

  async function run(resource: keyof Expectation, token: string, place: MatrixPlace): Promise<number[]> {
    const org = fx.orgs[place];
    const resident = fx.users[`resident.${place}`]!;
    const req = (method: string, path: string, body?: unknown) =>
      server.request(method, `/api/v1${path}`, { token, body });
    const id = ++n;
    if (resource === 'orgs') {
      const read = await req('GET', `/orgs/${org.id}`);
      const create = await req('POST', '/orgs', {
        parentId: org.id,
        type: CHILD_TYPE[place],
        name: `cell ${id}`,
      });
      const update = await req('PATCH', `/orgs/${org.id}`, {
        name: `renamed ${id}`,
        revision: await revisionOf('org', org.id),
      });
      return [read.status, create.status, update.status];
    }
    if (resource === 'users') {
      const read = await req('GET', `/users/${resident.id}`);
      const create = await req('POST', '/users', {
        username: `cell.${id}`,
        password: 'Cell@Pass123',
        membership: { orgId: org.id, roleKey: 'worker' },
      });
      const update = await req('PATCH', `/users/${resident.id}`, {
        displayName: `resident ${id}`,
        revision: await revisionOf('user', resident.id),
      });
      return [read.status, create.status, update.status];
    }
    if (resource === 'memberships') {
      const read = await req('GET', `/memberships?orgId=${org.id}`);
      const create = await req('POST', '/memberships', {
        userId: resident.id,
        orgId: org.id,
        roleKey: 'operator',
      });
      await dropMembership(resident.id, org.id, 'operator');
      const target = crypto.randomUUID();
      await db().transaction((tx) =>
        tx.execute(
          `INSERT INTO membership (id, user_id, org_id, role_key, created_at) VALUES (?, ?, ?, 'inspector', 0)`,
          [target, resident.id, org.id],
        ),
      );
      const revoke = await req('DELETE', `/memberships/${target}`);
      await dropMembership(resident.id, org.id, 'inspector');
      return [read.status, create.status, revoke.status];
    }
    const read = await req('GET', `/audit?orgId=${org.id}`);
    return [read.status];
  }

  for (const [roleKey, expectation] of Object.entries(MATRIX)) {
    for (const resource of ['orgs', 'users', 'memberships', 'audit'] as const) {
      it(`${roleKey} on ${resource}`, async () => {
        // given
        const home = MATRIX_HOMES[roleKey]![0];
        const token = fx.user(roleKey).token;
        const cells = expectation[resource];
        const places: Array<[keyof Cells, MatrixPlace | undefined]> = [
          ['own', home],
          ['parent', PARENT[home]],
          ['sibling', 'E2'],
        ];
        for (const [where, place] of places) {
          const expected = cells[where];
          if (!expected || !place) continue;
          // when
          const actual = await run(resource, token, place);
          // then
          expect({ where, place, statuses: actual }).toEqual({ where, place, statuses: expected });
        }
      });
    }
  }

  it('covers every built-in role', async () => {
    const res = await server.request('GET', '/api/v1/roles', { token: fx.user('worker').token });
    expect(
      res.body.items
        .filter((r: { builtin: boolean }) => r.builtin)
        .map((r: { key: string }) => r.key)
        .sort(),
    ).toEqual(Object.keys(MATRIX).sort());
  });

  it('lists only the orgs and users of the caller’s subtree', async () => {
    // when
    const orgs = await server.request('GET', '/api/v1/orgs?pageSize=200', {
      token: fx.user('enterpriseOwner', 2).token,
    });
    const users = await server.request('GET', '/api/v1/users?pageSize=200', {
      token: fx.user('districtBureauAdmin', 1).token,
    });
    // then
    expect(orgs.body.items.length).toBeGreaterThan(0);
    for (const o of orgs.body.items) expect(o.path.startsWith(fx.orgs.E2.path)).toBe(true);
    const names = users.body.items.map((u: { username: string }) => u.username);
    expect(names).toContain('mx.resident.E1');
    expect(names).not.toContain('mx.resident.E2');
    expect(names).not.toContain('mx.resident.C');
  });

  it('answers out-of-scope ids exactly like missing ids', async () => {
    const token = fx.user('enterpriseOwner', 1).token;
    const foreign = await server.request('GET', `/api/v1/orgs/${fx.orgs.E2.id}`, { token });
    const missing = await server.request('GET', `/api/v1/orgs/${crypto.randomUUID()}`, { token });
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(foreign.body.code).toBe('org.not_found');
    expect(missing.body.code).toBe('org.not_found');
  });

  it('refuses to grant a role with permissions the granter lacks', async () => {
    // given: an owner may not make anyone a district bureau admin
    const owner = fx.user('enterpriseOwner', 1);
    // when
    const res = await server.request('POST', '/api/v1/memberships', {
      token: owner.token,
      body: { userId: fx.users['resident.E1']!.id, orgId: fx.orgs.E1.id, roleKey: 'districtBureauAdmin' },
    });
    // then
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('membership.role_not_grantable');
    expect(res.body.details.missing).toContain('engine.deploy');
  });

  it('keeps audit entries of other subtrees out of a scoped audit read', async () => {
    // when
    const res = await server.request('GET', '/api/v1/audit?pageSize=200', {
      token: fx.user('enterpriseOwner', 1).token,
    });
    // then
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(0);
    for (const e of res.body.items) expect(e.orgPath.startsWith(fx.orgs.E1.path)).toBe(true);
  });
});
