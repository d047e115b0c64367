import { ApiError } from '@/api/ApiError';

/** A submission waiting to be sent. */
export interface QueuedSubmission {
  id: string;
  taskId: string;
  /** Shown in the outbox list. */
  title: string;
  values: Record<string, unknown>;
  /** Sent as Idempotency-Key; the SAME key on every retry, so a lost answer never submits twice. */
  idempotencyKey: string;
  createdAt: number;
  attempts: number;
  status: 'pending' | 'rejected';
  /** The server's rejection (4xx), kept for correction. */
  error?: { status: number; code: string; message: string; details?: unknown };
}

/** Where the queue lives (localStorage in the app, memory in tests). */
export interface QueueStorage {
  load(): QueuedSubmission[];
  save(items: QueuedSubmission[]): void;
}

/** Sends one queued submission (throws ApiError on failure). */
export type SubmitFn = (item: QueuedSubmission) => Promise<unknown>;

/** Result of one {@link OfflineQueue.sync} run. */
export interface SyncResult {
  sent: string[];
  /** Set when a server rejection stopped the queue. */
  rejected?: QueuedSubmission;
  /** Set when the network / server was unavailable (items stay pending). */
  unavailable?: boolean;
}

/**
 * The offline outbox of the Workspace: submissions made without network are
 * queued and sent in order when online. A network failure or a 5xx leaves the
 * item pending (next sync retries it with the same Idempotency-Key). A
 * server rejection (4xx) marks the item rejected with the error and STOPS the
 * queue: later items wait until the rejected one is corrected (`replace`) or
 * discarded.
 */
export class OfflineQueue {
  private items: QueuedSubmission[];
  private running: Promise<SyncResult> | null = null;

  constructor(
    private readonly storage: QueueStorage,
    private readonly submit: SubmitFn,
    private readonly newId: () => string = () => crypto.randomUUID(),
    private readonly now: () => number = Date.now,
  ) {
    this.items = storage.load();
  }

  /** A snapshot of the queue, oldest first. */
  list(): QueuedSubmission[] {
    return this.items.map((i) => ({ ...i }));
  }

  /** The rejected item that stops the queue, if any. */
  get blocked(): QueuedSubmission | undefined {
    return this.items.find((i) => i.status === 'rejected');
  }

  /** Adds a submission (a key may be given when a direct send already used it). */
  enqueue(taskId: string, title: string, values: Record<string, unknown>, idempotencyKey?: string): QueuedSubmission {
    const item: QueuedSubmission = {
      id: this.newId(),
      taskId,
      title,
      values,
      idempotencyKey: idempotencyKey ?? this.newId(),
      createdAt: this.now(),
      attempts: 0,
      status: 'pending',
    };
    this.items = [...this.items.filter((i) => i.taskId !== taskId), item];
    this.persist();
    return item;
  }

  /** Corrected values for a rejected item: pending again, with a new key (the body changed). */
  replace(id: string, values: Record<string, unknown>): void {
    this.items = this.items.map((i) =>
      i.id === id ? { ...i, values, status: 'pending', error: undefined, idempotencyKey: this.newId(), attempts: 0 } : i,
    );
    this.persist();
  }

  /** Drops an item. */
  discard(id: string): void {
    this.items = this.items.filter((i) => i.id !== id);
    this.persist();
  }

  /** Sends pending items in order until done, a rejection, or the network is gone (one run at a time). */
  sync(): Promise<SyncResult> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<SyncResult> {
    const sent: string[] = [];
    for (;;) {
      if (this.blocked) return { sent, rejected: this.blocked };
      const next = this.items.find((i) => i.status === 'pending');
      if (!next) return { sent };
      next.attempts++;
      this.persist();
      try {
        await this.submit(next);
        this.items = this.items.filter((i) => i.id !== next.id);
        this.persist();
        sent.push(next.id);
      } catch (error) {
        if (error instanceof ApiError && error.isRejection) {
          next.status = 'rejected';
          next.error = { status: error.status, code: error.code, message: error.message, details: error.details };
          this.persist();
          return { sent, rejected: { ...next } };
        }
        return { sent, unavailable: true };
      }
    }
  }

  private persist(): void {
    this.storage.save(this.items);
  }
}

/** The queue in localStorage (values hold file references only; photos are uploaded when taken). */
export function localQueueStorage(key = 'safeflow.outbox', storage: Storage = globalThis.localStorage): QueueStorage {
  return {
    load() {
      try {
        const raw = storage.getItem(key);
        return raw ? (JSON.parse(raw) as QueuedSubmission[]) : [];
      } catch {
        return [];
      }
    },
    save(items) {
      storage.setItem(key, JSON.stringify(items));
    },
  };
}
