import crypto from 'node:crypto';
import type { AppDeps } from '../../app/AppDeps';
import type { CommandExecutor } from '../core/CommandExecutor';
import { EngineRestError } from '../core/EngineRestError';
import { ExecuteJobCommand } from './ExecuteJobCommand';
import { JobFailedCommand } from './JobFailedCommand';

/** How long an acquired job stays locked to this node (a crashed node's jobs are re-acquired after it). */
const LOCK_MS = 5 * 60 * 1000;
const BATCH = 20;

/**
 * The job executor: acquires due jobs (timers, async continuations, timer
 * starts) with a row lock
 * `UPDATE job SET lock_owner = ?, ... WHERE id = ? AND revision = ? AND (lock_owner IS NULL OR lock_expiration_time < now)`
 * — so with several nodes on one database each job runs once — and executes
 * each in its own transaction. Jobs of one process instance run one at a time
 * on a node (across nodes the instance revision check catches the rest).
 * Failures spend a retry ({@link JobFailedCommand}); optimistic-locking
 * conflicts release the job without spending one.
 *
 * Time is `deps.clock`: production polls every `intervalMs` and is woken at
 * once when a job due now is created; tests use a FakeClock and call
 * {@link runDueJobs}. On start, overdue jobs fire once.
 */
export class JobExecutor {
  readonly owner = crypto.randomUUID();
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private again = false;
  private stopped = true;
  private readonly busyInstances = new Set<string>();

  constructor(
    private readonly deps: AppDeps,
    private readonly executor: CommandExecutor,
    private readonly intervalMs = 250,
  ) {}

  /** Starts polling (fires overdue jobs at once). */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the jobs in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** A job due now was created: run soon instead of at the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /**
   * Runs every job due at `clock.now()` (also those made due by the jobs it
   * runs), waiting for a run already in progress first. Returns how many jobs executed.
   */
  async runDueJobs(): Promise<number> {
    while (this.running) await this.running.catch(() => undefined);
    return this.runExclusive();
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.runExclusive().finally(() => {
        if (!this.stopped) this.schedule(this.again ? 0 : this.intervalMs);
        this.again = false;
      });
    }, ms);
    this.timer.unref?.();
  }

  private runExclusive(): Promise<number> {
    if (this.running) return this.running;
    const run = this.runLoop().finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }

  private async runLoop(): Promise<number> {
    let executed = 0;
    for (let round = 0; round < 1000; round++) {
      const ids = await this.acquire();
      if (ids.length === 0) break;
      for (const job of ids) {
        executed += (await this.executeOne(job.id, job.instanceId)) ? 1 : 0;
      }
      if (this.stopped && round > 0) break;
    }
    return executed;
  }

  private async acquire(): Promise<Array<{ id: string; instanceId: string | null }>> {
    const now = this.deps.clock.now().getTime();
    const candidates = await this.deps.db.query<{ id: string; revision: number; process_instance_id: string | null }>(
      `SELECT id, revision, process_instance_id FROM job
        WHERE due_date <= ? AND retries > 0 AND suspended = 0 AND (lock_owner IS NULL OR lock_expiration_time < ?)
        ORDER BY due_date, id LIMIT ${BATCH}`,
      [now, now],
    );
    const acquired: Array<{ id: string; instanceId: string | null }> = [];
    const seen = new Set<string>();
    for (const c of candidates) {
      const pi = c.process_instance_id;
      if (pi && (this.busyInstances.has(pi) || seen.has(pi))) continue;
      const ok = await this.deps.db.transaction((tx) =>
        tx.execute(
          `UPDATE job SET lock_owner = ?, lock_expiration_time = ?, revision = revision + 1
            WHERE id = ? AND revision = ? AND (lock_owner IS NULL OR lock_expiration_time < ?)`,
          [this.owner, now + LOCK_MS, c.id, c.revision, now],
        ),
      );
      if (ok === 1) {
        acquired.push({ id: c.id, instanceId: pi });
        if (pi) seen.add(pi);
      }
    }
    return acquired;
  }

  private async executeOne(id: string, instanceId: string | null): Promise<boolean> {
    if (instanceId) this.busyInstances.add(instanceId);
    try {
      return await this.executor.execute(new ExecuteJobCommand(id, this.owner));
    } catch (err) {
      if (err instanceof EngineRestError && err.type === 'OptimisticLockingException') {
        await this.release(id);
        return false;
      }
      this.deps.logger.warn({ err, jobId: id }, 'job failed');
      await this.executor.execute(new JobFailedCommand(id, this.owner, err)).catch((e2) => this.deps.logger.error({ err: e2, jobId: id }, 'recording job failure failed'));
      return false;
    } finally {
      if (instanceId) this.busyInstances.delete(instanceId);
    }
  }

  private async release(id: string): Promise<void> {
    await this.deps.db
      .transaction((tx) => tx.execute(`UPDATE job SET lock_owner = NULL, lock_expiration_time = NULL, revision = revision + 1 WHERE id = ? AND lock_owner = ?`, [id, this.owner]))
      .catch(() => undefined);
  }
}
