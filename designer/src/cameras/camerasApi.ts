import type { ApiClient } from '@/api/client';

/** The four risk colours of a zone (GB/T 四色: 重大 / 较大 / 一般 / 低风险), worst first. */
export const RISK_COLOURS = ['red', 'orange', 'yellow', 'blue'] as const;
/** One risk colour key. */
export type RiskColour = (typeof RISK_COLOURS)[number];

/** Where a camera's picture comes from (an RTSP URL, its password shown as `***`, or a video file on the server). */
export type CameraSource = { kind: 'rtsp'; url: string } | { kind: 'file'; path: string };

/** The body of a create (`POST`) or, with `revision` and without `orgId`, an update (`PUT`). */
export interface CameraBody {
  name: string;
  source: CameraSource;
  location: { x: number; y: number } | null;
  zone: { name: string; risk: RiskColour } | null;
  diagnostics: { thresholds: Record<string, number>; baseline: Record<string, number> | null };
  enabled: boolean;
}

/** A camera as `GET /api/v1/cameras` returns it. */
export interface CameraDto extends CameraBody {
  id: string;
  orgId: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

/** A camera's health status of a day. */
export type HealthStatus = 'ok' | 'fault' | 'offline' | 'unchecked';

/** One row of the daily health report. */
export interface HealthItem {
  cameraId: string;
  name: string;
  orgId: string;
  zone: { name: string; risk: string } | null;
  checks: number;
  status: HealthStatus;
  faults: string[];
  lastCheckAt: string | null;
  lastMetrics: Record<string, number> | null;
}

/** `GET /api/v1/cameras/health-report`. */
export interface HealthReport {
  date: string;
  summary: { cameras: number; checked: number; ok: number; fault: number; offline: number; unchecked: number };
  items: HealthItem[];
}

const e = encodeURIComponent;

/** Typed calls of `/api/v1/cameras`. */
export const camerasApi = {
  list: (api: ApiClient, q: { orgId?: string; risk?: RiskColour; page?: number; pageSize?: number } = {}) =>
    api.get<{ items: CameraDto[]; total: number; page: number; pageSize: number }>('/cameras', { orgId: q.orgId, risk: q.risk, page: q.page, pageSize: q.pageSize }),
  create: (api: ApiClient, body: CameraBody & { orgId: string }, idempotencyKey: string) => api.post<CameraDto>('/cameras', body, { idempotencyKey }),
  update: (api: ApiClient, id: string, body: CameraBody & { revision: number }) => api.request<CameraDto>('PUT', `/cameras/${e(id)}`, { body }),
  remove: (api: ApiClient, c: Pick<CameraDto, 'id' | 'revision'>) => api.request<void>('DELETE', `/cameras/${e(c.id)}`, { query: { revision: c.revision } }),
  /** A live JPEG frame (502 `frame.unreachable`, 504 `frame.timeout`). */
  snapshot: (api: ApiClient, id: string) => api.download(`/cameras/${e(id)}/snapshot`),
  /** The report of a local day (default: China Standard Time); 403 `module.not_entitled` without video diagnostics. */
  healthReport: (api: ApiClient, date: string, tzOffsetMinutes = 480) => api.get<HealthReport>('/cameras/health-report', { date, tzOffsetMinutes }),
};
