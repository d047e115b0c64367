/**
 * A pool of detector worker threads. onnxruntime's `session.run` and sharp's image work
 * happen in the workers, so the event loop only passes messages. Each worker creates a
 * model's session once (the first time the model is used there) and keeps it; requests
 * queue (bounded) while all workers are busy. `close()` rejects what is still queued,
 * waits for the running requests, releases the sessions and ends the threads.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { SafeFlowAiError } from '../errors';
import type { ImageInput } from '../image/preprocess';
import type { DetectOptions, DetectResult, SessionOptions } from './DetectorSession';
import type { BenchInfo, LoadInfo, WorkerReply, WorkerRequest } from './workerProtocol';

/** Options of a pool. */
export interface DetectorPoolOptions {
  /** Worker threads (default {@link defaultWorkers}: two where there are two cores). */
  workers?: number;
  /** onnxruntime intra-op threads per session (default cores / workers, at least 1). */
  intraOpNumThreads?: number;
  /** Requests waiting beyond this are refused with `detect.overloaded` (default 64). */
  maxQueue?: number;
}

interface Slot {
  worker: Worker;
  busy: boolean;
  loaded: Set<string>;
  pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;
}

interface Job {
  modelKey: string;
  build: (id: number) => WorkerRequest;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

/**
 * Two workers where the machine has two cores or more: with one request each in flight,
 * one worker's image work (sharp, decode) runs while the other's `session.run` has the
 * other core, which on 2 cores gives ~17 % more frames per second than one worker with two
 * onnxruntime threads (bench/ai.bench.ts). One image alone takes longer (one thread runs it).
 */
export function defaultWorkers(cores = availableParallelism()): number {
  return Math.max(1, Math.min(2, cores));
}

/**
 * Pool options from the environment: `AI_WORKERS` threads and `AI_INTRA_OP_THREADS`
 * onnxruntime threads each; unset or empty means the pool's defaults. Anything but a
 * positive integer is refused with `detect.pool_config`.
 */
export function detectorPoolOptionsFromEnv(env: Record<string, string | undefined> = process.env): DetectorPoolOptions {
  const read = (name: string): number | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new SafeFlowAiError('detect.pool_config', `${name} must be a positive integer, not "${raw}"`, { name, value: raw });
    return n;
  };
  return { workers: read('AI_WORKERS'), intraOpNumThreads: read('AI_INTRA_OP_THREADS') };
}

