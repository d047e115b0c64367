import type { ApiClient } from '@/api/client';

/** A box in image pixels (top-left x1,y1 → bottom-right x2,y2). */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** An AI alarm (`GET /api/v1/ai/alarms`). */
export interface AiAlarm {
  id: string;
  orgId: string;
  cameraId: string | null;
  modelId: string;
  ruleKey: string;
  label: string;
  box: Box;
  confidence: number;
  snapshotFileId: string | null;
  status: 'open' | 'confirmed' | 'false';
  occurrences: number;
  firstAt: number;
  lastAt: number;
  processInstanceId: string | null;
  reviewedBy: string | null;
  reviewedAt: number | null;
  revision: number;
  /** The camera's name and zone (null for photos). */
  camera: { name: string; zone: { name: string; risk: string } | null } | null;
  /** A built-in scene rule's name (null for custom rules: show `ruleKey`). */
  ruleName: { 'zh-CN': string; en: string } | null;
}

/** A flywheel sample (`GET /api/v1/ai/samples`). */
export interface AiSample {
  id: string;
  orgId: string;
  cameraId: string | null;
  fileId: string;
  width: number;
  height: number;
  reason: string;
  modelId: string | null;
  alarmId: string | null;
  negative: boolean;
  predictions: { label: string; classId: number; score: number; box: Box }[];
  annotations: { label: string; box: Box }[] | null;
  createdAt: number;
  updatedAt: number;
  revision: number;
}

/** A label (`GET /api/v1/ai/labels`). */
export interface AiLabel {
  id: string;
  /** null: a platform label (read-only; a tenant overrides it with its own label of the same English name). */
  tenantId: string | null;
  nameZh: string;
  nameEn: string;
  colour: string;
  createdAt: number;
  revision: number;
}

/** A dataset version (`GET /api/v1/ai/datasets`). */
export interface AiDataset {
  id: string;
  tenantId: string;
  orgId: string;
  key: string;
  version: number;
  labels: string[];
  items: number;
  train: number;
  val: number;
  boxes: number;
  createdAt: number;
}

/** Per-class evaluation row. */
export interface ClassEval {
  classId: number;
  ap50: number;
  ap50_95: number;
  groundTruth: number;
}

/** A model's evaluation (`POST /api/v1/ai/models/:id/evaluate`). */
export interface ModelEvaluation {
  map50: number;
  map50_95: number;
  perClass: ClassEval[];
  current: { map50: number; map50_95: number; perClass: ClassEval[] } | null;
  comparison: { map50Delta: number; map50_95Delta: number } | null;
  datasetId?: string;
}

/** A model version (`GET /api/v1/ai/models`). */
export interface AiModel {
  id: string;
  orgId: string;
  /** The org whose lineage of the key it is. */
  orgName: string;
  /** Handed down from an org above the caller's: it serves the caller's tasks, read-only here. */
  inherited: boolean;
  key: string;
  version: number;
  name: string;
  layout: string;
  labels: string[];
  status: 'candidate' | 'pilot' | 'active' | 'retired';
  cameras: string[] | null;
  licence: string | null;
  source: string | null;
  evaluation: ModelEvaluation | null;
  createdAt: number;
  revision: number;
}

/** A camera (for the pilot choice). */
export interface CameraRef {
  id: string;
  name: string;
}

/** The form fields of a model import (labels in the model's class order, comma-separated English names). */
export interface ModelImportFields {
  orgId: string;
  key: string;
  labels: string;
  name?: string;
  source?: string;
  licence?: string;
  confidence?: number;
  iou?: number;
}

const e = encodeURIComponent;

/** Typed calls of `/api/v1/ai/*`. */
export const aiApi = {
  alarms: (api: ApiClient, status?: AiAlarm['status']) => api.get<{ items: AiAlarm[] }>('/ai/alarms', { status, limit: 100 }),
  reviewAlarm: (api: ApiClient, a: AiAlarm, confirmed: boolean, idempotencyKey: string, dispatch = false) =>
    api.post<AiAlarm>(`/ai/alarms/${e(a.id)}/review`, { confirmed, dispatch, revision: a.revision }, { idempotencyKey }),
  samples: (api: ApiClient, datasetId?: string) => api.get<{ items: AiSample[] }>('/ai/samples', { datasetId }),
  saveAnnotations: (api: ApiClient, s: AiSample, annotations: { label: string; box: Box }[]) =>
    api.request<AiSample>('PUT', `/ai/samples/${e(s.id)}/annotations`, { body: { annotations, revision: s.revision } }),
  /** Labels, and the tenants whose label library the caller manages (at their root org). */
  labels: (api: ApiClient) => api.get<{ items: AiLabel[]; manages: string[] }>('/ai/labels'),
  createLabel: (api: ApiClient, body: { tenantId: string; nameZh: string; nameEn: string; colour: string }, idempotencyKey: string) => api.post<AiLabel>('/ai/labels', body, { idempotencyKey }),
  updateLabel: (api: ApiClient, l: AiLabel, nameZh: string, colour: string) => api.request<AiLabel>('PUT', `/ai/labels/${e(l.id)}`, { body: { nameZh, colour, revision: l.revision } }),
  removeLabel: (api: ApiClient, l: AiLabel) => api.request<void>('DELETE', `/ai/labels/${e(l.id)}`, { query: { revision: l.revision } }),
  datasets: (api: ApiClient) => api.get<{ items: AiDataset[] }>('/ai/datasets'),
  createDataset: (api: ApiClient, orgId: string, key: string, labels: string[]) => api.post<{ id: string; version: number; items: number }>('/ai/datasets', { orgId, key, labels }),
  exportDataset: (api: ApiClient, id: string, format: 'yolo' | 'coco' | 'labelstudio') => api.download(`/ai/datasets/${e(id)}/export`, { format }),
  archiveDataset: (api: ApiClient, id: string, format: 'yolo' | 'coco' | 'labelstudio') => api.download(`/ai/datasets/${e(id)}/archive`, { format }),
  /** `POST /ai/models` (multipart) with upload progress; the registry validates the ONNX file and answers the new version. */
  importModel: (api: ApiClient, fields: ModelImportFields, file: Blob, fileName: string, onProgress?: (loaded: number, total: number) => void, idempotencyKey?: string) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== '') form.append(k, String(v));
    form.append('file', file, fileName);
    return api.upload<AiModel>('/ai/models', form, { onProgress, idempotencyKey });
  },
  models: (api: ApiClient) => api.get<{ items: AiModel[] }>('/ai/models'),
  evaluate: (api: ApiClient, id: string, datasetId: string) => api.post<ModelEvaluation>(`/ai/models/${e(id)}/evaluate`, { datasetId }),
  promote: (api: ApiClient, m: AiModel, cameras?: string[]) => api.post<AiModel>(`/ai/models/${e(m.id)}/promote`, { revision: m.revision, ...(cameras ? { cameras } : {}) }),
  cameras: (api: ApiClient) => api.get<{ items: CameraRef[] }>('/cameras', { pageSize: 200 }),
};
