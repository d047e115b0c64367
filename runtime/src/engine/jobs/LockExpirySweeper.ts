import type { AppDeps } from '../../app/AppDeps';
import type { LongPollRegistry } from '../rest/LongPollRegistry';

/**
 * Wakes held long polls whose topics got fetchable tasks without a local
 * event: locks or retry timeouts that just elapsed, and tasks created by
 * other nodes. Every `intervalMs` while requests wait, one query asks which
 * of their topics have a task whose lock expired, or which was created, since
 * the previous sweep.
 */
export class LockExpirySweeper {
  private timer?: NodeJS.Timeout;
  private last: number;

  constructor(
    private readonly deps: AppDeps,
    private readonly longPoll: LongPollRegistry,
    private readonly intervalMs = 1000,
  ) {
    this.last = deps.clock.now().getTime();
  }

  start(): void {
    this.last = this.deps.clock.now().getTime();
    this.timer = setInterval(() => void this.sweep().catch((err) => this.deps.logger.warn({ err }, 'lock expiry sweep failed')), this.intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One sweep (tests call it after moving a FakeClock). Returns the topics woken. */
  async sweep(): Promise<string[]> {
    const now = this.deps.clock.now().getTime();
    const since = this.last;
    this.last = now;
    const topics = [...this.longPoll.topics()];
    if (topics.length === 0) return [];
    const rows = await this.deps.db.query<{ topic_name: string }>(
      `SELECT DISTINCT topic_name FROM external_task
        WHERE topic_name IN (${topics.map(() => '?').join(',')})
          AND ((lock_expiration_time > ? AND lock_expiration_time <= ?) OR create_time > ?)`,
      [...topics, since - 1, now, since - 1],
    );
    const woken = rows.map((r) => r.topic_name);
    if (woken.length) this.longPoll.wake(woken);
    return woken;
  }
}
