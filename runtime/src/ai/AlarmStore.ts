/**
 * AI alarms over the runtime's database: one row per alarm, duplicates (same tenant,
 * camera and label, a box overlapping by IoU ≥ mergeIou, last seen within the window,
 * still open) merged into it (occurrences + 1) in the same transaction; the review
 * (confirmed / false) and, for a false alarm, a negative flywheel sample.
 */
import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import { BUILTIN_SCENE_RULES, iou, type AlarmPort, type Box, type RaiseAlarm } from '@safeflow/plugin-ai-detect';
import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { unitOfWork, type UnitActor } from '../db/unitOfWork';
import type { AuthContext } from '../http/AuthContext';
import { DataScope } from '../tenancy/DataScope';

/** An alarm as the API returns it. */
export const alarmDto = z.object({
  id: z.string(),
  orgId: z.string(),
  cameraId: z.string().nullable(),
  modelId: z.string(),
  ruleKey: z.string(),
  label: z.string(),
  box: z.object({ x1: z.number(), y1: z.number(), x2: z.number(), y2: z.number() }),
  confidence: z.number(),
  snapshotFileId: z.string().nullable(),
  status: z.enum(['open', 'confirmed', 'false']),
  occurrences: z.number(),
  firstAt: z.number(),
  lastAt: z.number(),
  processInstanceId: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.number().nullable(),
  revision: z.number(),
  /** The camera's name and zone (null for photos or a removed camera). */
  camera: z.object({ name: z.string(), zone: z.object({ name: z.string(), risk: z.string() }).nullable() }).nullable(),
  /** The scene rule's name when it is a built-in one (custom rules: null, show `ruleKey`). */
  ruleName: z.object({ 'zh-CN': z.string(), en: z.string() }).nullable(),
});
export type AlarmDto = z.infer<typeof alarmDto>;

interface AlarmRow {
  id: string;
  tenant_id: string;
  org_id: string;
  org_path: string;
  camera_id: string | null;
  model_id: string;
  rule_key: string;
  label: string;
  box: string;
  confidence: number | string;
  snapshot_file_id: string | null;
  status: AlarmDto['status'];
  occurrences: number | string;
  first_at: number | string;
  last_at: number | string;
  process_instance_id: string | null;
  reviewed_by: string | null;
  reviewed_at: number | string | null;
  revision: number | string;
  camera_name?: string | null;
  zone_name?: string | null;
  zone_risk?: string | null;
}

/** The alarm columns with its camera's name and zone. */
const WITH_CAMERA = `SELECT a.*, c.name AS camera_name, c.zone_name, c.zone_risk FROM ai_alarm a LEFT JOIN camera c ON c.id = a.camera_id`;

const toDto = (r: AlarmRow): AlarmDto => ({
  id: r.id,
  orgId: r.org_id,
  cameraId: r.camera_id,
  modelId: r.model_id,
  ruleKey: r.rule_key,
  label: r.label,
  box: JSON.parse(r.box),
  confidence: Number(r.confidence),
  snapshotFileId: r.snapshot_file_id,
  status: r.status,
  occurrences: Number(r.occurrences),
  firstAt: Number(r.first_at),
  lastAt: Number(r.last_at),
  processInstanceId: r.process_instance_id,
  reviewedBy: r.reviewed_by,
  reviewedAt: r.reviewed_at == null ? null : Number(r.reviewed_at),
  revision: Number(r.revision),
  camera: r.camera_name ? { name: r.camera_name, zone: r.zone_name ? { name: r.zone_name, risk: r.zone_risk ?? 'blue' } : null } : null,
  ruleName: (BUILTIN_SCENE_RULES[r.rule_key]?.name as AlarmDto['ruleName'] | undefined) ?? null,
});

/** Who raises alarms (the ai-detect worker). */
const RAISE_ACTOR: UnitActor = { actorId: 'ai-detect', actorName: 'ai-detect' };

/** The alarm port of the plugin plus the API's reads. */
export class AlarmStore implements AlarmPort {
  constructor(private readonly deps: AppDeps) {}

