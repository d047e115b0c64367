/**
 * The ai-detect host ports over the runtime's worker API (`/api/v1/worker/…`), for the task
 * types run out of process by `safeflow worker --plugin @safeflow/plugin-ai-detect/remote`:
 * the worker keeps only its detector pool and a cache of model files (by sha256, checked after
 * every download); the org of a task, the model version, photos, snapshots and frames, alarms
 * and samples are the runtime's, reached with the worker's credentials (engine.operate).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SafeFlowError, imageMimeOf, type RuntimeApi } from '@safeflow/plugin-kit';
import type { AiDetectPorts, AlarmPort, FileRef, ModelVersion, SamplePort, TaskOrg } from '../AiDetectPorts';
import type { DetectorPool } from '../inference/DetectorPool';

/** Options of {@link remoteAiDetectPorts}. */
export interface RemotePortsOptions {
  /** Where downloaded models are kept (default `$AI_MODEL_CACHE`, else `<tmp>/safeflow-models`). */
  modelCacheDir?: string;
}

const q = (v: Record<string, string | number | null | undefined>) =>
  new URLSearchParams(Object.entries(v).filter((e): e is [string, string | number] => e[1] !== null && e[1] !== undefined).map(([k, x]) => [k, String(x)])).toString();

/** The alarm port over the API: raising through `POST /worker/ai/alarms`, the review through `POST /ai/alarms/:id/result`. */
export function remoteAlarmPort(api: RuntimeApi): AlarmPort {
  return {
    raise: ({ org, ...rest }) => api.request('POST', '/worker/ai/alarms', { ...rest, orgId: org.orgId, detections: rest.detections.map(plainDetection) }),
    review: (alarmId, confirmed, reviewer) => api.request<{ status: string }>('POST', `/ai/alarms/${encodeURIComponent(alarmId)}/result`, { confirmed, reviewer }),
  };
}

/** The sample port over the API. */
export function remoteSamplePort(api: RuntimeApi): SamplePort {
  return {
    add: async ({ org, ...rest }) => (await api.request<{ id: string }>('POST', '/worker/ai/samples', { ...rest, orgId: org.orgId, predictions: rest.predictions.map(plainDetection) })).id,
    recent: async (tenantId, cameraId, since) => (await api.request<{ items: { at: number; hash: string; reason: string }[] }>('GET', `/worker/ai/samples/recent?${q({ tenantId, cameraId, since })}`)).items,
  };
}

/** A detection as the API takes it (no drawing hints such as colour or highlight). */
function plainDetection(d: { classId: number; confidence: number; box: { x1: number; y1: number; x2: number; y2: number }; label?: string }) {
  return { classId: d.classId, confidence: d.confidence, box: { x1: d.box.x1, y1: d.box.y1, x2: d.box.x2, y2: d.box.y2 }, ...(d.label !== undefined ? { label: d.label } : {}) };
}

/** Model files by sha256 in a local directory: downloaded once, checked, renamed into place. */
export class ModelCache {
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly api: RuntimeApi,
    readonly dir: string,
  ) {}

  /** The local path of `model`'s file, downloading it when it is not here yet. */
  pathOf(model: { id: string; sha256: string }): Promise<string> {
    if (!/^[0-9a-f]{64}$/.test(model.sha256)) throw new SafeFlowError('model.checksum_mismatch', `Model ${model.id} has no usable sha256`, { status: 502 });
    const file = path.join(this.dir, `${model.sha256}.onnx`);
    if (fs.existsSync(file)) return Promise.resolve(file);
    const have = this.inFlight.get(model.sha256);
    if (have) return have;
    const p = this.download(model, file).finally(() => this.inFlight.delete(model.sha256));
    this.inFlight.set(model.sha256, p);
    return p;
  }

  private async download(model: { id: string; sha256: string }, file: string): Promise<string> {
    const { bytes } = await this.api.download(`/worker/ai/models/${encodeURIComponent(model.id)}/content`);
    const got = crypto.createHash('sha256').update(bytes).digest('hex');
    if (got !== model.sha256) throw new SafeFlowError('model.checksum_mismatch', `Model ${model.id} arrived with sha256 ${got}, expected ${model.sha256}`, { status: 502 });
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o750 });
    const tmp = `${file}.${process.pid}.${crypto.randomUUID()}.part`;
    fs.writeFileSync(tmp, bytes, { mode: 0o640 });
    fs.renameSync(tmp, file);
    return file;
  }
}

/** The ports of the `ai-detect` and `ai-alarm-review` task types over the runtime API, with a local detector pool. */
export function remoteAiDetectPorts(api: RuntimeApi, pool: DetectorPool, opts: RemotePortsOptions = {}): AiDetectPorts {
  const cache = new ModelCache(api, opts.modelCacheDir ?? process.env.AI_MODEL_CACHE ?? path.join(os.tmpdir(), 'safeflow-models'));
  return {
    pool,
    async orgOf(task) {
      if (!task.processInstanceId) throw new SafeFlowError('detect.no_org', 'The task names no process instance', { status: 400 });
      return api.request<TaskOrg>('GET', `/worker/process-instances/${encodeURIComponent(task.processInstanceId)}/org`);
    },
    async model(org, key, cameraId): Promise<ModelVersion> {
      const v = await api.request<Omit<ModelVersion, 'path'>>('GET', `/worker/ai/models/resolve?${q({ orgId: org.orgId, key, cameraId })}`);
      return { ...v, path: await cache.pathOf(v) };
    },
    files: {
      read: async (_org, fileId) => (await api.download(`/worker/files/${encodeURIComponent(fileId)}/content`)).bytes,
      save: (org, name, bytes) => {
        return api.upload<FileRef>(`/worker/files?${q({ orgId: org.orgId, name })}`, bytes, imageMimeOf(bytes) ?? 'application/octet-stream');
      },
    },
    alarms: remoteAlarmPort(api),
    samples: remoteSamplePort(api),
  };
}
