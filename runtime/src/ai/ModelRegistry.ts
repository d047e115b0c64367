/**
 * The detector model registry (plugins/ai-detect's `ModelVersion`s): import with
 * validation (ONNX inspection, class count against labels, a real onnxruntime load in
 * the worker pool), versions per model key and importing org (each org its own lineage:
 * numbering, active version, promotion), provenance and licence, per-model thresholds,
 * promotion (to all cameras, or first to some as a pilot). A task uses its own org's
 * version of a key, else the nearest org's above it (a bureau's model serves the enterprises
 * below it until one imports its own). Model files live under `$DATA_DIR/models/<id>.onnx`
 * (server-made names).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SafeFlowError } from '@safeflow/engine/errors';
import { inspectOnnxModel, type DetectorPool, type ModelVersion } from '@safeflow/plugin-ai-detect';
import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { assertRevision } from '../db/Database';
import { actorOf, unitOfWork } from '../db/unitOfWork';
import type { AuthContext } from '../http/AuthContext';
import { DataScope } from '../tenancy/DataScope';
import { LabelStore } from './LabelStore';

/** Per-model thresholds. */
export const thresholdsSchema = z.strictObject({
  confidence: z.number().min(0.01).max(1).default(0.25),
  iou: z.number().min(0.05).max(1).default(0.7),
  perClass: z.record(z.string(), z.number().min(0.01).max(1)).optional(),
});

/** A model version as the API returns it. */
export const modelDto = z.object({
  id: z.string(),
  key: z.string(),
  version: z.number(),
  name: z.string(),
  orgId: z.string(),
  /** The name of the org whose lineage it is. */
  orgName: z.string(),
  layout: z.string(),
  inputSize: z.number(),
  classCount: z.number(),
  labels: z.array(z.string()),
  thresholds: thresholdsSchema,
  sha256: z.string(),
  size: z.number(),
  source: z.string().nullable(),
  licence: z.string().nullable(),
  provenance: z.record(z.string(), z.unknown()).nullable(),
  status: z.enum(['active', 'candidate', 'pilot', 'retired']),
  cameras: z.array(z.string()).nullable(),
  evaluation: z.record(z.string(), z.unknown()).nullable(),
  createdBy: z.string(),
  createdAt: z.number(),
  revision: z.number(),
  /** Handed down from an org above the caller's (its active or pilot version serves the caller's tasks): read-only to them. */
  inherited: z.boolean(),
});
export type ModelDto = z.infer<typeof modelDto>;

/** Input of {@link ModelRegistry.importModel}. */
export interface ImportModel {
  orgId: string;
  key: string;
  labels: string[];
  name?: string;
  source?: string;
  licence?: string;
  provenance?: Record<string, unknown>;
  thresholds?: Partial<z.infer<typeof thresholdsSchema>>;
  bytes: Uint8Array;
}

interface ModelRow {
  id: string;
  /** Joined from `org` where read for the API. */
  org_name?: string | null;
  tenant_id: string;
  org_id: string;
  org_path: string;
  model_key: string;
  version: number | string;
  name: string;
  layout: string;
  input_size: number | string;
  class_count: number | string;
  labels: string;
  thresholds: string;
  sha256: string;
  size: number | string;
  storage_key: string;
  source: string | null;
  licence: string | null;
  provenance: string | null;
  status: ModelDto['status'];
  cameras: string | null;
  evaluation: string | null;
  created_by: string;
  created_at: number | string;
  revision: number | string;
}

const parse = (s: string | null) => (s ? JSON.parse(s) : null);

