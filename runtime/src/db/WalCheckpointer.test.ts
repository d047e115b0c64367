import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../engine/testing/engineTestKit';
import { CHECKPOINTER_AFTER_COMMITS, type Database } from './Database';
import { openDatabase } from './openDatabase';

describe('WalCheckpointer (SQLite WAL checkpoints on a worker thread)', () => {
  let dataDir: string;
  let db: Database;

  afterEach(async () => {
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const write = async (n: number, from = 0) => {
    for (let i = from; i < from + n; i++) {
      await db.transaction((tx) =>
        tx.execute(`INSERT INTO t_wal (id, body) VALUES (?, ?)`, [i, 'x'.repeat(2000)]),
      );
    }
  };

  it('starts once the node has written, takes over checkpoints, and every committed row is in the database file', async () => {
    // given
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-wal-'));
    db = await openDatabase({ dataDir });
    await db.transaction((tx) =>
      tx.execute(`CREATE TABLE t_wal (id integer NOT NULL PRIMARY KEY, body text NOT NULL)`),
    );
    await write(CHECKPOINTER_AFTER_COMMITS - 2);
    expect(db.walCheckpointer).toBeUndefined();

    // when
    await write(2 + 300, CHECKPOINTER_AFTER_COMMITS - 2);
    const checkpointer = await until(() => db.walCheckpointer);
    await checkpointer.ready;
    const result = await checkpointer.checkpointNow();

    // then
    expect(result.busy).toBe(false);
    expect(result.checkpointedFrames).toBe(result.walFrames);
    const [auto] = await db.query<{ wal_autocheckpoint: number }>(`PRAGMA wal_autocheckpoint`);
    expect(auto!.wal_autocheckpoint).toBe(10000);
    await db.close();
    db = await openDatabase({ dataDir });
    const [count] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM t_wal`);
    expect(Number(count!.n)).toBe(CHECKPOINTER_AFTER_COMMITS + 300);
  });

  it('is not started by a node that writes little', async () => {
    // given
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-wal-'));
    db = await openDatabase({ dataDir });
    await db.transaction((tx) =>
      tx.execute(`CREATE TABLE t_wal (id integer NOT NULL PRIMARY KEY, body text NOT NULL)`),
    );

    // when
    await write(10);

    // then
    expect(db.walCheckpointer).toBeUndefined();
    const [auto] = await db.query<{ wal_autocheckpoint: number }>(`PRAGMA wal_autocheckpoint`);
    expect(auto!.wal_autocheckpoint).toBe(1000);
  });
});
