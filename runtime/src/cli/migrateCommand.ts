import { parseArgs } from 'node:util';
import { loadConfig } from '../config/loadConfig';
import { migrateDown, migrateUp, openDatabase } from '../db/openDatabase';
import type { CliCommand } from './CliCommand';

/** `safeflow migrate [--revert [--all]]`: apply pending migrations, or revert the last (or all). */
export const migrateCommand: CliCommand = {
  words: ['migrate'],
  summary: 'Apply pending migrations, or revert them',
  usage: 'safeflow migrate [--revert [--all]]',
  async run(args) {
    const { values } = parseArgs({ args, options: { revert: { type: 'boolean' }, all: { type: 'boolean' } } });
    const config = loadConfig();
    const db = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
    try {
      if (values.revert) {
        const n = await migrateDown(db, values.all ?? false);
        process.stdout.write(`reverted ${n} migration(s)\n`);
      } else {
        const applied = await migrateUp(db);
        process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
      }
      return 0;
    } finally {
      await db.close();
    }
  },
};
