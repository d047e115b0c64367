import { Worker } from 'node:worker_threads';

/** Result of a PASSIVE checkpoint: whether it was blocked, frames in the WAL, frames copied into the database so far. */
export interface CheckpointResult {
  busy: boolean;
  walFrames: number;
  checkpointedFrames: number;
}

/**
 * Checkpoints a SQLite database in WAL mode from a worker thread with its own
 * connection (`PRAGMA wal_checkpoint(PASSIVE)` every `intervalMs`).
 *
 * Why: SQLite's automatic checkpoint runs inside the COMMIT that pushes the
 * WAL past 1000 pages, on the thread that commits — for SafeFlow that is the
 * event loop. A checkpoint copies ~4 MB and fsyncs the WAL and the database
 * (~10 ms here), stalling every request in flight; under the engine benchmark
 * that was one COMMIT in 45 and 60 % of all COMMIT time. A PASSIVE
 * checkpoint never blocks writers or readers, so on its own thread the copy
 * and the fsyncs leave the event loop alone. Durability is unchanged: the
 * same checkpoints, with the same syncs, only elsewhere; commits stay
 * `synchronous = NORMAL` in WAL mode (a committed transaction survives a
 * crash or kill -9 of the process; a power loss may lose the last ones).
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly waiting = new Map<
    number,
    { resolve(r: CheckpointResult): void; reject(e: Error): void }
  >();
  private nextId = 1;
  private stopped = false;
  private readonly exited: Promise<void>;
  /** Resolves when the worker has opened its connection. */
  readonly ready: Promise<void>;

  constructor(file: string, opts: { intervalMs?: number; onError?: (err: Error) => void } = {}) {
    // execArgv: [] — the thread runs plain JS and needs none of the parent's loaders (tsx)
    this.worker = new Worker(new URL('./walCheckpointWorker.js', import.meta.url), {
      workerData: { file, intervalMs: opts.intervalMs ?? 500 },
      execArgv: [],
    });
    this.worker.unref();
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.ready = new Promise((resolve, reject) => {
      this.worker.on(
        'message',
        (msg: {
          type: string;
          id?: number;
          result?: [number, number, number];
          error?: string;
          message?: string;
        }) => {
          if (msg.type === 'ready') resolve();
          else if (msg.type === 'error') opts.onError?.(new Error(`WAL checkpoint failed: ${msg.message}`));
          else if (msg.type === 'checkpointed' && msg.id !== undefined) {
            const waiter = this.waiting.get(msg.id);
            this.waiting.delete(msg.id);
            if (msg.error || !msg.result) waiter?.reject(new Error(`WAL checkpoint failed: ${msg.error}`));
            else
              waiter?.resolve({
                busy: msg.result[0] !== 0,
                walFrames: msg.result[1],
                checkpointedFrames: msg.result[2],
              });
          }
        },
      );
      this.worker.once('error', (err) => {
        reject(err);
        opts.onError?.(err);
      });
      this.worker.once('exit', () => {
        reject(new Error('WAL checkpointer exited'));
        for (const w of this.waiting.values()) w.reject(new Error('WAL checkpointer exited'));
        this.waiting.clear();
        if (!this.stopped) opts.onError?.(new Error('WAL checkpointer exited'));
      });
    });
    this.ready.catch(() => undefined);
  }

  /** Runs a PASSIVE checkpoint now (on the worker) and resolves with its result. */
  async checkpointNow(): Promise<CheckpointResult> {
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'checkpoint', id });
    });
  }

  /** Stops the timer and closes the worker's connection. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.worker.postMessage({ type: 'stop' });
    await this.exited;
  }
}
