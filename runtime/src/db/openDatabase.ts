import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { migrations } from '@safeflow/migrations';
import { Database } from './Database';

/**
 * Opens the database described by `databaseUrl` (MySQL/MariaDB) or, when it
 * is undefined, the SQLite file `$dataDir/safeflow.db` (WAL mode with
 * `synchronous = NORMAL`: a committed transaction survives a crash of the
 * process, a power loss may lose the last ones; foreign keys on; WAL
 * checkpoints on a worker thread once the node writes, see `WalCheckpointer`).
 * Does not run migrations (see `migrateUp`).
 */
export async function openDatabase(opts: { dataDir: string; databaseUrl?: string; logging?: boolean }): Promise<Database> {
  if (opts.databaseUrl) {
    const url = opts.databaseUrl.replace(/^mariadb:/, 'mysql:');
    const ds = new DataSource({
      type: 'mysql',
      url,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      migrations,
      migrationsTableName: 'sf_migrations',
      migrationsTransactionMode: 'each',
      logging: opts.logging ?? false,
      extra: { connectionLimit: 20, supportBigNumbers: true, bigNumberStrings: false },
    });
    await ds.initialize();
    return new Database(ds, 'mysql');
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, 'safeflow.db');
  const ds = new DataSource({
    type: 'better-sqlite3',
    database: file,
    enableWAL: true,
    migrations,
    migrationsTableName: 'sf_migrations',
    migrationsTransactionMode: 'each',
    logging: opts.logging ?? false,
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
    },
  });
  await ds.initialize();
  return new Database(ds, 'sqlite', file);
}

/** Applies every pending migration; returns their names. */
export async function migrateUp(db: Database): Promise<string[]> {
  const applied = await db.dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}

/** Reverts the most recent migration (`all` = every one); returns how many were reverted. */
export async function migrateDown(db: Database, all = false): Promise<number> {
  let reverted = 0;
  for (;;) {
    const executed = await db.dataSource.query(`SELECT COUNT(*) AS n FROM sf_migrations`).catch(() => [{ n: 0 }]);
    if (Number((executed as Array<{ n: number }>)[0]?.n ?? 0) === 0) break;
    await db.dataSource.undoLastMigration({ transaction: 'each' });
    reverted++;
    if (!all) break;
  }
  return reverted;
}
