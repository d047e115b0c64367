import type { DataSource } from 'typeorm';
import { QueryFailedError } from 'typeorm';
import { SafeFlowError } from '@safeflow/engine/errors';
import { SqliteStatements, type SqliteConnection } from './SqliteStatements';
import { WalCheckpointer } from './WalCheckpointer';

/** Write transactions after which a SQLite node checkpoints its WAL on a worker thread (short-lived CLIs and small tests never start one). */
export const CHECKPOINTER_AFTER_COMMITS = 100;

export type Dialect = 'sqlite' | 'mysql';

/** A handle for running SQL inside (or outside) a transaction. */
export interface Tx {
  /** Runs a parameterised statement (`?` placeholders on both dialects) and returns rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs an INSERT/UPDATE/DELETE and returns the number of affected rows. */
  execute(sql: string, params?: unknown[]): Promise<number>;
  readonly dialect: Dialect;
}

/** The part of a mysql2 (pool) connection SafeFlow uses. */
interface MysqlConnection {
  query(sql: string, params: unknown[], cb: (err: Error | null, result: unknown) => void): void;
  release(): void;
}

interface MysqlDriver {
  obtainMasterConnection(): Promise<MysqlConnection>;
  pool: { query(sql: string, params: unknown[], cb: (err: Error | null, result: unknown) => void): void };
}

/**
 * The database of a runtime node: a TypeORM DataSource (better-sqlite3 or
 * mysql2) plus SafeFlow's unit-of-work helper.
 *
 * `transaction(fn)` runs `fn` in one database transaction and rolls back on
 * any throw. SQLite has one writer and one connection, so transactions are
 * serialised through an in-process queue there (`BEGIN IMMEDIATE`); MySQL
 * takes a connection of the pool. Optimistic locking is done by callers with
 * `revision` columns and {@link Tx.execute}'s affected-row count (see
 * `assertRevision`).
 *
 * Statements go straight to the drivers (TypeORM opens the database and runs
 * migrations): on SQLite through {@link SqliteStatements}, one prepared
 * statement per SQL text for the life of the node; on MySQL as mysql2 text
 * queries, as TypeORM sends them. With TypeORM query logging on, everything
 * goes through TypeORM instead, so the log shows it.
 */
export class Database {
  private sqliteQueue: Promise<unknown> = Promise.resolve();
  private statements?: SqliteStatements;
  private commits = 0;
  private checkpointer?: WalCheckpointer;

  /** `sqliteFile`: the database file, for the WAL checkpointer (see {@link WalCheckpointer}). */
  constructor(
    readonly dataSource: DataSource,
    readonly dialect: Dialect,
    private readonly sqliteFile?: string,
  ) {}

  /** The WAL checkpointer, once started (SQLite files only). */
  get walCheckpointer(): WalCheckpointer | undefined {
    return this.checkpointer;
  }

