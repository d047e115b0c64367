import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { loadAuthContext } from '../auth/loadAuthContext';
import { actorOf, SYSTEM_ACTOR, unitOfWork, type UnitActor } from '../db/unitOfWork';
import { FileStorage } from '../files/FileStorage';
import { sanitizeFileName } from '../files/sanitizeFileName';
import { EXPORT_KINDS } from './exportKinds';
import { ExportJobStore, type ExportJobRow } from './ExportJobStore';
import type { ExportLocale } from './pdf/Labeller';

/** How a runner behaves; defaults from `EXPORTS_POLL_MS` (0 = no timer), `EXPORTS_LEASE_MS`. */
export interface ExportRunnerOptions {
  /** This node's name in `claimed_by`. */
  node?: string;
  /** How long a claim (and each progress report) holds a job for this node. */
  leaseMs?: number;
  /** How often the node looks for queued jobs; 0: only when kicked or run by hand. */
  pollMs?: number;
  /** Claims of one job before it is given up (`export.abandoned`): a job that kills its node is not retried forever. */
  maxAttempts?: number;
  /** Told of every progress report this node records (live updates, tests). */
  onProgress?: (jobId: string, p: { done: number; total: number; phase: string }) => void;
}

/** Thrown inside a run whose claim another node took over (the lease ran out); the job is that node's now. */
const CLAIM_LOST = 'export.claim_lost';

/**
 * Runs export jobs in the background, on every node: claims a queued job (or
 * one whose node died: its lease ran out) with a conditional update, so that
 * exactly one node runs it; runs it as its requester (their scope as it is
 * now), reporting progress; stores the file in the files store and marks the
 * job done (or failed with an error code) in one unit of work with its audit
 * entry. One job at a time per node.
 */