function toDto(r: ModelRow, inherited = false): ModelDto {
  return {
    id: r.id,
    key: r.model_key,
    version: Number(r.version),
    name: r.name,
    orgId: r.org_id,
    orgName: r.org_name ?? '',
    layout: r.layout,
    inputSize: Number(r.input_size),
    classCount: Number(r.class_count),
    labels: JSON.parse(r.labels),
    thresholds: JSON.parse(r.thresholds),
    sha256: r.sha256,
    size: Number(r.size),
    source: r.source,
    licence: r.licence,
    provenance: parse(r.provenance),
    status: r.status,
    cameras: parse(r.cameras),
    evaluation: parse(r.evaluation),
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    revision: Number(r.revision),
    inherited,
  };
}

/** Model rows with the name of their org, as the API shows them. */
const WITH_ORG_NAME = 'SELECT m.*, o.name AS org_name FROM ai_model m LEFT JOIN org o ON o.id = m.org_id';

/** Versions an org hands down to the orgs below it. */
const SERVING = ['active', 'pilot'];

/** The registry over the runtime's database and `$DATA_DIR/models`. */
export class ModelRegistry {
  readonly dir: string;

  constructor(
    private readonly deps: Pick<AppDeps, 'config' | 'db' | 'clock'>,
    private readonly pool: DetectorPool,
  ) {
    this.dir = path.join(deps.config.dataDir, 'models');
  }

