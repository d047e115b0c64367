import crypto from 'node:crypto';
import type { AppDeps } from '../app/AppDeps';
import { TickLoop } from '../app/TickLoop';
import type { Tx } from '../db/Database';
import { isUniqueViolation } from '../db/isUniqueViolation';
import { occurrencesBetween, occurrenceWindow, nextOccurrence } from './nextOccurrence';
import { resolveTargets } from './resolveTargets';
import { ScheduleContent } from './ScheduleContent';
import { ensureScheduledTaskProcess, SCHEDULED_TASK_PROCESS } from './scheduledTaskProcess';
import { startForOrgs } from './startForOrgs';

/** A schedule row as stored. */
export interface ScheduleRow {
  id: string;
  sched_key: string;
  org_id: string;
  org_path: string;
  tenant_id: string;
  name: string;
  source: 'definition' | 'api';
  definition_version_id: string | null;
  content: string;
  active: number;
  next_at: number | string | null;
  last_occurrence_at: number | string | null;
  created_by: string;
  created_at: number | string;
  updated_at: number | string;
  revision: number;
}

/** What one {@link Scheduler.tick} did (for logs and tests). */
export interface TickReport {
  synced: number;
  materialised: number;
  skipped: number;
  started: number;
  failed: number;
  finished: number;
  missed: number;
}

/** Lost the race for a schedule row to another node: roll back, nothing to do. */
class LostRace extends Error {}

