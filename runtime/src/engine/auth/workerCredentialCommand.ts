import { parseArgs } from 'node:util';
import { SafeFlowError } from '@safeflow/engine/errors';
import { systemClock } from '../../app/AppDeps';
import type { CliCommand } from '../../cli/CliCommand';
import { loadConfig } from '../../config/loadConfig';
import { migrateUp, openDatabase } from '../../db/openDatabase';
import { createWorkerCredential } from './workerCredentials';

/**
 * `safeflow worker-credential create --name N --topics rules,notify [--tenant ID]`:
 * creates a worker credential for `/engine-rest` and prints its id and secret
 * once (HTTP Basic `id:secret`). The secret is stored only as an argon2 hash.
 */
export const workerCredentialCommand: CliCommand = {
  words: ['worker-credential', 'create'],
  summary: 'Create an /engine-rest worker credential limited to topics (prints the secret once)',
  usage: 'safeflow worker-credential create --name N --topics t1,t2 [--tenant ID]',
  async run(args) {
    const { values } = parseArgs({ args, options: { name: { type: 'string' }, topics: { type: 'string' }, tenant: { type: 'string' } } });
    const topics = (values.topics ?? '').split(',').map((t) => t.trim()).filter(Boolean);
    if (!values.name || topics.length === 0) throw new SafeFlowError('cli.usage', '--name and --topics are required');
    const config = loadConfig();
    const db = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
    try {
      await migrateUp(db);
      if (values.tenant) {
        const [org] = await db.query(`SELECT id FROM org WHERE id = ? AND parent_id IS NULL`, [values.tenant]);
        if (!org) throw new SafeFlowError('org.not_found', `tenant '${values.tenant}' not found`, { status: 404 });
      }
      const c = await createWorkerCredential(db, systemClock, { name: values.name, topics, tenantId: values.tenant ?? null });
      process.stdout.write(
        `worker credential created (the secret is shown only now)\n  id:     ${c.id}\n  secret: ${c.secret}\n  topics: ${c.topics.join(', ')}\n` +
          `use HTTP Basic ${c.id}:<secret> (e.g. new BasicAuthInterceptor({ username: id, password: secret }))\n`,
      );
      return 0;
    } finally {
      await db.close();
    }
  },
};