  /** Absolute path of a model's file. */
  pathOf(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`not a model id: ${id}`);
    return path.join(this.dir, `${id}.onnx`);
  }

  /**
   * Validates and stores a new version of `key` for the org `orgId`. The org's first version
   * of a key is active at once; later ones are candidates until promoted.
   * @throws SafeFlowError model.corrupt | model.input_shape | model.output_shape | model.label_mismatch | model.external_data | model.unloadable (400)
   */
  async importModel(auth: AuthContext, input: ImportModel): Promise<ModelDto> {
    if (!/^[a-z0-9][a-z0-9._-]{0,99}$/.test(input.key)) throw new SafeFlowError('model.invalid_key', 'A model key is lower case letters, digits, . _ - (≤ 100)', { status: 400 });
    const [org] = await this.deps.db.query<{ path: string; tenant_id: string }>('SELECT path, tenant_id FROM org WHERE id = ?', [input.orgId]);
    DataScope.of(auth, 'definition.write').assertVisible(org?.path, 'org', input.orgId);
    let inspection;
    try {
      inspection = inspectOnnxModel(input.bytes, input.labels);
    } catch (err) {
      const e = err as { code?: string; message: string; details?: Record<string, unknown> };
      throw new SafeFlowError(e.code ?? 'model.invalid', e.message, { status: 400, details: e.details });
    }
    const thresholds = thresholdsSchema.parse(input.thresholds ?? {});
    const id = crypto.randomUUID();
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o750 });
    const file = this.pathOf(id);
    fs.writeFileSync(file, input.bytes, { mode: 0o640 });
    try {
      // a real load in a worker: onnxruntime must accept the graph, not just the protobuf
      const probeKey = `import-${id}`;
      this.pool.register(probeKey, file);
      try {
        await this.pool.load(probeKey);
      } catch (err) {
        const e = err as { code?: string; message: string; details?: Record<string, unknown> };
        throw new SafeFlowError(e.code ?? 'model.unloadable', e.message, { status: 400, details: e.details });
      }
      const sha256 = crypto.createHash('sha256').update(input.bytes).digest('hex');
      await unitOfWork(this.deps, actorOf(auth), async (uow) => {
        const now = uow.now.getTime();
        const [max] = await uow.tx.query<{ v: number | string | null }>('SELECT MAX(version) AS v FROM ai_model WHERE org_id = ? AND model_key = ?', [input.orgId, input.key]);
        const version = Number(max?.v ?? 0) + 1;
        await uow.tx.execute(
          `INSERT INTO ai_model (id, tenant_id, org_id, org_path, model_key, version, name, layout, input_size, class_count, labels, thresholds, sha256, size, storage_key,
             source, licence, provenance, status, cameras, evaluation, created_by, created_at, updated_at, revision)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, 1)`,
          [
            id, org!.tenant_id, input.orgId, org!.path, input.key, version, input.name ?? input.key, inspection.layout, inspection.inputSize, inspection.classCount,
            JSON.stringify(input.labels), JSON.stringify(thresholds), sha256, input.bytes.length, `${id}.onnx`, input.source ?? null, input.licence ?? null,
            JSON.stringify({ ...(input.provenance ?? {}), producer: inspection.producer, opset: inspection.opset, metadataNames: inspection.metadataNames ?? null }),
            version === 1 ? 'active' : 'candidate', auth.userId, now, now,
          ],
        );
        await uow.audit({
          orgId: input.orgId, orgPath: org!.path, action: 'ai.model.import', targetType: 'ai_model', targetId: id,
          change: { key: input.key, version, sha256, labels: input.labels, licence: input.licence ?? null },
        });
      });
    } catch (err) {
      fs.rmSync(file, { force: true });
      throw err;
    }
    await new LabelStore(this.deps).ensure(auth, org!.tenant_id, input.labels);
    return this.get(auth, id);
  }

  private async row(id: string): Promise<ModelRow | undefined> {
    const [r] = await this.deps.db.query<ModelRow>(`${WITH_ORG_NAME} WHERE m.id = ?`, [id]);
    return r;
  }

  /**
   * One model version in the caller's scope (404 otherwise); to read (`definition.read`), also
   * an active or pilot version handed down from an org above the caller's ({@link ModelDto.inherited}).
   */
  async get(auth: AuthContext, id: string, permission = 'definition.read'): Promise<ModelDto> {
    const r = await this.row(id);
    const scope = DataScope.of(auth, permission);
    const inherited = !!r && permission === 'definition.read' && SERVING.includes(r.status) && scope.orgsAbove().includes(r.org_path); // orgsAbove holds no path the scope contains
    if (!inherited) scope.assertVisible(r?.org_path, 'ai_model', id);
    return toDto(r!, inherited);
  }

  /** Model versions visible to the caller, newest first: its scope's, and the active or pilot ones handed down from the orgs above. */
  async list(auth: AuthContext, key?: string): Promise<ModelDto[]> {
    const scope = DataScope.of(auth, 'definition.read');
    const own = scope.sql('m.org_path');
    const above = scope.orgsAbove();
    const handedDown = above.length ? ` OR (m.org_path IN (${above.map(() => '?').join(', ')}) AND m.status IN (${SERVING.map(() => '?').join(', ')}))` : '';
    const rows = await this.deps.db.query<ModelRow>(
      `${WITH_ORG_NAME} WHERE (${own.sql}${handedDown})${key ? ' AND m.model_key = ?' : ''} ORDER BY m.model_key, m.org_path, m.version DESC`,
      [...own.params, ...(above.length ? [...above, ...SERVING] : []), ...(key ? [key] : [])],
    );
    return rows.map((r) => toDto(r, !scope.contains(r.org_path)));
  }

  /** Replaces a version's thresholds (optimistic locking). */
  async setThresholds(auth: AuthContext, id: string, thresholds: z.infer<typeof thresholdsSchema>, revision: number): Promise<ModelDto> {
    const m = await this.get(auth, id, 'definition.write');
    const orgPath = (await this.row(id))!.org_path; // read before the transaction: SQLite serialises statements behind an open one
    await unitOfWork(this.deps, actorOf(auth), async (uow) => {
      assertRevision(await uow.tx.execute('UPDATE ai_model SET thresholds = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?', [JSON.stringify(thresholds), uow.now.getTime(), id, revision]), 'The model');
      await uow.audit({ orgId: m.orgId, orgPath, action: 'ai.model.thresholds', targetType: 'ai_model', targetId: id, change: thresholds });
    });
    return this.get(auth, id);
  }

  /**
   * Stores an evaluation result on a version (replacing the last one), audited as
   * `ai.model.evaluate` with the dataset and the headline scores.
   * @throws ai_model.not_found (404, also out of the caller's `definition.write` scope)
   */
  async setEvaluation(auth: AuthContext, id: string, evaluation: Record<string, unknown>): Promise<void> {
    const m = await this.get(auth, id, 'definition.write');
    const orgPath = (await this.row(id))!.org_path; // read before the transaction: SQLite serialises statements behind an open one
    await unitOfWork(this.deps, actorOf(auth), async (uow) => {
      await uow.tx.execute('UPDATE ai_model SET evaluation = ?, updated_at = ?, revision = revision + 1 WHERE id = ?', [JSON.stringify(evaluation), uow.now.getTime(), id]);
      await uow.audit({
        orgId: m.orgId, orgPath, action: 'ai.model.evaluate', targetType: 'ai_model', targetId: id,
        change: { datasetId: evaluation.datasetId ?? null, map50: evaluation.map50 ?? null, map50_95: evaluation.map50_95 ?? null },
      });
    });
  }

  /**
   * Promotes a version within its org's lineage of the key: to every camera (it becomes
   * `active`, the org's previous active or pilot one `retired`), or with `cameras` first to
   * those (status `pilot`; the active one stays for the rest). Other orgs' versions stay as they are.
   */
  async promote(auth: AuthContext, id: string, revision: number, cameras?: string[]): Promise<ModelDto> {
    const m = await this.get(auth, id, 'definition.write');
    const r = (await this.row(id))!;
    await unitOfWork(this.deps, actorOf(auth), async (uow) => {
      const { tx } = uow;
      const now = uow.now.getTime();
      if (cameras?.length) {
        assertRevision(await tx.execute(`UPDATE ai_model SET status = 'pilot', cameras = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?`, [JSON.stringify(cameras), now, id, revision]), 'The model');
      } else {
        await tx.execute(`UPDATE ai_model SET status = 'retired', updated_at = ?, revision = revision + 1 WHERE org_id = ? AND model_key = ? AND id <> ? AND status IN ('active', 'pilot')`, [now, r.org_id, m.key, id]);
        assertRevision(await tx.execute(`UPDATE ai_model SET status = 'active', cameras = NULL, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?`, [now, id, revision]), 'The model');
      }
      await uow.audit({ orgId: m.orgId, orgPath: r.org_path, action: 'ai.model.promote', targetType: 'ai_model', targetId: id, change: { cameras: cameras ?? 'all' } });
    });
    return this.get(auth, id);
  }

  /**
   * The version a task of the org at `org.orgPath` uses: of the orgs from that one up to the
   * tenant root, the nearest that has a usable version of `key` — its pilot version that lists
   * `cameraId`, else its active one. Another branch's models are never used.
   */
  async resolve(org: { tenantId: string; orgPath: string }, key: string, cameraId: string | null): Promise<ModelVersion> {
    const rows = await this.deps.db.query<ModelRow>(`SELECT * FROM ai_model WHERE tenant_id = ? AND model_key = ? AND status IN ('active', 'pilot') ORDER BY version DESC`, [org.tenantId, key]);
    const usable = (r: ModelRow) => (r.status === 'pilot' ? !!cameraId && !!(parse(r.cameras) as string[] | null)?.includes(cameraId) : true);
    const above = rows.filter((r) => org.orgPath.startsWith(r.org_path) && usable(r)).sort((a, b) => b.org_path.length - a.org_path.length);
    const nearest = above.filter((r) => r.org_path === above[0]?.org_path);
    const r = nearest.find((x) => x.status === 'pilot') ?? nearest[0];
    if (!r) throw new SafeFlowError('model.not_found', `No active model '${key}' for this org or any org above it`, { status: 404, details: { key } });
    const dto = toDto(r);
    const colours = await new LabelStore(this.deps).colours(org.tenantId);
    return { id: dto.id, key: dto.key, version: dto.version, labels: dto.labels, colours, thresholds: dto.thresholds, sha256: dto.sha256, path: this.pathOf(dto.id) };
  }
}
