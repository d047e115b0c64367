import crypto from 'node:crypto';
import type { AppDeps } from '../../app/AppDeps';
import type { Tx } from '../../db/Database';
import type { Command } from './Command';
import type { CommandContext } from './CommandContext';
import type { EngineServices } from './EngineServices';
import { engineStats } from './engineStats';
import { EngineRestError, optimisticLocking } from './EngineRestError';

type Next<T> = () => Promise<T>;

/** How often a command that lost a race is run in all (see the retry interceptor). */
const MAX_ATTEMPTS = 10;
/** One link of the interceptor chain around every command. */
export type CommandInterceptor = <T>(cmd: Command<T>, next: Next<T>) => Promise<T>;

/**
 * Runs commands (Camunda's `executor.execute(new XCmd(...))`) through an
 * ordered interceptor chain:
 *
 * 1. conflict retry — a command that lost a race (a revision conflict on an
 *    instance, task or job row, a deadlock, a lock wait timeout, a duplicate
 *    key) was rolled back whole, so it is re-run from scratch in a new
 *    transaction: it re-reads everything and re-checks its preconditions (a
 *    second complete of one task then answers 404, not a conflict). With one
 *    instance document per instance, completes of parallel branches would
 *    otherwise conflict where Camunda's per-execution rows do not. Each round
 *    of contenders has at least one winner, so {@link MAX_ATTEMPTS} covers that
 *    many concurrent writers of one row; a short random pause spreads them;
 * 2. error mapping — duplicate-key and deadlock errors of the database become
 *    {@link EngineRestError} OptimisticLockingException (500, code 1);
 * 3. transaction — `deps.db.transaction`; after a commit the command's
 *    after-commit hooks run (long-poll and job-executor wake-ups), never after
 *    a rollback.
 */
export class CommandExecutor {
  private readonly chain: CommandInterceptor[];

  constructor(
    private readonly deps: AppDeps,
    private readonly services: EngineServices,
  ) {
    this.chain = [this.retryInterceptor, this.errorMappingInterceptor];
  }

  /** Executes `cmd` in one transaction; throws what it throws (mapped). */
  execute<T>(cmd: Command<T>): Promise<T> {
    const run = (i: number): Promise<T> =>
      i < this.chain.length ? this.chain[i]!(cmd, () => run(i + 1)) : this.transactional(cmd);
    if (!engineStats) return run(0);
    const t0 = performance.now();
    return run(0).finally(() => engineStats!.command(cmd.name, performance.now() - t0));
  }

  private retryInterceptor: CommandInterceptor = async (_cmd, next) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await next();
      } catch (err) {
        const conflict = err instanceof EngineRestError && err.type === 'OptimisticLockingException';
        if (!conflict || attempt >= MAX_ATTEMPTS) throw err;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * attempt));
      }
    }
  };

  private errorMappingInterceptor: CommandInterceptor = async (_cmd, next) => {
    try {
      return await next();
    } catch (err) {
      if (isConflictError(err)) {
        const mapped = optimisticLocking('An entity');
        Object.defineProperty(mapped, 'cause', { value: err });
        throw mapped;
      }
      throw err;
    }
  };

  /**
   * Runs `cmd` inside a transaction the caller already holds (e.g. a
   * definition publish that deploys in its own unit of work): no retry, no
   * transaction of its own — the caller commits or rolls back. Wake-ups and
   * after-commit hooks run when the command returns; they are hints (the job
   * executor and the long polls also poll), so running them before the
   * caller's commit only costs an empty look.
   */
  async executeIn<T>(tx: Tx, cmd: Command<T>): Promise<T> {
    const hooks: Array<() => void> = [];
    const topics = new Set<string>();
    let jobs = false;
    const ctx: CommandContext = {
      tx,
      deps: this.deps,
      services: this.services,
      now: this.deps.clock.now(),
      exec: { now: () => this.deps.clock.now(), newId: () => crypto.randomUUID() },
      afterCommit: (fn) => hooks.push(fn),
      wakeTopic: (t) => topics.add(t),
      wakeJobs: () => {
        jobs = true;
      },
    };
    const result = await cmd.execute(ctx);
    if (topics.size) this.services.onTopicsChanged([...topics]);
    if (jobs) this.services.onJobsChanged();
    for (const h of hooks) {
      try {
        h();
      } catch (err) {
        this.deps.logger.error({ err, command: cmd.name }, 'after-commit hook failed');
      }
    }
    return result;
  }

  private async transactional<T>(cmd: Command<T>): Promise<T> {
    const hooks: Array<() => void> = [];
    const topics = new Set<string>();
    let jobs = false;
    const now = this.deps.clock.now();
    const result = await this.deps.db.transaction(async (tx) => {
      hooks.length = 0;
      topics.clear();
      const ctx: CommandContext = {
        tx,
        deps: this.deps,
        services: this.services,
        now,
        exec: { now: () => this.deps.clock.now(), newId: () => crypto.randomUUID() },
        afterCommit: (fn) => hooks.push(fn),
        wakeTopic: (t) => topics.add(t),
        wakeJobs: () => {
          jobs = true;
        },
      };
      return cmd.execute(ctx);
    });
    if (topics.size) this.services.onTopicsChanged([...topics]);
    if (jobs) this.services.onJobsChanged();
    for (const h of hooks) {
      try {
        h();
      } catch (err) {
        this.deps.logger.error({ err, command: cmd.name }, 'after-commit hook failed');
      }
    }
    return result;
  }
}

/** Unique-key violations and deadlocks mean another transaction got there first. */
export function isConflictError(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; driverError?: { code?: string } };
  const code = e?.code ?? e?.driverError?.code ?? '';
  return (
    code === 'ER_DUP_ENTRY' ||
    code === 'ER_LOCK_DEADLOCK' ||
    code === 'ER_LOCK_WAIT_TIMEOUT' ||
    code.startsWith('SQLITE_CONSTRAINT_UNIQUE') ||
    code.startsWith('SQLITE_CONSTRAINT_PRIMARYKEY') ||
    code === 'SQLITE_BUSY'
  );
}
