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
import { DataScope, escapeLike } from '../tenancy/DataScope';
import { assertRevision } from '../db/Database';
import { actorOf, unitOfWork } from '../db/unitOfWork';
import { z } from 'zod';

type Box = DatasetItem['annotations'][number]['box'];

const boxDto = z.object({ x1: z.number(), y1: z.number(), x2: z.number(), y2: z.number() });
/** A flywheel sample as the API returns it. */
export const sampleDto = z.object({
  id: z.string(),
  orgId: z.string(),
  cameraId: z.string().nullable(),
  fileId: z.string(),
  width: z.number(),
  height: z.number(),
  hash: z.string(),
  reason: z.string(),
  modelId: z.string().nullable(),
  alarmId: z.string().nullable(),
  negative: z.boolean(),
  predictions: z.array(z.object({ label: z.string(), classId: z.number(), score: z.number(), box: boxDto })),
  annotations: z.array(z.object({ label: z.string(), box: boxDto })).nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  revision: z.number(),
});
export type SampleDto = z.infer<typeof sampleDto>;

/** A dataset version as listed (counts, not items). */
export const datasetVersionDto = z.object({
  id: z.string(), tenantId: z.string(), orgId: z.string(), key: z.string(), version: z.number(), labels: z.array(z.string()),
  items: z.number(), train: z.number(), val: z.number(), boxes: z.number(), createdAt: z.number(),
});
export type DatasetVersionDto = z.infer<typeof datasetVersionDto>;

interface DatasetRow {
  id: string;
  tenant_id: string;
  org_id: string | null;
  org_path: string | null;
  dataset_key: string;
  version: number | string;
  labels: string;
  items: string;
  created_at: number | string;
}

interface SampleRow {
  id: string;
  tenant_id: string;
  org_id: string;
  model_id: string | null;
  alarm_id: string | null;
  updated_at: number | string;
  revision: number | string;
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

const toSampleDto = (r: SampleRow): SampleDto => ({
  id: r.id,
  orgId: r.org_id,
  cameraId: r.camera_id,
  fileId: r.file_id,
  width: Number(r.width),
  height: Number(r.height),
  hash: r.hash,
  reason: r.reason,
  modelId: r.model_id,
  alarmId: r.alarm_id,
  negative: Number(r.negative) === 1,
  predictions: JSON.parse(r.predictions) as SampleDto['predictions'],
  annotations: r.annotations ? (JSON.parse(r.annotations) as { label: string; box: Box }[]) : null,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  revision: Number(r.revision),
});

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

  /** Samples in the caller's scope (newest first); `datasetId`: only the samples frozen into that dataset version. */
  async list(auth: AuthContext, opts: { limit?: number; datasetId?: string; underPath?: string; permission?: string } = {}): Promise<SampleDto[]> {
    const scope = DataScope.of(auth, opts.permission ?? 'record.read').sql('org_path');
    const limit = Math.min(1000, opts.limit ?? 200);
    const under = opts.underPath ? ` AND org_path LIKE ? ESCAPE '!'` : '';
    const params = opts.underPath ? [...scope.params, `${escapeLike(opts.underPath)}%`] : scope.params;
    const rows = await this.deps.db.query<SampleRow>(`SELECT * FROM ai_sample WHERE ${scope.sql}${under} ORDER BY created_at DESC LIMIT ${limit}`, params);
    const all = rows.map(toSampleDto);
    if (!opts.datasetId) return all;
    const files = new Set((await this.getVersion(auth, opts.datasetId)).items.map((i) => i.fileName.replace(/\.jpg$/, '')));
    return all.filter((s) => files.has(s.fileId));
  }

  /**
   * People confirm or fix a sample's boxes (labels by English name; none = a negative), checked
   * against the sample's revision (409 `concurrency.conflict`) and audited in the same transaction.
   */
  async annotate(auth: AuthContext, id: string, annotations: { label: string; box: Box }[], revision: number): Promise<SampleDto> {
    const [r] = await this.deps.db.query<SampleRow>('SELECT * FROM ai_sample WHERE id = ?', [id]);
    DataScope.of(auth, 'record.write').assertVisible(r?.org_path, 'ai_sample', id);
    const row = r!;
    for (const a of annotations) {
      if (a.box.x2 <= a.box.x1 || a.box.y2 <= a.box.y1 || a.box.x1 < 0 || a.box.y1 < 0 || a.box.x2 > Number(row.width) || a.box.y2 > Number(row.height)) {
        throw new SafeFlowError('ai_sample.bad_box', `A box must lie inside the ${row.width}×${row.height} image with x1 < x2 and y1 < y2`, { status: 400, details: { box: a.box } });
      }
    }
    const known = new Set((await this.deps.db.query<{ name_en: string }>(`SELECT name_en FROM ai_label WHERE tenant_id IN ('', ?)`, [row.tenant_id])).map((l) => l.name_en));
    const unknown = annotations.map((a) => a.label).filter((l) => !known.has(l));
    if (unknown.length) throw new SafeFlowError('ai_sample.unknown_label', `Unknown label(s): ${[...new Set(unknown)].join(', ')}`, { status: 400, details: { labels: [...new Set(unknown)] } });
    return unitOfWork(this.deps, actorOf(auth), async (uow) => {
      const at = uow.now.getTime();
      assertRevision(
        await uow.tx.execute('UPDATE ai_sample SET annotations = ?, negative = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?', [JSON.stringify(annotations), annotations.length ? 0 : 1, at, id, revision]),
        'The sample',
      );
      await uow.audit({ orgId: row.org_id, orgPath: row.org_path, action: 'ai.sample.annotate', targetType: 'ai_sample', targetId: id, change: { annotations, negative: annotations.length === 0 } });
      return toSampleDto({ ...row, annotations: JSON.stringify(annotations), negative: annotations.length ? 0 : 1, updated_at: at, revision: Number(row.revision) + 1 });
    });
  }