const ms = (v: number | string | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * The scheduler of one node. Each {@link tick}: (1) syncs published `schedule`
 * definitions into `schedule` rows; (2) materialises due occurrences of every
 * active schedule — one `schedule_occurrence` per occurrence time and target
 * org (UNIQUE), paused targets and catch-up leftovers recorded as `skipped` —
 * while holding the schedule row (revision-checked UPDATE of `next_at` in the
 * same transaction); (3) starts pending occurrences whose start time has come
 * (`pending → open` by a conditional UPDATE in the instance start's
 * transaction: exactly one node wins); (4) settles open occurrences: instance
 * ended → `done`, `late` (after the due time) or `missed` (at/after the miss
 * time, e.g. ended by the process's own miss timer); still running when the
 * miss time passes → `missed`.
 * Any number of nodes may tick concurrently on one database.
 */
export class Scheduler {
  private readonly loop: TickLoop;

  constructor(
    private readonly deps: AppDeps,
    private readonly opts: { tickMs?: number; batch?: number } = {},
  ) {
    this.loop = new TickLoop(() => this.tick(), deps.logger, 'scheduler tick failed');
  }

  /** Starts ticking every `tickMs` (default `SCHEDULER_TICK_MS` or 15 s). */
  start(): void {
    this.loop.start(this.opts.tickMs ?? 15_000);
  }

  /** Stops ticking and waits for a tick in progress. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One round of the four steps; safe to call concurrently from several nodes. */
  async tick(): Promise<TickReport> {
    const report: TickReport = { synced: 0, materialised: 0, skipped: 0, started: 0, failed: 0, finished: 0, missed: 0 };
    report.synced = await this.syncDefinitions();
    await this.materialiseDue(report);
    await this.startPending(report);
    await this.settleOpen(report);
    return report;
  }

  /** Published `schedule` definitions → `schedule` rows (new ones, and new published versions). */
  async syncDefinitions(): Promise<number> {
    const { db } = this.deps;
    const defs = await db.query<{ id: string; def_key: string; org_id: string; org_path: string; tenant_id: string; name: string; version_id: string; content: string }>(
      `SELECT d.id, d.def_key, d.org_id, d.org_path, d.tenant_id, d.name, v.id AS version_id, v.content
         FROM definition d JOIN definition_version v ON v.definition_id = d.id AND v.version = d.published_version
        WHERE d.kind = 'schedule'`,
    );
    if (!defs.length) return 0;
    const rows = await db.query<{ id: string; org_id: string; sched_key: string; definition_version_id: string | null; revision: number }>(
      `SELECT id, org_id, sched_key, definition_version_id, revision FROM schedule WHERE source = 'definition'`,
    );
    let n = 0;
    for (const d of defs) {
      const row = rows.find((r) => r.org_id === d.org_id && r.sched_key === d.def_key);
      if (row?.definition_version_id === d.version_id) continue;
      const parsed = ScheduleContent.safeParse(JSON.parse(d.content));
      if (!parsed.success) {
        this.deps.logger.warn({ key: d.def_key, issues: parsed.error.issues }, 'schedule definition has invalid content; skipped');
        continue;
      }
      const now = this.deps.clock.now().getTime();
      try {
        await db.transaction(async (tx) => {
          if (!row) {
            await insertSchedule(tx, {
              key: d.def_key, org: { id: d.org_id, path: d.org_path, tenantId: d.tenant_id }, name: d.name, source: 'definition',
              definitionVersionId: d.version_id, content: parsed.data, createdBy: 'system', now,
            });
          } else {
            const changed = await tx.execute(
              `UPDATE schedule SET content = ?, name = ?, definition_version_id = ?, active = ?, next_at = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?`,
              [JSON.stringify(parsed.data), d.name, d.version_id, parsed.data.active === false ? 0 : 1, firstNextAt(parsed.data, now), now, row.id, row.revision],
            );
            if (changed !== 1) throw new LostRace();
          }
        });
        n++;
      } catch (err) {
        if (!(err instanceof LostRace) && !isUniqueViolation(err)) throw err;
      }
    }
    return n;
  }

  private async materialiseDue(report: TickReport): Promise<void> {
    const now = this.deps.clock.now();
    const due = await this.deps.db.query<{ id: string }>(
      `SELECT id FROM schedule WHERE active = 1 AND next_at IS NOT NULL AND next_at <= ? ORDER BY next_at LIMIT ${this.opts.batch ?? 100}`,
      [now.getTime()],
    );
    for (const { id } of due) {
      try {
        await this.deps.db.transaction((tx) => this.materialise(tx, id, now, report));
      } catch (err) {
        if (err instanceof LostRace || isUniqueViolation(err)) continue;
        this.deps.logger.warn({ err, scheduleId: id }, 'scheduler: materialising a schedule failed; retried next tick');
      }
    }
  }

  /** Materialises the due occurrences of one schedule while holding its row. */
  private async materialise(tx: Tx, id: string, now: Date, report: TickReport): Promise<void> {
    const [s] = await tx.query<ScheduleRow>(`SELECT * FROM schedule WHERE id = ?`, [id]);
    const nextAt = ms(s?.next_at);
    if (!s || nextAt === null || nextAt > now.getTime() || Number(s.active) !== 1) throw new LostRace();
    // hold the row first: a second node's UPDATE waits here (MariaDB row lock) and then fails its revision check
    const held = await tx.execute(`UPDATE schedule SET revision = revision + 1 WHERE id = ? AND revision = ?`, [id, s.revision]);
    if (held !== 1) throw new LostRace();
    const content = ScheduleContent.parse(JSON.parse(s.content));
    const times = [new Date(nextAt), ...occurrencesBetween(content, new Date(nextAt), now)];
    const policy = content.catchUp ?? 'latest';
    const last = times[times.length - 1]!;
    const targets = await resolveTargets(tx, s.org_path, content.targets);
    const pauses = await tx.query<{ org_path: string; kind: string; from_at: number | string; to_at: number | string }>(
      `SELECT org_path, kind, from_at, to_at FROM schedule_pause WHERE tenant_id = ? AND from_at <= ? AND to_at > ?`,
      [s.tenant_id, last.getTime(), times[0]!.getTime()],
    );
    const ts = now.getTime();
    for (const at of times) {
      const w = occurrenceWindow(content, at);
      // catch-up: earlier occurrences were missed while no node ran; the last one is current unless its window is over ('none')
      const stale = at !== last || (policy === 'none' && w.missAt.getTime() <= ts);
      const catchUpSkip = stale && policy !== 'all';
      for (const t of targets) {
        const pause = pauses.find((p) => t.path.startsWith(p.org_path) && Number(p.from_at) <= at.getTime() && Number(p.to_at) > at.getTime());
        const state = pause || catchUpSkip ? 'skipped' : 'pending';
        const reason = pause ? `paused:${pause.kind}` : catchUpSkip ? `catch_up:${policy}` : null;
        try {
          await tx.execute(
            `INSERT INTO schedule_occurrence (id, schedule_id, occurrence_at, target_org_id, target_org_path, tenant_id, state, reason, start_at, due_at, miss_at, created_at, updated_at, revision)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
            [crypto.randomUUID(), s.id, at.getTime(), t.id, t.path, s.tenant_id, state, reason, w.startAt.getTime(), w.dueAt.getTime(), w.missAt.getTime(), ts, ts],
          );
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
          throw new LostRace(); // another node made this occurrence: it holds (held) the schedule; roll back
        }
        if (state === 'pending') report.materialised++;
        else report.skipped++;
      }
    }
    const next = nextAfter(content, last);
    await tx.execute(`UPDATE schedule SET next_at = ?, last_occurrence_at = ?, updated_at = ? WHERE id = ?`, [next, last.getTime(), ts, id]);
  }

  private async startPending(report: TickReport): Promise<void> {
    const now = this.deps.clock.now().getTime();
    const pending = await this.deps.db.query<{ id: string }>(
      `SELECT id FROM schedule_occurrence WHERE state = 'pending' AND start_at <= ? ORDER BY start_at, id LIMIT ${this.opts.batch ?? 100}`,
      [now],
    );
    for (const { id } of pending) {
      try {
        if (await this.startOne(id)) report.started++;
      } catch (err) {
        report.failed++;
        const message = `${(err as { code?: string }).code ?? 'error'}: ${(err as Error).message}`.slice(0, 1000);
        this.deps.logger.warn({ err, occurrenceId: id }, 'scheduler: starting an occurrence failed');
        await this.deps.db.transaction((tx) =>
          tx.execute(`UPDATE schedule_occurrence SET state = 'failed', error = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND state = 'pending'`, [
            message, this.deps.clock.now().getTime(), id,
          ]),
        );
      }
    }
  }

  /** Starts one pending occurrence; false when another node got it first. */
  private async startOne(id: string): Promise<boolean> {
    const [o] = await this.deps.db.query<{ schedule_id: string; occurrence_at: number | string; target_org_id: string; tenant_id: string; start_at: number | string; due_at: number | string; miss_at: number | string }>(
      `SELECT schedule_id, occurrence_at, target_org_id, tenant_id, start_at, due_at, miss_at FROM schedule_occurrence WHERE id = ? AND state = 'pending'`,
      [id],
    );
    if (!o) return false;
    const [s] = await this.deps.db.query<ScheduleRow>(`SELECT * FROM schedule WHERE id = ?`, [o.schedule_id]);
    const content = ScheduleContent.parse(JSON.parse(s!.content));
    const iso = (v: number | string) => new Date(Number(v)).toISOString();
    const variables = {
      ...(content.action.variables ?? {}),
      scheduleId: s!.id, scheduleKey: s!.sched_key, occurrenceId: id,
      occurrenceAt: iso(o.occurrence_at), startAt: iso(o.start_at), dueAt: iso(o.due_at), missAt: iso(o.miss_at),
      targetOrgId: o.target_org_id, locations: content.targets.locations ?? [], candidateGroups: (content.targets.roles ?? []).join(','),
    };
    const task = content.action.task;
    if (task) {
      await ensureScheduledTaskProcess(this.deps);
      Object.assign(variables, { taskForm: task.form, taskName: task.name });
    }
    let won = false;
    await startForOrgs(this.deps, {
      key: task ? SCHEDULED_TASK_PROCESS : content.action.process!,
      tenantId: o.tenant_id,
      starts: [{ orgId: o.target_org_id, variables, businessKey: `${s!.sched_key}:${iso(o.occurrence_at)}:${o.target_org_id}` }],
      inTransaction: async (tx, [started]) => {
        const now = this.deps.clock.now().getTime();
        const n = await tx.execute(
          `UPDATE schedule_occurrence SET state = ?, process_instance_id = ?, started_at = ?, finished_at = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND state = 'pending'`,
          [started!.ended ? 'done' : 'open', started!.processInstanceId, now, started!.ended ? now : null, now, id],
        );
        if (n !== 1) throw new LostRace();
        won = true;
      },
    }).catch((err: unknown) => {
      if (err instanceof LostRace) return [];
      throw err;
    });
    return won;
  }

  private async settleOpen(report: TickReport): Promise<void> {
    const { db, clock } = this.deps;
    const ended = await db.query<{ id: string; due_at: number | string; miss_at: number | string; end_time: number | string }>(
      `SELECT o.id, o.due_at, o.miss_at, h.end_time FROM schedule_occurrence o JOIN hist_process_instance h ON h.id = o.process_instance_id
        WHERE o.state = 'open' AND h.end_time IS NOT NULL LIMIT 500`,
    );
    const now = clock.now().getTime();
    for (const e of ended) {
      // ended at the miss time or later (e.g. by the process's own miss timer): missed; after the due time: late
      const end = Number(e.end_time);
      const missed = end >= Number(e.miss_at);
      const state = missed ? 'missed' : end > Number(e.due_at) ? 'late' : 'done';
      const n = await db.transaction((tx) =>
        tx.execute(`UPDATE schedule_occurrence SET state = ?, finished_at = ?, missed_at = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND state = 'open'`, [
          state, missed ? null : end, missed ? end : null, now, e.id,
        ]),
      );
      if (missed) report.missed += n;
      else report.finished += n;
    }
    report.missed += await db.transaction((tx) =>
      tx.execute(`UPDATE schedule_occurrence SET state = 'missed', missed_at = ?, updated_at = ?, revision = revision + 1 WHERE state = 'open' AND miss_at <= ?`, [now, now, now]),
    );
  }
}

/** The first occurrence after `now` (or after `startAt` when that is later), as epoch ms; null when none. */
export function firstNextAt(content: ScheduleContent, now: number): number | null {
  if (content.active === false) return null;
  const from = content.startAt ? Math.max(now, new Date(content.startAt).getTime() - 1) : now;
  return nextAfter(content, new Date(from));
}

function nextAfter(content: ScheduleContent, after: Date): number | null {
  const next = nextOccurrence(content.cadence, after);
  if (!next) return null;
  if (content.endAt && next.getTime() > new Date(content.endAt).getTime()) return null;
  return next.getTime();
}

/** Inserts a schedule row (next occurrence after `now`); unique per (org, key). */
export async function insertSchedule(
  tx: Tx,
  s: {
    key: string;
    org: { id: string; path: string; tenantId: string };
    name: string;
    source: 'definition' | 'api';
    definitionVersionId?: string;
    content: ScheduleContent;
    createdBy: string;
    now: number;
  },
): Promise<string> {
  const id = crypto.randomUUID();
  await tx.execute(
    `INSERT INTO schedule (id, sched_key, org_id, org_path, tenant_id, name, source, definition_version_id, content, active, next_at, last_occurrence_at, created_by, created_at, updated_at, revision)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, 1)`,
    [id, s.key, s.org.id, s.org.path, s.org.tenantId, s.name, s.source, s.definitionVersionId ?? null, JSON.stringify(s.content), s.content.active === false ? 0 : 1, firstNextAt(s.content, s.now), s.createdBy, s.now, s.now],
  );
  return id;
}
