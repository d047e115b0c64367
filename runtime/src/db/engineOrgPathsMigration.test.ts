import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '@safeflow/migrations';
import { createTestDatabaseUrl } from '../testing/testDatabaseUrl';
import type { Database } from './Database';
import { migrateDown, migrateUp, openDatabase } from './openDatabase';

describe('migration EngineOrgPaths: hist_process_instance.org_path backfill', () => {
  let dataDir: string;
  let created: Awaited<ReturnType<typeof createTestDatabaseUrl>>;
  let db: Database;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-orgpaths-'));
    created = await createTestDatabaseUrl();
    db = await openDatabase({ dataDir, databaseUrl: created?.url });
  });
  afterAll(async () => {
    await db.close();
    await created?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes the running instance’s org path, else the tenant root, and leaves tenant-less history without one', async () => {
    // given a schema just before EngineOrgPaths, with a running instance and history rows
    await migrateUp(db);
    const index = migrations.findIndex((M) => new M().name?.startsWith('EngineOrgPaths'));
    expect(index).toBeGreaterThan(0);
    for (let i = migrations.length - 1; i >= index; i--) await migrateDown(db, false);
    await db.transaction(async (tx) => {
      await tx.execute(
        `INSERT INTO process_instance (id, definition_id, definition_key, business_key, tenant_id, org_path, super_instance_id, state, ended, suspended, start_time, end_time, revision)
       VALUES ('run', 'd:1', 'd', NULL, 't', '/t/e1/', NULL, '{}', 0, 0, 1, NULL, 1)`,
      );
      for (const [id, tenant] of [
        ['run', 't'],
        ['ended', 't'],
        ['free', null],
      ] as const) {
        await tx.execute(
          `INSERT INTO hist_process_instance (id, definition_id, definition_key, tenant_id, state, start_time) VALUES (?, 'd:1', 'd', ?, 'ACTIVE', 1)`,
          [id, tenant],
        );
      }
    });
    // when
    await migrateUp(db);
    // then
    const rows = await db.query<{ id: string; org_path: string | null }>(
      `SELECT id, org_path FROM hist_process_instance ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: 'ended', org_path: '/t/' },
      { id: 'free', org_path: null },
      { id: 'run', org_path: '/t/e1/' },
    ]);
  });
});
