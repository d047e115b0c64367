import type { Database, Tx } from '../db/Database';

/** Statuses of an export job. */
export type ExportStatus = 'queued' | 'running' | 'done' | 'failed';

/** An `export_job` row. */
export interface ExportJobRow {
  id: string;
  tenant_id: string;
  org_id: string;
  org_path: string;
  kind: string;
  params: string;
  locale: string;
  status: ExportStatus;
  phase: string | null;
  done: number;
  total: number;
  attempts: number;
  claimed_by: string | null;
  lease_until: number | string | null;
  file_id: string | null;
  file_name: string | null;
  error_code: string | null;
  error_message: string | null;
  created_by: string;
  finished_at: number | string | null;
  created_at: number | string;
  updated_at: number | string;
  revision: number;
}

const COLS = `id, tenant_id, org_id, org_path, kind, params, locale, status, phase, done, total, attempts, claimed_by, lease_until,
  file_id, file_name, error_code, error_message, created_by, finished_at, created_at, updated_at, revision`;

/** The SQL of export jobs (claims are conditional updates, so that one node runs a job). */
export const ExportJobStore = {
  async insert(tx: Tx, j: { id: string; tenantId: string; orgId: string; orgPath: string; kind: string; params: unknown; locale: string; createdBy: string; now: number }): Promise<void> {
    await tx.execute(
      `INSERT INTO export_job (id, tenant_id, org_id, org_path, kind, params, locale, status, done, total, attempts, created_by, created_at, updated_at, revision)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', 0, 0, 0, ?, ?, ?, 1)`,
      [j.id, j.tenantId, j.orgId, j.orgPath, j.kind, JSON.stringify(j.params), j.locale, j.createdBy, j.now, j.now],
    );
  },

  async get(db: Database | Tx, id: string): Promise<ExportJobRow | undefined> {
    const [row] = await db.query<ExportJobRow>(`SELECT ${COLS} FROM export_job WHERE id = ?`, [id]);
    return row;
  },

  /** The caller's jobs, newest first. */
  async mine(db: Database, userId: string, limit: number): Promise<ExportJobRow[]> {
    return db.query<ExportJobRow>(`SELECT ${COLS} FROM export_job WHERE created_by = ? ORDER BY created_at DESC, id DESC LIMIT ${Math.floor(limit)}`, [userId]);
  },

  /** Jobs a node may claim at `now`: queued ones, and running ones whose node let the lease run out. Oldest first. */
  async claimable(db: Database, now: number, limit = 5): Promise<ExportJobRow[]> {
    return db.query<ExportJobRow>(
      `SELECT ${COLS} FROM export_job WHERE status = 'queued' OR (status = 'running' AND lease_until < ?) ORDER BY created_at, id LIMIT ${Math.floor(limit)}`,
      [now],
    );
  },

  /** Claims `job` for `node` until `leaseUntil` if nobody changed it since it was read; true when this node got it. */
  async claim(db: Database, job: ExportJobRow, node: string, now: number, leaseUntil: number): Promise<boolean> {
    const n = await db.transaction((tx) => tx.execute(
      `UPDATE export_job SET status = 'running', claimed_by = ?, lease_until = ?, attempts = attempts + 1, phase = 'start', updated_at = ?, revision = revision + 1
        WHERE id = ? AND revision = ? AND (status = 'queued' OR (status = 'running' AND lease_until < ?))`,
      [node, leaseUntil, now, job.id, job.revision, now],
    ));
    return n === 1;
  },

  /** Records progress and extends the lease; false when `node` no longer holds the job. */
  async progress(db: Database, id: string, node: string, p: { done: number; total: number; phase: string }, now: number, leaseUntil: number): Promise<boolean> {
    const n = await db.transaction((tx) => tx.execute(
      `UPDATE export_job SET done = ?, total = ?, phase = ?, lease_until = ?, updated_at = ?, revision = revision + 1
        WHERE id = ? AND claimed_by = ? AND status = 'running'`,
      [p.done, p.total, p.phase.slice(0, 32), leaseUntil, now, id, node],
    ));
    return n === 1;
  },

  /** Marks the job done with its file, if `node` still holds it. */
  async finish(tx: Tx, id: string, node: string, f: { fileId: string; fileName: string }, now: number): Promise<boolean> {
    const n = await tx.execute(
      `UPDATE export_job SET status = 'done', phase = 'done', done = total, file_id = ?, file_name = ?, lease_until = NULL, finished_at = ?, updated_at = ?, revision = revision + 1
        WHERE id = ? AND claimed_by = ? AND status = 'running'`,
      [f.fileId, f.fileName.slice(0, 255), now, now, id, node],
    );
    return n === 1;
  },

  /** Marks the job failed with an error code, if `node` still holds it (or, for `node` undefined, whoever does). */
  async fail(tx: Tx, id: string, node: string | undefined, e: { code: string; message: string }, now: number): Promise<boolean> {
    const n = await tx.execute(
      `UPDATE export_job SET status = 'failed', phase = 'failed', error_code = ?, error_message = ?, lease_until = NULL, finished_at = ?, updated_at = ?, revision = revision + 1
        WHERE id = ? AND status = 'running'${node ? ' AND claimed_by = ?' : ''}`,
      [e.code.slice(0, 64), e.message.slice(0, 500), now, now, id, ...(node ? [node] : [])],
    );
    return n === 1;
  },
};
