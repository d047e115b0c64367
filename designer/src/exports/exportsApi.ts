import type { ApiClient } from '@/api/client';

/** Kinds of background exports. */
export type ExportKind = 'enterprise-dossier' | 'hazard-statistics' | 'ledger-xlsx';

/** An export job (`GET /api/v1/exports/:id`). */
export interface ExportJob {
  id: string;
  kind: ExportKind;
  params: Record<string, unknown>;
  status: 'queued' | 'running' | 'done' | 'failed';
  phase: string | null;
  done: number;
  total: number;
  /** 0..1 */
  progress: number;
  errorCode: string | null;
  errorMessage: string | null;
  fileName: string | null;
  orgId: string;
  attempts: number;
  createdAt: string;
  finishedAt: string | null;
}

/** The collection whose records are enterprise archives: their record page offers the dossier (一企一册) of the record's org. */
export const DOSSIER_COLLECTION = 'safety_enterprise';

/** True while a job is still to finish. */
export const isPending = (j: ExportJob) => j.status === 'queued' || j.status === 'running';

/** Calls of `/api/v1/exports`. */
export const exportsApi = {
  start: (api: ApiClient, kind: ExportKind, params: Record<string, unknown>, idempotencyKey: string) =>
    api.post<ExportJob>('/exports', { kind, params }, { idempotencyKey }),
  get: (api: ApiClient, id: string) => api.get<ExportJob>(`/exports/${encodeURIComponent(id)}`),
  mine: (api: ApiClient) => api.get<{ items: ExportJob[] }>('/exports'),
  /** Downloads the job's file and hands it to the browser as a download. */
  async save(api: ApiClient, job: ExportJob): Promise<void> {
    const { blob, filename } = await api.download(`/exports/${encodeURIComponent(job.id)}/file`);
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = filename ?? job.fileName ?? 'export';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};
