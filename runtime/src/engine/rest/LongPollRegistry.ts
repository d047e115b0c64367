import type { Logger } from '../../logging/createLogger';

interface Waiter {
  topics: Set<string>;
  /** Requests with equal signatures run the same query: one empty answer speaks for all of them. */
  signature: string;
  fetch(): Promise<unknown[]>;
  answer(tasks: unknown[]): void;
  timer: NodeJS.Timeout;
  busy: boolean;
  again: boolean;
  expired: boolean;
  done: boolean;
}

/**
 * Held fetchAndLock requests (long polling). A request that found nothing
 * waits here until its `asyncResponseTimeout`; whenever a task of one of its
 * topics is created, unlocked, or its lock/retry timeout elapses, the request
 * fetches again and is answered when it locked something. A wake does not
 * set off every held request at once (200 fetches for one new task): it goes
 * through them in arrival order, one fetch at a time, and after a fetch that
 * found nothing it skips the other requests with the same signature (same
 * caller, topics and filters: the same query) — so one new task costs about
 * two fetches, while requests with other filters are still tried. A fetch in
 * progress when the timeout fires still delivers what it locked (no task is
 * locked for a request that was already answered). At most `capacity`
 * requests wait (Camunda: 200); past that `register` returns undefined and the
 * caller answers Camunda's 500 InvalidRequestException ("At the moment the
 * server has to handle too many requests at the same time. Please try again later.").
 */
export class LongPollRegistry {
  private readonly waiters = new Set<Waiter>();
  private closed = false;
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly logger: Logger,
    readonly capacity = 200,
  ) {}

  /** How many requests are held. */
  get size(): number {
    return this.waiters.size;
  }

  /** How many held requests wait for `topic`. */
  waitingFor(topic: string): number {
    let n = 0;
    for (const w of this.waiters) if (w.topics.has(topic)) n++;
    return n;
  }

  /** The topics held requests wait for. */
  topics(): Set<string> {
    const out = new Set<string>();
    for (const w of this.waiters) for (const t of w.topics) out.add(t);
    return out;
  }

  /**
   * Holds a request; returns a `cancel` function (the client went away: the
   * request is dropped without fetching again), or undefined when full or shut down.
   */
  register<T>(
    topics: string[],
    timeoutMs: number,
    fetch: () => Promise<T[]>,
    answer: (tasks: T[]) => void,
    signature: string = JSON.stringify(topics),
  ): (() => void) | undefined {
    if (this.closed || this.waiters.size >= this.capacity) return undefined;
    const w: Waiter = {
      topics: new Set(topics),
      signature,
      fetch,
      answer: answer as (tasks: unknown[]) => void,
      busy: false,
      again: false,
      expired: false,
      done: false,
      timer: setTimeout(() => this.expire(w), timeoutMs),
    };
    this.waiters.add(w);
    return () => {
      w.expired = true;
      if (!w.busy) this.finish(w, []);
    };
  }

  /**
   * A counter per topic, bumped by every {@link wake}. A request reads it before
   * its first fetch and, after registering, wakes itself if it changed — so a
   * task created between the fetch and the registration is not missed.
   */
  generation(topics: string[]): number {
    return topics.reduce((n, t) => n + (this.generations.get(t) ?? 0), 0);
  }

  /** Lets the held requests interested in one of `topics` fetch again (see the class comment). */
  wake(topics: Iterable<string>): void {
    const set = new Set(topics);
    for (const t of set) this.generations.set(t, (this.generations.get(t) ?? 0) + 1);
    const queue: Waiter[] = [];
    for (const w of this.waiters) if ([...w.topics].some((t) => set.has(t))) queue.push(w);
    if (queue.length) void this.chain(queue);
  }

  /** One fetch at a time down `queue`; a signature that found nothing is not asked again in this wake. */
  private async chain(queue: Waiter[]): Promise<void> {
    const empty = new Set<string>();
    for (const w of queue) {
      if (empty.has(w.signature)) continue;
      const found = await this.run(w);
      if (found === 0) empty.add(w.signature);
    }
  }

  /** Answers every held request with `[]` (shutdown). */
  close(): void {
    this.closed = true;
    for (const w of [...this.waiters]) this.expire(w);
  }

  private expire(w: Waiter): void {
    w.expired = true;
    if (!w.busy) this.finish(w, []);
  }

  /** Fetches for `w`; resolves to how many tasks it found, or undefined when it did not fetch itself (answered, or already fetching). */
  private async run(w: Waiter): Promise<number | undefined> {
    if (w.done || w.expired) return undefined;
    if (w.busy) {
      w.again = true;
      return undefined;
    }
    w.busy = true;
    let tasks: unknown[] = [];
    try {
      do {
        w.again = false;
        tasks = await w.fetch();
      } while (tasks.length === 0 && w.again && !w.expired);
    } catch (err) {
      this.logger.warn({ err }, 'long-poll fetch failed; answering []');
      w.expired = true;
    } finally {
      w.busy = false;
    }
    if (tasks.length > 0 || w.expired) this.finish(w, tasks);
    return tasks.length;
  }

  private finish(w: Waiter, tasks: unknown[]): void {
    if (w.done) return;
    w.done = true;
    clearTimeout(w.timer);
    this.waiters.delete(w);
    w.answer(tasks);
  }
}
