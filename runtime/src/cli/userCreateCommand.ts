import { parseArgs } from 'node:util';
import { SafeFlowError } from '@safeflow/engine/errors';
import { SYSTEM_ACTOR } from '../audit/appendAudit';
import { ensureBuiltinRoles } from '../auth/ensureBuiltinRoles';
import { hashPassword, passwordSchema } from '../auth/passwords';
import { systemClock } from '../app/AppDeps';
import { loadConfig } from '../config/loadConfig';
import { migrateUp, openDatabase } from '../db/openDatabase';
import { findOrg } from '../orgs/orgRow';
import { insertMembership, rolePermissions } from '../users/membershipCommands';
import { insertUser } from '../users/userCommands';
import type { CliCommand } from './CliCommand';

/**
 * `safeflow user create --username U --password P [--admin] [--org ID --role KEY] [--display-name N]`:
 * creates a user (and a first membership) directly in the database, audited
 * as `system`. Applies pending migrations first.
 */
export const userCreateCommand: CliCommand = {
  words: ['user', 'create'],
  summary: 'Create a user (optionally a platform admin, or with a role in an org)',
  usage: 'safeflow user create --username U --password P [--admin] [--org ID --role KEY] [--display-name N]',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        username: { type: 'string' },
        password: { type: 'string' },
        admin: { type: 'boolean' },
        org: { type: 'string' },
        role: { type: 'string' },
        'display-name': { type: 'string' },
      },
    });
    if (!values.username || !values.password)
      throw new SafeFlowError('cli.usage', '--username and --password are required');
    if (!!values.org !== !!values.role) throw new SafeFlowError('cli.usage', '--org and --role go together');
    if (!passwordSchema.safeParse(values.password).success)
      throw new SafeFlowError('user.weak_password', 'The password needs 8–200 characters');
    const config = loadConfig();
    const db = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
    try {
      await migrateUp(db);
      const deps = { db, clock: systemClock };
      await ensureBuiltinRoles(deps);
      const passwordHash = await hashPassword(values.password);
      const id = await db.transaction(async (tx) => {
        const org = values.org ? await findOrg(tx, values.org) : undefined;
        if (values.org && !org)
          throw new SafeFlowError('org.not_found', `org '${values.org}' not found`, { status: 404 });
        if (values.role) await rolePermissions(tx, values.role);
        const userId = await insertUser(tx, deps, SYSTEM_ACTOR, {
          username: values.username!,
          displayName: values['display-name'],
          passwordHash,
          platformAdmin: values.admin ?? false,
          org,
        });
        if (org) await insertMembership(tx, deps, SYSTEM_ACTOR, { userId, org, roleKey: values.role! });
        return userId;
      });
      process.stdout.write(`created user ${values.username} (${id})\n`);
      return 0;
    } finally {
      await db.close();
    }
  },
};