  async raise(a: RaiseAlarm): Promise<{ alarmId: string; merged: boolean; occurrences: number }> {
    return unitOfWork(this.deps, RAISE_ACTOR, async (uow) => {
      const { tx } = uow;
      const candidates = await tx.query<AlarmRow>(
        `SELECT * FROM ai_alarm WHERE tenant_id = ? AND ${a.cameraId ? 'camera_id = ?' : 'camera_id IS NULL AND org_id = ?'} AND label = ? AND status = 'open' AND last_at >= ? ORDER BY last_at DESC`,
        [a.org.tenantId, a.cameraId ?? a.org.orgId, a.label, a.at - a.windowMs],
      );
      const same = candidates.find((c) => iou(JSON.parse(c.box) as Box, a.box) >= a.mergeIou);
      // the same process instance raising it again is its task run twice (a completion that failed
      // and the task was fetched again after its lock): that run's own alarm, still to be reviewed,
      // so it is answered as opened, not merged, and the instance goes on to its review
      if (same && a.processInstanceId && same.process_instance_id === a.processInstanceId) {
        return { alarmId: same.id, merged: false, occurrences: Number(same.occurrences) };
      }
      if (same) {
        await tx.execute('UPDATE ai_alarm SET occurrences = occurrences + 1, last_at = ?, updated_at = ?, revision = revision + 1 WHERE id = ?', [a.at, a.at, same.id]);
        return { alarmId: same.id, merged: true, occurrences: Number(same.occurrences) + 1 };
      }
      const id = crypto.randomUUID();
      await tx.execute(
        `INSERT INTO ai_alarm (id, tenant_id, org_id, org_path, camera_id, model_id, rule_key, label, box, confidence, detections, snapshot_file_id, status, occurrences,
           first_at, last_at, process_instance_id, review, reviewed_by, reviewed_at, created_at, updated_at, revision)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', 1, ?, ?, ?, NULL, NULL, NULL, ?, ?, 1)`,
        [id, a.org.tenantId, a.org.orgId, a.org.orgPath, a.cameraId, a.modelId, a.ruleKey, a.label, JSON.stringify(a.box), a.confidence, JSON.stringify(a.detections), a.snapshot.fileId, a.at, a.at, a.processInstanceId, a.at, a.at],
      );
      await uow.audit({ orgId: a.org.orgId, orgPath: a.org.orgPath, action: 'ai.alarm.raise', targetType: 'ai_alarm', targetId: id, change: { label: a.label, rule: a.ruleKey, camera: a.cameraId, confidence: a.confidence } });
      return { alarmId: id, merged: false, occurrences: 1 };
    });
  }

  async review(alarmId: string, confirmed: boolean, reviewer: string | null, at: number): Promise<{ status: string }> {
    const actor: UnitActor = { actorId: reviewer ?? 'ai-alarm-review', actorName: reviewer ?? 'ai-alarm-review' };
    return unitOfWork(this.deps, actor, async (uow) => {
      const { tx } = uow;
      const [a] = await tx.query<AlarmRow>('SELECT * FROM ai_alarm WHERE id = ?', [alarmId]);
      if (!a) throw new SafeFlowError('alarm.not_found', `Alarm ${alarmId} not found`, { status: 404 });
      if (a.status !== 'open') throw new SafeFlowError('alarm.already_reviewed', `Alarm ${alarmId} is already ${a.status}`, { status: 409 });
      const status = confirmed ? 'confirmed' : 'false';
      await tx.execute('UPDATE ai_alarm SET status = ?, review = ?, reviewed_by = ?, reviewed_at = ?, updated_at = ?, revision = revision + 1 WHERE id = ?', [status, status, reviewer, at, at, alarmId]);
      // the alarm's flywheel sample: a confirmed alarm keeps its box as ground truth, a false one becomes a negative label
      const box = JSON.parse(a.box) as Box;
      await tx.execute(
        `UPDATE ai_sample SET negative = ?, annotations = ?, updated_at = ?, revision = revision + 1 WHERE alarm_id = ?`,
        [confirmed ? 0 : 1, JSON.stringify(confirmed ? [{ label: a.label, box }] : []), at, alarmId],
      );
      await uow.audit({ orgId: a.org_id, orgPath: a.org_path, action: 'ai.alarm.review', targetType: 'ai_alarm', targetId: alarmId, change: { status } });
      return { status };
    });
  }

  /** Alarms in the caller's scope, newest first. */
  async list(auth: AuthContext, filter: { status?: string; cameraId?: string; limit: number }): Promise<AlarmDto[]> {
    const scope = DataScope.of(auth, 'record.read').sql('a.org_path');
    const where = [scope.sql];
    const params: unknown[] = [...scope.params];
    if (filter.status) {
      where.push('a.status = ?');
      params.push(filter.status);
    }
    if (filter.cameraId) {
      where.push('a.camera_id = ?');
      params.push(filter.cameraId);
    }
    const rows = await this.deps.db.query<AlarmRow>(`${WITH_CAMERA} WHERE ${where.join(' AND ')} ORDER BY a.last_at DESC LIMIT ${Math.min(500, Math.max(1, filter.limit))}`, params);
    return rows.map(toDto);
  }

  /** One alarm in the caller's scope (404 otherwise). */
  async get(auth: AuthContext, id: string): Promise<AlarmDto> {
    const [r] = await this.deps.db.query<AlarmRow>(`${WITH_CAMERA} WHERE a.id = ?`, [id]);
    DataScope.of(auth, 'record.read').assertVisible(r?.org_path, 'ai_alarm', id);
    return toDto(r!);
  }
}
