import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { SafeFlowError } from '@safeflow/engine/errors';

export type Dialect = 'sqlite' | 'mysql';

/** A handle for running SQL inside (or outside) a transaction. */
export interface Tx {
  /** Runs a parameterised statement (`?` placeholders on both dialects) and returns rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs an INSERT/UPDATE/DELETE and returns the number of affected rows. */
  execute(sql: string, params?: unknown[]): Promise<number>;
  readonly dialect: Dialect;
  /** The TypeORM manager, for repository-style code. */
  readonly manager: EntityManager;
}

/**
 * The database of a runtime node: a TypeORM DataSource (better-sqlite3 or
 * mysql2) plus SafeFlow's unit-of-work helper.
 *
 * `transaction(fn)` runs `fn` in one database transaction and rolls back on
 * any throw. SQLite has one writer and TypeORM shares one connection, so
 * transactions are serialised through an in-process queue there; MySQL uses
 * the pool. Optimistic locking is done by callers with `revision` columns and
 * {@link Tx.execute}'s affected-row count (see `assertRevision`).
 */
export class Database {
  private sqliteQueue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dataSource: DataSource,
    readonly dialect: Dialect,
  ) {}

  /** Runs `fn` inside one transaction. */
  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.dialect === 'sqlite') {
      const run = this.sqliteQueue.then(() => this.runTransaction(fn));
      this.sqliteQueue = run.catch(() => undefined);
      return run;
    }
    return this.runTransaction(fn);
  }

  private async runTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const result = await fn(this.wrap(runner));
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
    return (await this.dataSource.query(sql, params)) as T[];
  }

  private wrap(runner: QueryRunner): Tx {
    const dialect = this.dialect;
    return {
      dialect,
      manager: runner.manager,
      async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
        return (await runner.query(sql, params)) as T[];
      },
      async execute(sql: string, params: unknown[] = []): Promise<number> {
        const result = await runner.query(sql, params, true);
        return affectedRows(result);
      },
    };
  }

  async close(): Promise<void> {
    if (this.dialect === 'sqlite') await this.sqliteQueue;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

function affectedRows(result: unknown): number {
  const r = result as { affected?: number; records?: { affectedRows?: number; changes?: number } };
  if (typeof r?.affected === 'number') return r.affected;
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
    throw new SafeFlowError('concurrency.conflict', `${what} was changed by someone else; reload and try again`, {
      status: 409,
    });
  }
}
