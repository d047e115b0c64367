import { z } from 'zod';
import type { ExportJobRow } from './ExportJobStore';

/** An export job as the API shows it. */
export const exportJobDto = z.object({
  id: z.string(),
  kind: z.string(),
  params: z.record(z.string(), z.unknown()),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  /** What the job is doing (`read:safety_hazard`, `render`, `rows`, ...). */
  phase: z.string().nullable(),
  done: z.number().int(),
  total: z.number().int(),
  /** done / total in 0..1 (1 once done). */
  progress: z.number(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  fileName: z.string().nullable(),
  orgId: z.string(),
  attempts: z.number().int(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ExportJobDto = z.infer<typeof exportJobDto>;

export function toExportJobDto(r: ExportJobRow): ExportJobDto {
  const done = Number(r.done);
  const total = Number(r.total);
  return {
    id: r.id,
    kind: r.kind,
    params: JSON.parse(r.params) as Record<string, unknown>,
    status: r.status,
    phase: r.phase,
    done,
    total,
    progress: r.status === 'done' ? 1 : total > 0 ? Math.min(1, done / total) : 0,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    fileName: r.file_name,
    orgId: r.org_id,
    attempts: Number(r.attempts),
    createdAt: new Date(Number(r.created_at)).toISOString(),
    finishedAt: r.finished_at === null ? null : new Date(Number(r.finished_at)).toISOString(),
  };
}