/** The worker thread pool. */
export class DetectorPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly models = new Map<string, Uint8Array | string>();
  private readonly session: SessionOptions;
  private readonly maxQueue: number;
  private nextId = 1;
  private closed = false;
  /** Sessions created so far, over all workers (a model is loaded once per worker). */
  sessionsCreated = 0;

  /** Worker threads of this pool. */
  readonly workerCount: number;
  /** onnxruntime intra-op threads of each session. */
  readonly intraOpNumThreads: number;

  /** Threads start on first use (a node that never detects pays nothing). */
  constructor(options: DetectorPoolOptions = {}) {
    this.workerCount = Math.max(1, options.workers ?? defaultWorkers());
    this.intraOpNumThreads = options.intraOpNumThreads ?? Math.max(1, Math.floor(availableParallelism() / this.workerCount));
    this.session = { intraOpNumThreads: this.intraOpNumThreads };
    this.maxQueue = options.maxQueue ?? 64;
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./workerBootstrap.mjs', import.meta.url));
    const slot: Slot = { worker, busy: false, loaded: new Set(), pending: new Map() };
    worker.on('message', (reply: WorkerReply) => {
      const p = slot.pending.get(reply.id);
      if (!p) return;
      slot.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.result);
      else p.reject(new SafeFlowAiError(reply.error.code, reply.error.message, reply.error.details));
    });
    worker.on('error', (err) => {
      for (const p of slot.pending.values()) p.reject(new SafeFlowAiError('detect.worker_failed', err.message));
      slot.pending.clear();
    });
    worker.unref();
    return slot;
  }

  /** Makes a model known to the pool (bytes or a file path); workers load it on first use. Re-registering reloads it. */
  register(modelKey: string, model: Uint8Array | string): void {
    this.models.set(modelKey, model);
    for (const s of this.slots) s.loaded.delete(modelKey);
  }

  /** Whether `modelKey` is registered. */
  has(modelKey: string): boolean {
    return this.models.has(modelKey);
  }

  /** Loads the model in one worker now (validates it) and reports its input size and layout. */
  async load(modelKey: string): Promise<LoadInfo> {
    return (await this.enqueue(modelKey, (id) => ({ kind: 'load', id, modelKey, model: this.model(modelKey), session: this.session }))) as LoadInfo;
  }

  /** Detects objects in one image with a registered model. */
  async detect(modelKey: string, image: ImageInput, options: DetectOptions = {}): Promise<DetectResult> {
    return (await this.enqueue(modelKey, (id) => ({ kind: 'detect', id, modelKey, image, options }))) as DetectResult;
  }

  /** Times bare `session.run` calls on a constant tensor inside a worker (for the benchmark). */
  async benchRun(modelKey: string, runs: number): Promise<BenchInfo> {
    return (await this.enqueue(modelKey, (id) => ({ kind: 'bench', id, modelKey, runs }))) as BenchInfo;
  }

  private model(modelKey: string): Uint8Array | string {
    const m = this.models.get(modelKey);
    if (m === undefined) throw new SafeFlowAiError('detect.model_unknown', `Unknown model ${modelKey}`, { modelKey }, 404);
    return m;
  }

  private enqueue(modelKey: string, build: (id: number) => WorkerRequest): Promise<unknown> {
    if (this.closed) return Promise.reject(new SafeFlowAiError('detect.pool_closed', 'The detector pool is shut down', {}, 503));
    if (!this.models.has(modelKey)) return Promise.reject(new SafeFlowAiError('detect.model_unknown', `Unknown model ${modelKey}`, { modelKey }, 404));
    if (this.queue.length >= this.maxQueue) return Promise.reject(new SafeFlowAiError('detect.overloaded', 'Too many detections are waiting', { queued: this.queue.length }, 503));
    return new Promise((resolve, reject) => {
      this.queue.push({ modelKey, build, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.slots.length === 0) for (let i = 0; i < this.workerCount; i++) this.slots.push(this.spawn());
    while (this.queue.length) {
      const job = this.queue[0]!;
      const slot = this.slots.find((s) => !s.busy && s.loaded.has(job.modelKey)) ?? this.slots.find((s) => !s.busy);
      if (!slot) return;
      this.queue.shift();
      void this.runOn(slot, job);
    }
  }

  private send(slot: Slot, build: (id: number) => WorkerRequest): Promise<unknown> {
    const id = this.nextId++;
    const req = build(id);
    // a thread with a request in flight keeps the process alive; an idle one does not
    slot.worker.ref();
    const settle = () => {
      if (slot.pending.size === 0) slot.worker.unref();
    };
    return new Promise((resolve, reject) => {
      slot.pending.set(id, {
        resolve: (v) => {
          resolve(v);
          settle();
        },
        reject: (e) => {
          reject(e);
          settle();
        },
      });
      slot.worker.postMessage(req);
    });
  }

  private async runOn(slot: Slot, job: Job): Promise<void> {
    slot.busy = true;
    try {
      if (!slot.loaded.has(job.modelKey)) {
        const model = this.model(job.modelKey);
        const info = await this.send(slot, (id) => ({ kind: 'load', id, modelKey: job.modelKey, model, session: this.session }));
        slot.loaded.add(job.modelKey);
        this.sessionsCreated++;
        const probe = job.build(0);
        if (probe.kind === 'load') {
          job.resolve(info);
          return;
        }
      }
      job.resolve(await this.send(slot, job.build));
    } catch (err) {
      job.reject(err as Error);
    } finally {
      slot.busy = false;
      this.pump();
      this.drained();
    }
  }

  private drainWaiters: (() => void)[] = [];

  private drained(): void {
    if (this.slots.every((s) => !s.busy) && this.queue.length === 0) for (const w of this.drainWaiters.splice(0)) w();
  }

  /** Shuts down: queued requests fail with `detect.pool_closed`, running ones finish, threads end. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new SafeFlowAiError('detect.pool_closed', 'The detector pool is shut down', {}, 503));
    if (this.slots.some((s) => s.busy)) await new Promise<void>((r) => this.drainWaiters.push(r));
    await Promise.all(
      this.slots.map(async (s) => {
        for (const key of s.loaded) await this.send(s, (id) => ({ kind: 'unload', id, modelKey: key })).catch(() => undefined);
        await s.worker.terminate();
      }),
    );
  }
}
