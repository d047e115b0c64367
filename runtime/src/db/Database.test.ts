import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabaseUrl } from '../testing/testDatabaseUrl';
import { assertRevision, type Database } from './Database';
import { isUniqueViolation } from './isUniqueViolation';
import { openDatabase } from './openDatabase';

// Runs on SQLite, or on the MariaDB of DATABASE_URL (a fresh database).
describe('Database (transactions and statements straight to the driver)', () => {
  let dataDir: string;
  let created: Awaited<ReturnType<typeof createTestDatabaseUrl>>;
  let db: Database;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-db-'));
    created = await createTestDatabaseUrl();
    db = await openDatabase({ dataDir, databaseUrl: created?.url });
    await db.transaction((tx) =>
      tx.execute(
        `CREATE TABLE t_item (id varchar(36) NOT NULL PRIMARY KEY, n bigint NOT NULL, flag smallint NOT NULL, note varchar(50) NULL, revision int NOT NULL)`,
      ),
    );
  });
  afterAll(async () => {
    await db.close();
    await created?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('commits a transaction: rows and affected counts, booleans bound as 0/1, NULLs and numbers round-trip', async () => {
    // given
    const rows = async () =>
      db.query<{ id: string; n: number; flag: number; note: string | null }>(
        `SELECT id, n, flag, note FROM t_item WHERE id LIKE ? ORDER BY id`,
        ['c-%'],
      );

    // when
    const affected = await db.transaction(async (tx) => {
      await tx.execute(`INSERT INTO t_item (id, n, flag, note, revision) VALUES (?, ?, ?, ?, 1)`, [
        'c-1',
        1_700_000_000_000,
        true,
        null,
      ]);
      await tx.execute(`INSERT INTO t_item (id, n, flag, note, revision) VALUES (?, ?, ?, ?, 1)`, [
        'c-2',
        7,
        false,
        'x',
      ]);
      return tx.execute(`UPDATE t_item SET note = ? WHERE id LIKE ?`, ['both', 'c-%']);
    });

    // then
    expect(affected).toBe(2);
    expect((await rows()).map((r) => ({ ...r, n: Number(r.n), flag: Number(r.flag) }))).toEqual([
      { id: 'c-1', n: 1_700_000_000_000, flag: 1, note: 'both' },
      { id: 'c-2', n: 7, flag: 0, note: 'both' },
    ]);
  });

  it('rolls back everything a failing transaction wrote and rethrows its error', async () => {
    // given
    const boom = new Error('boom');

    // when
    const outcome = db.transaction(async (tx) => {
      await tx.execute(`INSERT INTO t_item (id, n, flag, note, revision) VALUES (?, 1, 0, NULL, 1)`, ['r-1']);
      throw boom;
    });

    // then
    await expect(outcome).rejects.toBe(boom);
    expect(await db.query(`SELECT id FROM t_item WHERE id = ?`, ['r-1'])).toEqual([]);
  });

  it('reports a duplicate key with the driver code (unique violation), and the transaction is rolled back', async () => {
    // given
    await db.transaction((tx) =>
      tx.execute(`INSERT INTO t_item (id, n, flag, note, revision) VALUES (?, 1, 0, NULL, 1)`, ['d-1']),
    );

    // when
    const err = await db
      .transaction(async (tx) => {
        await tx.execute(`INSERT INTO t_item (id, n, flag, note, revision) VALUES (?, 1, 0, NULL, 1)`, [
          'd-2',
        ]);
        await tx.execute(`INSERT INTO t_item (id, n, flag, note, revision) VALUES (?, 1, 0, NULL, 1)`, [
          'd-1',
        ]);
      })
      .catch((e: unknown) => e);

    // then
    expect(isUniqueViolation(err)).toBe(true);
    expect((err as { code?: string }).code).toMatch(/^(SQLITE_CONSTRAINT_PRIMARYKEY|ER_DUP_ENTRY)$/);
    expect(await db.query(`SELECT id FROM t_item WHERE id = ?`, ['d-2'])).toEqual([]);
  });

  it('counts affected rows for the revision check (0 when the revision moved on)', async () => {
    // given
    await db.transaction((tx) =>
      tx.execute(`INSERT INTO t_item (id, n, flag, note, revision) VALUES (?, 1, 0, NULL, 1)`, ['v-1']),
    );

    // when
    const first = await db.transaction((tx) =>
      tx.execute(`UPDATE t_item SET n = n + 1, revision = revision + 1 WHERE id = ? AND revision = ?`, [
        'v-1',
        1,
      ]),
    );
    const stale = await db.transaction((tx) =>
      tx.execute(`UPDATE t_item SET n = n + 1, revision = revision + 1 WHERE id = ? AND revision = ?`, [
        'v-1',
        1,
      ]),
    );

    // then
    expect(first).toBe(1);
    expect(stale).toBe(0);
    expect(() => assertRevision(stale, 'Item v-1')).toThrow(
      expect.objectContaining({ code: 'concurrency.conflict' }),
    );
  });

  it('refuses statements on a transaction handle after the transaction ended', async () => {
    // given
    let leaked: Parameters<Parameters<Database['transaction']>[0]>[0] | undefined;
    await db.transaction(async (tx) => {
      leaked = tx;
    });

    // when
    const late = leaked!.query(`SELECT id FROM t_item`);

    // then
    await expect(late).rejects.toMatchObject({ code: 'db.transaction_closed' });
  });

  it('reports a malformed statement as a failed query and keeps working afterwards', async () => {
    // when
    const err = await db.transaction((tx) => tx.query(`SELEC nothing`)).catch((e: unknown) => e);

    // then
    expect(err).toMatchObject({ name: 'QueryFailedError', query: 'SELEC nothing' });
    expect(await db.transaction((tx) => tx.query<{ one: number }>(`SELECT 1 AS one`))).toEqual([{ one: 1 }]);
  });
});
