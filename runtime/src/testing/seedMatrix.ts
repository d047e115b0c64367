import { SYSTEM_ACTOR } from '../audit/appendAudit';
import { hashPassword } from '../auth/passwords';
import { MODULE_KEYS } from '../entitlements/moduleKeys';
import { setEntitlements } from '../entitlements/entitlements.route';
import { insertOrg } from '../orgs/orgCommands';
import type { OrgRow } from '../orgs/orgRow';
import { insertMembership } from '../users/membershipCommands';
import { insertUser } from '../users/userCommands';
import type { TestServer } from './startTestServer';

/** The places of the matrix tree: city C → districts D1, D2 → streets S1, S2 → enterprises E1, E2. */
export type MatrixPlace = 'C' | 'D1' | 'D2' | 'S1' | 'S2' | 'E1' | 'E2';

/** A fixture user with a live access token. */
export interface MatrixUser {
  id: string;
  username: string;
  token: string;
  /** Where the user's one membership is. */
  place: MatrixPlace;
  roleKey: string;
}

/** What {@link seedMatrix} built. */
export interface MatrixFixture {
  orgs: Record<MatrixPlace, { id: string; path: string; type: string }>;
  /**
   * Users by key: `<roleKey>.<branch>` for the role users (branch 1 = under
   * D1, 2 = under D2; `platformAdmin.1` and `cityBureauAdmin.1` sit at C),
   * and `resident.<place>` (a `worker` at each place, a target for user tests).
   */
  users: Record<string, MatrixUser>;
  /** The password of every fixture user. */
  password: string;
  /** The role user of `roleKey` in `branch`. */
  user(roleKey: string, branch?: 1 | 2): MatrixUser;
}

/** Where each role's user sits, per branch. */
export const MATRIX_HOMES: Record<string, [MatrixPlace, MatrixPlace?]> = {
  platformAdmin: ['C'],
  cityBureauAdmin: ['C'],
  districtBureauAdmin: ['D1', 'D2'],
  streetOfficer: ['S1', 'S2'],
  inspector: ['S1', 'S2'],
  enterpriseOwner: ['E1', 'E2'],
  operator: ['E1', 'E2'],
  safetyOfficer: ['E1', 'E2'],
  worker: ['E1', 'E2'],
};

/**
 * Builds a small tenant for permission tests on a running test server, in
 * one transaction: the tree C → D1/D2 → S1/S2 → E1/E2 (E1 under S1, E2 under
 * S2), every module entitled, one user per built-in role per branch (the
 * `platformAdmin` user has the platform-admin flag) and a resident worker at
 * every place; then logs every user in over HTTP. Reuse it for other
 * modules' scope tests (files, records, ...).
 */
export async function seedMatrix(
  server: Pick<TestServer, 'runtime' | 'request'>,
  opts: { prefix?: string } = {},
): Promise<MatrixFixture> {
  const deps = server.runtime.deps;
  const prefix = opts.prefix ?? 'mx';
  const password = 'Matrix@Pass1';
  const passwordHash = await hashPassword(password);
  const specs: Array<{
    key: string;
    username: string;
    place: MatrixPlace;
    roleKey: string;
    platformAdmin?: boolean;
  }> = [];
  for (const [roleKey, homes] of Object.entries(MATRIX_HOMES)) {
    homes.forEach((place, i) => {
      if (place)
        specs.push({
          key: `${roleKey}.${i + 1}`,
          username: `${prefix}.${roleKey}.${i + 1}`,
          place,
          roleKey,
          platformAdmin: roleKey === 'platformAdmin',
        });
    });
  }
  const places: MatrixPlace[] = ['C', 'D1', 'D2', 'S1', 'S2', 'E1', 'E2'];
  for (const place of places)
    specs.push({
      key: `resident.${place}`,
      username: `${prefix}.resident.${place}`,
      place,
      roleKey: 'worker',
    });

  const { orgs, ids } = await deps.db.transaction(async (tx) => {
    const mk = (parent: OrgRow | undefined, type: string, name: string, info?: unknown) =>
      insertOrg(tx, deps, SYSTEM_ACTOR, { parent, type, name: `${prefix} ${name}`, info });
    const C = await mk(undefined, 'cityBureau', 'City');
    const D1 = await mk(C, 'districtBureau', 'District 1');
    const D2 = await mk(C, 'districtBureau', 'District 2');
    const S1 = await mk(D1, 'streetOffice', 'Street 1');
    const S2 = await mk(D2, 'streetOffice', 'Street 2');
    const E1 = await mk(S1, 'enterprise', 'Enterprise 1', {
      number: `${prefix.toUpperCase()}E1`,
      riskLevel: 'general',
    });
    const E2 = await mk(S2, 'enterprise', 'Enterprise 2', {
      number: `${prefix.toUpperCase()}E2`,
      riskLevel: 'major',
    });
    const orgs = { C, D1, D2, S1, S2, E1, E2 };
    await setEntitlements(tx, deps, SYSTEM_ACTOR, C, [...MODULE_KEYS]);
    const ids: Record<string, string> = {};
    for (const s of specs) {
      const org = orgs[s.place];
      ids[s.key] = await insertUser(tx, deps, SYSTEM_ACTOR, {
        username: s.username,
        passwordHash,
        platformAdmin: s.platformAdmin,
        org,
      });
      await insertMembership(tx, deps, SYSTEM_ACTOR, { userId: ids[s.key]!, org, roleKey: s.roleKey });
    }
    return { orgs, ids };
  });

  const tokens = await Promise.all(
    specs.map(async (s) => {
      const res = await server.request('POST', '/api/v1/auth/login', {
        body: { username: s.username, password },
      });
      if (res.status !== 200)
        throw new Error(`seedMatrix: login of ${s.username} failed: ${res.status} ${res.text}`);
      return res.body.accessToken as string;
    }),
  );
  const users: Record<string, MatrixUser> = {};
  specs.forEach((s, i) => {
    users[s.key] = {
      id: ids[s.key]!,
      username: s.username,
      token: tokens[i]!,
      place: s.place,
      roleKey: s.roleKey,
    };
  });
  const orgOut = Object.fromEntries(
    Object.entries(orgs).map(([k, o]) => [k, { id: o.id, path: o.path, type: o.type }]),
  ) as MatrixFixture['orgs'];
  return {
    orgs: orgOut,
    users,
    password,
    user(roleKey, branch = 1) {
      const u = users[`${roleKey}.${branch}`];
      if (!u) throw new Error(`seedMatrix: no ${roleKey} user in branch ${branch}`);
      return u;
    },
  };
}