  /** The dataset versions in the caller's scope (their org's subtree), newest first (without their items). */
  async listVersions(auth: AuthContext, key?: string): Promise<DatasetVersionDto[]> {
    const scope = DataScope.of(auth, 'record.read').sql('org_path');
    const where = [scope.sql];
    const params: unknown[] = [...scope.params];
    if (key) {
      where.push('dataset_key = ?');
      params.push(key);
    }
    const rows = await this.deps.db.query<DatasetRow>(`SELECT * FROM ai_dataset WHERE ${where.join(' AND ')} ORDER BY created_at DESC, version DESC LIMIT 500`, params);
    return rows.map((r) => {
      const items = JSON.parse(r.items) as DatasetItem[];
      return {
        id: r.id, tenantId: r.tenant_id, orgId: r.org_id ?? r.tenant_id, key: r.dataset_key, version: Number(r.version), labels: JSON.parse(r.labels) as string[],
        items: items.length, train: items.filter((i) => i.split === 'train').length, val: items.filter((i) => i.split === 'val').length,
        boxes: items.reduce((n, i) => n + i.annotations.length, 0), createdAt: Number(r.created_at),
      };
    });
  }

  /**
   * Freezes the annotated samples of org `orgId`'s subtree (the caller needs `record.write` there)
   * into a new version of dataset `key` of that org: items with confirmed boxes (negatives as
   * empty images), the 2nd of every 5 in `val` (held out); unannotated samples are left out of
   * training until confirmed. @throws org.not_found (404, also outside the caller's scope).
   */
  async createVersion(auth: AuthContext, orgId: string, key: string, labels: string[]): Promise<{ id: string; version: number; items: DatasetItem[] }> {
    const [org] = await this.deps.db.query<{ id: string; path: string; tenant_id: string | null }>('SELECT id, path, tenant_id FROM org WHERE id = ?', [orgId]);
    DataScope.of(auth, 'record.write').assertVisible(org?.path, 'org', orgId);
    const tenantId = org!.tenant_id || org!.id;
    const samples = (await this.list(auth, { limit: 1000, underPath: org!.path, permission: 'record.write' })).filter((s) => s.annotations !== null || s.negative);
    const items: DatasetItem[] = samples.map((s, i) => ({
      fileName: `${s.fileId}.jpg`,
      width: s.width,
      height: s.height,
      split: i % 5 === 1 ? 'val' : 'train',
      annotations: (s.annotations ?? []).filter((a) => labels.includes(a.label)).map((a) => ({ classId: labels.indexOf(a.label), box: a.box })),
      predictions: s.predictions.filter((p) => labels.includes(p.label)).map((p) => ({ classId: labels.indexOf(p.label), box: p.box, score: p.score })),
    }));
    const id = crypto.randomUUID();
    return unitOfWork(this.deps, actorOf(auth), async (uow) => {
      const now = uow.now.getTime();
      const [max] = await uow.tx.query<{ v: number | string | null }>('SELECT MAX(version) AS v FROM ai_dataset WHERE org_id = ? AND dataset_key = ?', [org!.id, key]);
      const version = Number(max?.v ?? 0) + 1;
      await uow.tx.execute(
        'INSERT INTO ai_dataset (id, tenant_id, org_id, org_path, dataset_key, version, labels, items, created_by, created_at, updated_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)',
        [id, tenantId, org!.id, org!.path, key, version, JSON.stringify(labels), JSON.stringify(items), auth.userId, now, now],
      );
      await uow.audit({ orgId: org!.id, orgPath: org!.path, action: 'ai.dataset.create', targetType: 'ai_dataset', targetId: id, change: { key, version, labels, items: items.length } });
      return { id, version, items };
    });
  }

  /** A dataset version in the caller's scope (404 `ai_dataset.not_found` otherwise). */
  async getVersion(auth: AuthContext, id: string): Promise<{ id: string; key: string; version: number; labels: string[]; items: DatasetItem[] }> {
    const [r] = await this.deps.db.query<DatasetRow>('SELECT * FROM ai_dataset WHERE id = ?', [id]);
    DataScope.of(auth, 'record.read').assertVisible(r?.org_path ?? (r ? `/${r.tenant_id}/` : null), 'ai_dataset', id);
    if (!r) throw new SafeFlowError('ai_dataset.not_found', `Dataset ${id} not found`, { status: 404 });
    return { id: r.id, key: r.dataset_key, version: Number(r.version), labels: JSON.parse(r.labels), items: JSON.parse(r.items) };
  }
}
