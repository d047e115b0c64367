import type { AppDeps } from '../app/AppDeps';
import { SYSTEM_ACTOR } from '../audit/appendAudit';
import { hashPassword } from '../auth/passwords';
import { MODULE_KEYS } from '../entitlements/moduleKeys';
import { setEntitlements } from '../entitlements/entitlements.route';
import { insertOrg } from '../orgs/orgCommands';
import type { OrgRow } from '../orgs/orgRow';
import { insertMembership } from '../users/membershipCommands';
import { insertUser } from '../users/userCommands';
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_USERS } from './demoData';

/**
 * Seeds the demo tenant when the org table is empty: the org tree, every
 * module entitled, one user per role. One transaction (audited as `system`).
 * Returns false when there was something already (nothing is changed).
 */
export async function seedDemo(deps: Pick<AppDeps, 'db' | 'clock' | 'logger'>): Promise<boolean> {
  const [{ n }] = (await deps.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM org`)) as [{ n: number }];
  if (Number(n) > 0) return false;
  const t0 = performance.now();
  const hashes = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)));
  const seeded = await deps.db.transaction(async (tx) => {
    const [{ n: again }] = (await tx.query<{ n: number }>(`SELECT COUNT(*) AS n FROM org`)) as [
      { n: number },
    ];
    if (Number(again) > 0) return false;
    const orgs = new Map<string, OrgRow>();
    for (const o of DEMO_ORGS) {
      const row = await insertOrg(tx, deps, SYSTEM_ACTOR, {
        parent: o.parent ? orgs.get(o.parent) : undefined,
        type: o.type,
        name: o.name,
        info: o.info,
      });
      orgs.set(o.key, row);
    }
    await setEntitlements(tx, deps, SYSTEM_ACTOR, orgs.get('city')!, [...MODULE_KEYS]);
    for (const [i, u] of DEMO_USERS.entries()) {
      const org = orgs.get(u.org)!;
      const userId = await insertUser(tx, deps, SYSTEM_ACTOR, {
        username: u.username,
        displayName: u.displayName,
        passwordHash: hashes[i]!,
        platformAdmin: u.platformAdmin,
        org,
      });
      await insertMembership(tx, deps, SYSTEM_ACTOR, { userId, org, roleKey: u.roleKey });
    }
    return true;
  });
  if (seeded)
    deps.logger.info(
      { ms: Math.round(performance.now() - t0), orgs: DEMO_ORGS.length, users: DEMO_USERS.length },
      'demo data seeded',
    );
  return seeded;
}

/**
 * The demo logins as printable text, or '' when the demo users are not in
 * the database (printed by `safeflow start`).
 */
export async function describeDemoLogins(deps: Pick<AppDeps, 'db'>): Promise<string> {
  const rows = await deps.db.query<{ username: string }>(
    `SELECT username FROM user WHERE username IN (${DEMO_USERS.map(() => '?').join(', ')})`,
    DEMO_USERS.map((u) => u.username),
  );
  const present = new Set(rows.map((r) => r.username));
  const users = DEMO_USERS.filter((u) => present.has(u.username));
  if (users.length === 0) return '';
  const lines = users.map((u) => `  ${u.username.padEnd(16)} ${u.roleKey.padEnd(20)} ${u.displayName}`);
  return `Demo logins (password ${DEMO_PASSWORD}):\n${lines.join('\n')}\n`;
}
