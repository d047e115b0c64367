import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { isUniqueViolation } from '../db/isUniqueViolation';
import { actorOf, unitOfWork } from '../db/unitOfWork';
import { resolveActingOrg } from '../definitions/orgContext';
import { START_PERMISSIONS } from '../engine/persistence/startOrg';
import type { AuthContext } from '../http/AuthContext';
import { DataScope } from '../tenancy/DataScope';
import { resolveTargets } from './resolveTargets';
import { ScheduleContent } from './ScheduleContent';
import { insertSchedule, type ScheduleRow } from './Scheduler';

/**
 * Creates an API schedule (`source = 'api'`) in the acting org, one unit of
 * work with its `schedule.create` audit entry. @throws schedule.invalid (400:
 * content), schedule.exists (409: the key is taken in this org), and the
 * errors of resolveActingOrg / resolveTargets.
 */
export async function createSchedule(
  deps: AppDeps,
  auth: AuthContext,
  input: { key: string; name: string; orgId?: string; content: unknown },
): Promise<ScheduleRow> {
  const parsed = ScheduleContent.safeParse(input.content);
  if (!parsed.success) {
    throw new SafeFlowError('schedule.invalid', parsed.error.issues.map((i) => `content.${i.path.join('.')}: ${i.message}`).join('; '), {
      status: 400, details: { issues: parsed.error.issues.map((i) => ({ path: ['content', ...i.path].join('.'), message: i.message })) },
    });
  }
  const org = await resolveActingOrg(deps.db, auth, input.orgId, 'engine.operate');
  await resolveTargets(deps.db, org.path, parsed.data.targets, true);
  try {
    const id = await unitOfWork(deps, actorOf(auth), async (uow) => {
      const id = await insertSchedule(uow.tx, { key: input.key, org, name: input.name, source: 'api', content: parsed.data, createdBy: auth.userId, now: uow.now.getTime() });
      await uow.audit({ orgId: org.id, orgPath: org.path, action: 'schedule.create', targetType: 'schedule', targetId: id, change: { key: input.key, content: parsed.data } });
      return id;
    });
    const [row] = await deps.db.query<ScheduleRow>('SELECT * FROM schedule WHERE id = ?', [id]);
    return row!;
  } catch (err) {
    if (isUniqueViolation(err)) throw new SafeFlowError('schedule.exists', `Schedule '${input.key}' already exists for this org`, { status: 409 });
    throw err;
  }
}

/** A pause (停用 shutdown / 检修 maintenance) of an org subtree. */
export interface SchedulePauseInput {
  orgId: string;
  kind: 'shutdown' | 'maintenance';
  /** ISO-8601 date-times. */
  from: string;
  to: string;
  reason?: string;
}

/**
 * Pauses an org subtree from `from` to `to` (its occurrences in the period
 * are skipped), one unit of work with its `schedule.pause` audit entry.
 * @throws org.not_found (404, also out of scope), schedule.pause_invalid (400: `to` not after `from`).
 */
export async function pauseSchedules(deps: AppDeps, auth: AuthContext, input: SchedulePauseInput): Promise<{ id: string; orgId: string; kind: string; from: string; to: string }> {
  const [org] = await deps.db.query<{ id: string; path: string; tenant_id: string }>('SELECT id, path, tenant_id FROM org WHERE id = ?', [input.orgId]);
  DataScope.of(auth, START_PERMISSIONS).assertVisible(org?.path, 'org', input.orgId);
  const from = Date.parse(input.from);
  const to = Date.parse(input.to);
  if (!(to > from)) throw new SafeFlowError('schedule.pause_invalid', "'to' must be after 'from'", { status: 400 });
  const id = crypto.randomUUID();
  await unitOfWork(deps, actorOf(auth), async (uow) => {
    const now = uow.now.getTime();
    await uow.tx.execute(
      `INSERT INTO schedule_pause (id, org_id, org_path, tenant_id, kind, from_at, to_at, reason, created_by, created_at, updated_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
      [id, org!.id, org!.path, org!.tenant_id, input.kind, from, to, input.reason ?? null, auth.userId, now, now],
    );
    await uow.audit({ orgId: org!.id, orgPath: org!.path, action: 'schedule.pause', targetType: 'schedule_pause', targetId: id, change: input });
  });
  return { id, orgId: org!.id, kind: input.kind, from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}
