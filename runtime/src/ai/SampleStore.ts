/**
 * Flywheel samples (frames of alarms and near-threshold detections, with the model's
 * predictions as pre-annotation) and dataset versions (a frozen list of samples with
 * their boxes), over the runtime's database.
 */
import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { DatasetItem, Detection, SamplePort } from '@safeflow/plugin-ai-detect';
import type { AppDeps } from '../app/AppDeps';
import type { AuthContext } from '../http/AuthContext';
import { DataScope } from '../tenancy/DataScope';

interface SampleRow {
  id: string;
  tenant_id: string;
  org_path: string;
  camera_id: string | null;
  file_id: string;
  width: number | string;
  height: number | string;
  hash: string;
  reason: string;
  predictions: string;
  annotations: string | null;
  negative: number | string;
  created_at: number | string;
}

/** The sample port of the plugin plus dataset versions. */
export class SampleStore implements SamplePort {
  constructor(private readonly deps: AppDeps) {}

  async add(s: Parameters<SamplePort['add']>[0]): Promise<string> {
    const id = crypto.randomUUID();
    const predictions = s.predictions.map((d: Detection) => ({ label: d.label, classId: d.classId, score: d.confidence, box: d.box }));
    await this.deps.db.transaction((tx) =>
      tx.execute(
        `INSERT INTO ai_sample (id, tenant_id, org_id, org_path, camera_id, file_id, width, height, hash, reason, model_id, alarm_id, predictions, annotations, negative, created_at, updated_at, revision)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, ?, ?, 1)`,
        [id, s.org.tenantId, s.org.orgId, s.org.orgPath, s.cameraId, s.file.fileId, s.width, s.height, s.hash, s.reason, s.modelId, s.alarmId, JSON.stringify(predictions), s.at, s.at],
      ),
    );
    return id;
  }

  async recent(tenantId: string, cameraId: string | null, since: number): Promise<{ at: number; hash: string; reason: string }[]> {
    const rows = await this.deps.db.query<SampleRow>(
      `SELECT created_at, hash, reason FROM ai_sample WHERE tenant_id = ? AND ${cameraId ? 'camera_id = ?' : 'camera_id IS NULL'} AND created_at >= ?`,
      cameraId ? [tenantId, cameraId, since] : [tenantId, since],
    );
    return rows.map((r) => ({ at: Number(r.created_at), hash: r.hash, reason: r.reason }));
  }

  /** Samples in the caller's scope (newest first). */
  async list(auth: AuthContext, limit = 200) {
    const scope = DataScope.of(auth, 'record.read').sql('org_path');
    const rows = await this.deps.db.query<SampleRow>(`SELECT * FROM ai_sample WHERE ${scope.sql} ORDER BY created_at DESC LIMIT ${Math.min(1000, limit)}`, scope.params);
    return rows.map((r) => ({
      id: r.id,
      cameraId: r.camera_id,
      fileId: r.file_id,
      width: Number(r.width),
      height: Number(r.height),
      hash: r.hash,
      reason: r.reason,
      negative: Number(r.negative) === 1,
      predictions: JSON.parse(r.predictions) as { label: string; classId: number; score: number; box: DatasetItem['annotations'][number]['box'] }[],
      annotations: r.annotations ? (JSON.parse(r.annotations) as { label: string; box: DatasetItem['annotations'][number]['box'] }[]) : null,
      createdAt: Number(r.created_at),
    }));
  }

  /** People confirm or fix a sample's boxes (labels by English name). */
  async annotate(auth: AuthContext, id: string, annotations: { label: string; box: DatasetItem['annotations'][number]['box'] }[]): Promise<void> {
    const [r] = await this.deps.db.query<SampleRow>('SELECT * FROM ai_sample WHERE id = ?', [id]);
    DataScope.of(auth, 'record.write').assertVisible(r?.org_path, 'ai_sample', id);
    await this.deps.db.transaction((tx) => tx.execute('UPDATE ai_sample SET annotations = ?, negative = ?, updated_at = ?, revision = revision + 1 WHERE id = ?', [JSON.stringify(annotations), annotations.length ? 0 : 1, this.deps.clock.now().getTime(), id]));
  }

  /**
   * Freezes the caller's annotated samples into a new version of dataset `key`: items with
   * confirmed boxes (negatives as empty images), the 2nd of every 5 in `val` (held out); unannotated samples
   * are pre-annotated by their predictions and left out of training until confirmed.
   */
  async createVersion(auth: AuthContext, tenantId: string, key: string, labels: string[]): Promise<{ id: string; version: number; items: DatasetItem[] }> {
    if (!auth.platformAdmin && !auth.memberships.some((m) => m.tenantId === tenantId && m.permissions.includes('record.write'))) throw new SafeFlowError('org.not_found', 'Tenant not found', { status: 404 });
    const samples = (await this.list(auth, 1000)).filter((s) => s.annotations !== null || s.negative);
    const items: DatasetItem[] = samples.map((s, i) => ({
      fileName: `${s.fileId}.jpg`,
      width: s.width,
      height: s.height,
      split: i % 5 === 1 ? 'val' : 'train',
      annotations: (s.annotations ?? []).filter((a) => labels.includes(a.label)).map((a) => ({ classId: labels.indexOf(a.label), box: a.box })),
      predictions: s.predictions.filter((p) => labels.includes(p.label)).map((p) => ({ classId: labels.indexOf(p.label), box: p.box, score: p.score })),
    }));
    const id = crypto.randomUUID();
    const now = this.deps.clock.now().getTime();
    const version = await this.deps.db.transaction(async (tx) => {
      const [max] = await tx.query<{ v: number | string | null }>('SELECT MAX(version) AS v FROM ai_dataset WHERE tenant_id = ? AND dataset_key = ?', [tenantId, key]);
      const v = Number(max?.v ?? 0) + 1;
      await tx.execute('INSERT INTO ai_dataset (id, tenant_id, dataset_key, version, labels, items, created_by, created_at, updated_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)', [id, tenantId, key, v, JSON.stringify(labels), JSON.stringify(items), auth.userId, now, now]);
      return v;
    });
    return { id, version, items };
  }

  /** A dataset version (tenant-checked). */
  async getVersion(auth: AuthContext, id: string): Promise<{ id: string; key: string; version: number; labels: string[]; items: DatasetItem[] }> {
    const [r] = await this.deps.db.query<{ id: string; tenant_id: string; dataset_key: string; version: number | string; labels: string; items: string }>('SELECT * FROM ai_dataset WHERE id = ?', [id]);
    if (!r || (!auth.platformAdmin && !auth.memberships.some((m) => m.tenantId === r.tenant_id))) throw new SafeFlowError('ai_dataset.not_found', `Dataset ${id} not found`, { status: 404 });
    return { id: r.id, key: r.dataset_key, version: Number(r.version), labels: JSON.parse(r.labels), items: JSON.parse(r.items) };
  }
}
