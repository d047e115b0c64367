import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '@safeflow/migrations';
import { createTestDatabaseUrl } from '../testing/testDatabaseUrl';
import type { Database } from './Database';
import { migrateDown, migrateUp, openDatabase } from './openDatabase';

/** Tables every SafeFlow database has after all migrations (others are added by later features). */
const CORE_TABLES = ['org', 'user', 'role', 'membership', 'audit_log', 'audit_head', 'idempotency_key', 'file'];

async function tableNames(db: Database): Promise<string[]> {
  const rows =
    db.dialect === 'sqlite'
      ? await db.query<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      : await db.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()`);
  return rows.map((r) => r.name).sort();
}

describe('migrations (up all, down all, up again) on a fresh database', () => {
  let dataDir: string;
  let created: Awaited<ReturnType<typeof createTestDatabaseUrl>>;
  let db: Database;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-migrations-'));
    created = await createTestDatabaseUrl();
    db = await openDatabase({ dataDir, databaseUrl: created?.url });
  });
  afterAll(async () => {
    await db.close();
    await created?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('applies every migration, reverts every one leaving only the migrations table, and applies them again', async () => {
    // given
    expect(await tableNames(db)).not.toContain('org');

    // when
    const applied = await migrateUp(db);
    const afterUp = await tableNames(db);
    const reverted = await migrateDown(db, true);
    const afterDown = await tableNames(db);
    const reapplied = await migrateUp(db);
    const afterReUp = await tableNames(db);

    // then
    expect(applied).toEqual(migrations.map((M) => new M().name));
    for (const table of CORE_TABLES) expect(afterUp).toContain(table);
    expect(reverted).toBe(migrations.length);
    expect(afterDown).toEqual(['sf_migrations']);
    expect(reapplied).toEqual(applied);
    expect(afterReUp).toEqual(afterUp);
  });

  it('has nothing to apply when the schema is current', async () => {
    // when
    const applied = await migrateUp(db);
    // then
    expect(applied).toEqual([]);
  });

  it('reverts only the most recent migration without --all', async () => {
    // given
    const last = new migrations[migrations.length - 1]!().name;
    // when
    const reverted = await migrateDown(db, false);
    const reapplied = await migrateUp(db);
    // then
    expect(reverted).toBe(1);
    expect(reapplied).toEqual([last]);
  });
});
