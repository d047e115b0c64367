import { SafeFlowError } from '@safeflow/engine/errors';
import type { Queryable } from '../definitions/orgContext';
import type { ScheduleContent } from './ScheduleContent';

/** A target org of an occurrence. */
export interface TargetOrg {
  id: string;
  path: string;
}

/**
 * The target orgs of a schedule owned by the org at `ownerPath`: the listed
 * `orgIds` plus every org of `orgTypes` in the `under` subtree (default: the
 * owner's), all non-archived and inside the owner's subtree (others are
 * refused with 400 `schedule.target_outside_owner` when `strict`, else
 * dropped — an org archived or moved after the schedule was made).
 */
export async function resolveTargets(db: Queryable, ownerPath: string, targets: ScheduleContent['targets'], strict = false): Promise<TargetOrg[]> {
  const out = new Map<string, TargetOrg>();
  const inside = (p: string) => p.startsWith(ownerPath);
  if (targets.orgIds?.length) {
    const rows = await db.query<{ id: string; path: string; archived: number }>(
      `SELECT id, path, archived FROM org WHERE id IN (${targets.orgIds.map(() => '?').join(',')})`,
      targets.orgIds,
    );
    for (const id of targets.orgIds) {
      const r = rows.find((x) => x.id === id);
      if (!r || Number(r.archived) === 1 || !inside(r.path)) {
        if (strict) throw new SafeFlowError('schedule.target_outside_owner', `Target org '${id}' does not exist or is not under the schedule's org`, { status: 400, details: { orgId: id } });
        continue;
      }
      out.set(r.id, { id: r.id, path: r.path });
    }
  }
  if (targets.orgTypes?.length) {
    let underPath = ownerPath;
    if (targets.under) {
      const [u] = await db.query<{ path: string }>('SELECT path FROM org WHERE id = ?', [targets.under]);
      if (!u || !inside(u.path)) {
        if (strict) throw new SafeFlowError('schedule.target_outside_owner', `Org '${targets.under}' (targets.under) is not under the schedule's org`, { status: 400 });
        return [...out.values()];
      }
      underPath = u.path;
    }
    const rows = await db.query<{ id: string; path: string }>(
      `SELECT id, path FROM org WHERE archived = 0 AND type IN (${targets.orgTypes.map(() => '?').join(',')}) AND path LIKE ? ORDER BY path`,
      [...targets.orgTypes, `${underPath}%`],
    );
    for (const r of rows) out.set(r.id, { id: r.id, path: r.path });
  }
  return [...out.values()];
}