export class ExportRunner {
  readonly node: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly maxAttempts: number;
  private readonly onProgress?: ExportRunnerOptions['onProgress'];
  private readonly storage: FileStorage;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly deps: AppDeps,
    opts: ExportRunnerOptions = {},
  ) {
    this.node = opts.node ?? `${os.hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
    this.leaseMs = opts.leaseMs ?? Number(process.env.EXPORTS_LEASE_MS ?? 60_000);
    this.pollMs = opts.pollMs ?? Number(process.env.EXPORTS_POLL_MS ?? 2_000);
    this.maxAttempts = opts.maxAttempts ?? 3;
    this.onProgress = opts.onProgress;
    this.storage = new FileStorage(deps.config.dataDir);
  }

  /** Starts polling (when `pollMs` > 0) and runs what is queued already (jobs of a node that stopped). */
  start(): void {
    this.stopped = false;
    if (this.pollMs > 0) {
      this.timer = setInterval(() => this.kick(), this.pollMs);
      this.timer.unref();
    }
    this.kick();
  }

  /** Looks for work now (after a job was queued); never throws. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((err: unknown) => {
        this.deps.logger.error({ err }, 'export runner failed');
        return 0;
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Waits for the work in progress (tests; shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops polling and waits for the job in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }

  /** Claims and runs jobs until none is left to claim; returns how many this node ran. */
  async drain(): Promise<number> {
    let n = 0;
    for (let job = await this.claimNext(); job; job = await this.claimNext()) {
      await this.execute(job);
      n++;
    }
    return n;
  }

  /** Claims the oldest claimable job for this node, or undefined when there is none (or others took them all). */
  async claimNext(): Promise<ExportJobRow | undefined> {
    const now = this.deps.clock.now().getTime();
    for (const job of await ExportJobStore.claimable(this.deps.db, now)) {
      if (await ExportJobStore.claim(this.deps.db, job, this.node, now, now + this.leaseMs)) {
        return { ...job, status: 'running', claimed_by: this.node, attempts: job.attempts + 1 };
      }
    }
    return undefined;
  }

  /** Runs one claimed job to done or failed. */
  async execute(job: ExportJobRow): Promise<void> {
    const log = this.deps.logger.child({ exportJob: job.id, kind: job.kind });
    const tmp = path.join(this.storage.tmpDir, crypto.randomUUID());
    let actor: UnitActor = SYSTEM_ACTOR;
    let out: fs.WriteStream | undefined;
    try {
      if (job.attempts > this.maxAttempts) throw new SafeFlowError('export.abandoned', `Given up after ${this.maxAttempts} attempts (the nodes running it stopped)`, { status: 500 });
      const kind = EXPORT_KINDS[job.kind];
      if (!kind) throw new SafeFlowError('export.unknown_kind', `Unknown export kind '${job.kind}'`, { status: 400 });
      const auth = await loadAuthContext(this.deps.db, job.created_by);
      if (!auth) throw new SafeFlowError('export.requester_gone', 'The user who asked for this export no longer exists or is disabled', { status: 403 });
      actor = actorOf(auth);
      const params = kind.params.parse(JSON.parse(job.params));
      fs.mkdirSync(this.storage.tmpDir, { recursive: true, mode: 0o750 });
      out = fs.createWriteStream(tmp, { mode: 0o640, flags: 'wx' });
      const now = this.deps.clock.now();
      const made = await kind.run({
        deps: this.deps,
        auth,
        params,
        locale: (job.locale === 'en' ? 'en' : 'zh-CN') as ExportLocale,
        now,
        out,
        progress: async (done, total, phase) => {
          const t = this.deps.clock.now().getTime();
          if (!(await ExportJobStore.progress(this.deps.db, job.id, this.node, { done, total, phase }, t, t + this.leaseMs))) {
            throw new SafeFlowError(CLAIM_LOST, 'Another node took this job over', { status: 409 });
          }
          this.onProgress?.(job.id, { done, total, phase });
        },
      });
      if (!out.writableFinished) await finished(out);
      await this.store(job, tmp, made, actor);
      log.info({ attempts: job.attempts }, 'export done');
    } catch (err) {
      out?.destroy(); // a run that threw may leave its file open
      fs.rmSync(tmp, { force: true });
      const code = err instanceof SafeFlowError ? err.code : 'export.failed';
      if (code === CLAIM_LOST) {
        log.warn('export taken over by another node');
        return;
      }
      log.warn({ err, code }, 'export failed');
      const message = err instanceof Error ? err.message : String(err);
      await unitOfWork(this.deps, actor, async (uow) => {
        if (await ExportJobStore.fail(uow.tx, job.id, this.node, { code, message }, uow.now.getTime())) {
          await uow.audit({ action: 'export.fail', targetType: 'export_job', targetId: job.id, orgId: job.org_id, orgPath: job.org_path, change: { kind: job.kind, code } });
        }
      });
    }
  }

  /** Puts the file into the files store (owned by the job's org, created by the requester) and marks the job done, in one unit of work. */
  private async store(job: ExportJobRow, tmp: string, made: { name: string; mime: string }, actor: UnitActor): Promise<void> {
    const hash = crypto.createHash('sha256');
    await pipeline(fs.createReadStream(tmp), hash);
    const sha256 = hash.digest('hex');
    const size = fs.statSync(tmp).size;
    const fileId = crypto.randomUUID();
    const storageKey = FileStorage.keyFor(fileId);
    const name = sanitizeFileName(made.name, `export.${made.mime === 'application/pdf' ? 'pdf' : 'xlsx'}`);
    let placed: string | undefined;
    try {
      await unitOfWork(this.deps, actor, async (uow) => {
        const now = uow.now.getTime();
        await uow.tx.execute(
          `INSERT INTO file (id, org_id, org_path, tenant_id, name, size, mime, sha256, storage_key, created_by, created_at, updated_at, revision)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
          [fileId, job.org_id, job.org_path, job.tenant_id, name, size, made.mime, sha256, storageKey, job.created_by, now, now],
        );
        if (!(await ExportJobStore.finish(uow.tx, job.id, this.node, { fileId, fileName: name }, now))) {
          throw new SafeFlowError(CLAIM_LOST, 'Another node took this job over', { status: 409 });
        }
        await uow.audit({ action: 'export.done', targetType: 'export_job', targetId: job.id, orgId: job.org_id, orgPath: job.org_path, change: { kind: job.kind, fileId, name, size, sha256 } });
        placed = this.storage.place(tmp, storageKey);
      });
    } catch (err) {
      if (placed) fs.rmSync(placed, { force: true });
      throw err;
    }
  }
}
