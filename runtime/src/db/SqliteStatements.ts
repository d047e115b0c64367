import { QueryFailedError } from 'typeorm';

/** The part of a better-sqlite3 prepared statement SafeFlow uses. */
interface Statement {
  readonly reader: boolean;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number };
}

/** The part of a better-sqlite3 connection SafeFlow uses. */
export interface SqliteConnection {
  prepare(sql: string): Statement;
}

/**
 * Runs SQL on one better-sqlite3 connection through a cache of prepared
 * statements (least recently used out, `capacity` entries) shared by every
 * transaction and read of the node. TypeORM keeps its statement cache per
 * query runner, and a runner lives for one transaction, so every statement
 * used to be compiled again in every transaction; here each distinct SQL text
 * is compiled once. Results and errors are TypeORM's: rows for statements
 * that return rows, affected-row counts for writes, booleans bound as 0/1,
 * failures as `QueryFailedError` carrying the driver's `code`.
 */
export class SqliteStatements {
  private readonly cache = new Map<string, Statement>();

  constructor(
    private readonly connection: SqliteConnection,
    private readonly capacity = 500,
  ) {}

  /** Rows of `sql` (an empty array for a statement that returns none). */
  query<T>(sql: string, params: unknown[]): T[] {
    try {
      const stmt = this.statement(sql);
      if (stmt.reader) return stmt.all(...bindable(params)) as T[];
      stmt.run(...bindable(params));
      return [];
    } catch (err) {
      throw failed(sql, params, err);
    }
  }

  /** Affected rows of an INSERT/UPDATE/DELETE (0 for a statement that returns rows). */
  execute(sql: string, params: unknown[]): number {
    try {
      const stmt = this.statement(sql);
      if (stmt.reader) {
        stmt.all(...bindable(params));
        return 0;
      }
      return stmt.run(...bindable(params)).changes;
    } catch (err) {
      throw failed(sql, params, err);
    }
  }

  private statement(sql: string): Statement {
    let stmt = this.cache.get(sql);
    if (stmt) {
      // most recently used last: Map keeps insertion order
      this.cache.delete(sql);
    } else {
      stmt = this.connection.prepare(sql);
      if (this.cache.size >= this.capacity) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(sql, stmt);
    return stmt;
  }
}

/** better-sqlite3 cannot bind booleans (TypeORM converts them to 0/1 too). */
function bindable(params: unknown[]): unknown[] {
  for (const p of params) {
    if (typeof p === 'boolean') return params.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
  }
  return params;
}

function failed(sql: string, params: unknown[], err: unknown): unknown {
  if (err instanceof QueryFailedError) return err;
  return err instanceof Error ? new QueryFailedError(sql, params, err) : err;
}
