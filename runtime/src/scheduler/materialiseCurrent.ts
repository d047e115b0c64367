import crypto from 'node:crypto';
import type { AppDeps } from '../app/AppDeps';
import { isUniqueViolation } from '../db/isUniqueViolation';
import { SYSTEM_ACTOR, unitOfWork } from '../db/unitOfWork';
import { currentOccurrence } from './currentOccurrence';
import { occurrenceWindow } from './nextOccurrence';
import { resolveTargets } from './resolveTargets';
import { ScheduleContent } from './ScheduleContent';
import type { ScheduleRow } from './Scheduler';

/** What {@link materialiseCurrent} made: the occurrence time, and how many target orgs got a pending occurrence. */
export interface CurrentMaterialised {
  occurrenceAt: string;
  targets: number;
  /** `current`: the schedule's own open occurrence; `now`: none was open, so one at the current minute (demo). */
  kind: 'current' | 'now';
}

/**
 * Gives a schedule that has never had an occurrence one that is open now,
 * for every target org (state `pending`, reason `demo`; the next tick starts
 * them): its current occurrence ({@link currentOccurrence}), or — when none
 * is open (evening, weekend) and `orNow` — one at the current minute with the
 * schedule's window. Nothing when the schedule already has occurrences, so a
 * restart adds nothing. One transaction with its audit entry
 * (`schedule.occurrence_seed`). Returns undefined when nothing was made.
 */
export async function materialiseCurrent(deps: Pick<AppDeps, 'db' | 'clock'>, scheduleId: string, opts: { orNow: boolean }): Promise<CurrentMaterialised | undefined> {
  try {
    return await unitOfWork(deps, SYSTEM_ACTOR, async (uow) => {
      const [s] = await uow.tx.query<ScheduleRow>(`SELECT * FROM schedule WHERE id = ?`, [scheduleId]);
      if (!s || Number(s.active) !== 1) return undefined;
      const [{ n }] = (await uow.tx.query<{ n: number }>(`SELECT COUNT(*) AS n FROM schedule_occurrence WHERE schedule_id = ?`, [scheduleId])) as [{ n: number }];
      if (Number(n) > 0) return undefined;
      const content = ScheduleContent.parse(JSON.parse(s.content));
      const now = uow.now;
      const current = currentOccurrence(content, now);
      if (!current && !opts.orNow) return undefined;
      const at = current ?? new Date(Math.floor(now.getTime() / 60_000) * 60_000);
      const w = occurrenceWindow(content, at);
      const targets = await resolveTargets(uow.tx, s.org_path, content.targets);
      const ts = now.getTime();
      for (const t of targets) {
        await uow.tx.execute(
          `INSERT INTO schedule_occurrence (id, schedule_id, occurrence_at, target_org_id, target_org_path, tenant_id, state, reason, start_at, due_at, miss_at, created_at, updated_at, revision)
           VALUES (?, ?, ?, ?, ?, ?, 'pending', 'demo', ?, ?, ?, ?, ?, 1)`,
          [crypto.randomUUID(), s.id, at.getTime(), t.id, t.path, s.tenant_id, Math.min(w.startAt.getTime(), ts), w.dueAt.getTime(), w.missAt.getTime(), ts, ts],
        );
      }
      const out: CurrentMaterialised = { occurrenceAt: at.toISOString(), targets: targets.length, kind: current ? 'current' : 'now' };
      await uow.audit({ action: 'schedule.occurrence_seed', targetType: 'schedule', targetId: s.id, orgId: s.org_id, orgPath: s.org_path, change: out });
      return out;
    });
  } catch (err) {
    if (isUniqueViolation(err)) return undefined; // another node (or the schedule's own tick) made it first
    throw err;
  }
}