  /** Runs `fn` inside one transaction. */
  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.dialect === 'sqlite') {
      const run = this.sqliteQueue.then(() => this.runTransaction(fn));
      this.sqliteQueue = run.catch(() => undefined);
      return run;
    }
    return this.runTransaction(fn);
  }

  private runTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.dataSource.options.logging) return this.runTypeormTransaction(fn);
    return this.dialect === 'sqlite' ? this.runSqliteTransaction(fn) : this.runMysqlTransaction(fn);
  }

  private async runSqliteTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const s = this.sqlite();
    const connection = (
      this.dataSource.driver as unknown as { databaseConnection: { inTransaction: boolean } }
    ).databaseConnection;
    let open = true;
    const guard = () => {
      if (!open)
        throw new SafeFlowError('db.transaction_closed', 'The transaction has already ended', {
          status: 500,
        });
    };
    const tx: Tx = {
      dialect: 'sqlite',
      async query<R>(sql: string, params: unknown[] = []): Promise<R[]> {
        guard();
        return s.query<R>(sql, params);
      },
      async execute(sql: string, params: unknown[] = []): Promise<number> {
        guard();
        return s.execute(sql, params);
      },
    };
    s.execute('BEGIN IMMEDIATE', []);
    try {
      const result = await fn(tx);
      s.execute('COMMIT', []);
      if (++this.commits === CHECKPOINTER_AFTER_COMMITS) this.startCheckpointer();
      return result;
    } catch (err) {
      if (connection.inTransaction) s.execute('ROLLBACK', []);
      throw err;
    } finally {
      open = false;
    }
  }

  private async runMysqlTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const connection = await (this.dataSource.driver as unknown as MysqlDriver).obtainMasterConnection();
    let open = true;
    const run = (sql: string, params: unknown[]): Promise<unknown> => {
      if (!open)
        return Promise.reject(
          new SafeFlowError('db.transaction_closed', 'The transaction has already ended', { status: 500 }),
        );
      return mysqlQuery(connection, sql, params);
    };
    const tx: Tx = {
      dialect: 'mysql',
      async query<R>(sql: string, params: unknown[] = []): Promise<R[]> {
        return (await run(sql, params)) as R[];
      },
      async execute(sql: string, params: unknown[] = []): Promise<number> {
        return affectedRows(await run(sql, params));
      },
    };
    let started = false;
    try {
      await mysqlQuery(connection, 'START TRANSACTION', []);
      started = true;
      const result = await fn(tx);
      await mysqlQuery(connection, 'COMMIT', []);
      started = false;
      return result;
    } catch (err) {
      if (started) await mysqlQuery(connection, 'ROLLBACK', []);
      throw err;
    } finally {
      open = false;
      connection.release();
    }
  }

  /** The TypeORM way (query logging on): a query runner per transaction. */
  private async runTypeormTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const result = await fn({
        dialect: this.dialect,
        async query<R>(sql: string, params: unknown[] = []): Promise<R[]> {
          return (await runner.query(sql, params)) as R[];
        },
        async execute(sql: string, params: unknown[] = []): Promise<number> {
          return affectedRows(await runner.query(sql, params, true));
        },
      });
      await runner.commitTransaction();
      return result;
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw err;
    } finally {
      await runner.release();
    }
  }

  /** Runs a read outside a transaction (reads on SQLite still wait for the writer queue). */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (this.dialect === 'sqlite') await this.sqliteQueue;
    if (this.dataSource.options.logging) return (await this.dataSource.query(sql, params)) as T[];
    if (this.dialect === 'sqlite') return this.sqlite().query<T>(sql, params);
    const pool = (this.dataSource.driver as unknown as MysqlDriver).pool;
    return (await mysqlQuery(pool, sql, params)) as T[];
  }

  /**
   * Moves WAL checkpoints off the event loop: a worker thread checkpoints,
   * and this connection's automatic checkpoint stays only as a backstop
   * (10000 pages, ~40 MB) should the worker fall behind or fail.
   */
  private startCheckpointer(): void {
    if (!this.sqliteFile || this.checkpointer) return;
    const connection = (
      this.dataSource.driver as unknown as { databaseConnection: { pragma(s: string): unknown } }
    ).databaseConnection;
    const checkpointer = new WalCheckpointer(this.sqliteFile, {
      onError: () => {
        if (this.dataSource.isInitialized) connection.pragma('wal_autocheckpoint = 1000');
      },
    });
    this.checkpointer = checkpointer;
    checkpointer.ready.then(
      () => {
        if (this.checkpointer === checkpointer && this.dataSource.isInitialized)
          connection.pragma('wal_autocheckpoint = 10000');
      },
      () => undefined,
    );
  }

  private sqlite(): SqliteStatements {
    this.statements ??= new SqliteStatements(
      (this.dataSource.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection,
    );
    return this.statements;
  }

  async close(): Promise<void> {
    if (this.dialect === 'sqlite') await this.sqliteQueue;
    const checkpointer = this.checkpointer;
    this.checkpointer = undefined;
    await checkpointer?.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** One mysql2 text-protocol query (what TypeORM sends), failures as TypeORM's `QueryFailedError`. */
function mysqlQuery(
  on: { query(sql: string, params: unknown[], cb: (err: Error | null, result: unknown) => void): void },
  sql: string,
  params: unknown[],
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    on.query(sql, params, (err, result) =>
      err ? reject(new QueryFailedError(sql, params, err)) : resolve(result),
    );
  });
}

function affectedRows(result: unknown): number {
  const r = result as {
    affected?: number;
    affectedRows?: number;
    records?: { affectedRows?: number; changes?: number };
  };
  if (typeof r?.affected === 'number') return r.affected;
  if (typeof r?.affectedRows === 'number') return r.affectedRows;
  if (typeof r?.records?.affectedRows === 'number') return r.records.affectedRows;
  if (typeof r?.records?.changes === 'number') return r.records.changes;
  return 0;
}

/**
 * Throws `concurrency.conflict` (409) unless exactly one row was updated —
 * the standard optimistic-locking check after
 * `UPDATE ... SET revision = revision + 1 WHERE id = ? AND revision = ?`.
 */
export function assertRevision(affected: number, what: string): void {
  if (affected !== 1) {
    throw new SafeFlowError(
      'concurrency.conflict',
      `${what} was changed by someone else; reload and try again`,
      {
        status: 409,
      },
    );
  }
}
