import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import { redact, type Camera, type CameraHealthReport, type CameraPictureState, type CameraService, type CameraSource } from '@safeflow/plugin-kit';
import type { AppDeps } from '../app/AppDeps';
import { isUniqueViolation } from '../db/isUniqueViolation';
import { actorOf, unitOfWork, type UnitActor } from '../db/unitOfWork';
import type { AuthContext } from '../http/AuthContext';
import { assertOrgAccess } from '../orgs/orgAccess';
import { DataScope, escapeLike } from '../tenancy/DataScope';
import { assertCameraFile } from './assertCameraFile';
import type { CameraCreateInput, CameraDto, CameraUpdateInput } from './cameraSchemas';

/** A `camera` row. */
interface CameraRow {
  id: string;
  tenant_id: string;
  org_id: string;
  org_path: string;
  name: string;
  source_kind: string;
  source_url: string;
  location_x: number | null;
  location_y: number | null;
  zone_name: string | null;
  zone_risk: string | null;
  diagnostics: string | null;
  enabled: number;
  created_at: number | string;
  updated_at: number | string;
  revision: number;
}

const READ = 'record.read';
const WRITE = 'record.write';
/** Who changes a camera's baseline (the video-diagnostics worker, as the system). */
const BASELINE_ACTOR: UnitActor = { actorId: 'system', actorName: 'video-diagnostics' };

/**
 * The camera registry: scoped CRUD for `/api/v1/cameras` (every change one
 * transaction with its audit entry; revisions detect concurrent edits) and
 * the {@link CameraService} plugins get (tenant-scoped reads, baseline and
 * health writes by workers).
 */
export class CameraStore implements CameraService {
  /** `deps.config` (the runtime's): file sources are checked against its `cameraFileDirs`; a worker's own store (no config) reads what its host has. */
  constructor(private readonly deps: Pick<AppDeps, 'db' | 'clock'> & { config?: Pick<AppDeps['config'], 'cameraFileDirs'> }) {}

  private checkFile(source: CameraSource): void {
    if (this.deps.config) assertCameraFile(source, this.deps.config.cameraFileDirs);
  }

  /** Cameras visible to `auth` (record.read scope), optionally of one org subtree. */
  async list(auth: AuthContext, q: { orgId?: string; risk?: string; limit: number; offset: number }): Promise<{ items: CameraDto[]; total: number }> {
    const scope = DataScope.of(auth, READ).sql('c.org_path');
    const where = [scope.sql];
    const params: unknown[] = [...scope.params];
    if (q.orgId) {
      const [org] = await this.deps.db.query<{ path: string }>('SELECT path FROM org WHERE id = ?', [q.orgId]);
      DataScope.of(auth, READ).assertVisible(org?.path, 'org', q.orgId);
      where.push(`c.org_path LIKE ? ESCAPE '!'`);
      params.push(escapeLike(org!.path) + '%');
    }
    if (q.risk) {
      where.push('c.zone_risk = ?');
      params.push(q.risk);
    }
    const sqlWhere = where.join(' AND ');
    const [count] = await this.deps.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM camera c WHERE ${sqlWhere}`, params);
    const rows = await this.deps.db.query<CameraRow>(`SELECT c.* FROM camera c WHERE ${sqlWhere} ORDER BY c.org_path, c.name, c.id LIMIT ? OFFSET ?`, [...params, q.limit, q.offset]);
    return { items: rows.map(dtoOf), total: Number(count?.n ?? 0) };
  }

  /** One camera visible to `auth` (404 `camera.not_found` otherwise). */
  async read(auth: AuthContext, id: string): Promise<CameraDto> {
    const row = await this.row(id);
    DataScope.of(auth, READ).assertVisible(row?.org_path, 'camera', id);
    return dtoOf(row!);
  }

  async create(auth: AuthContext, input: CameraCreateInput): Promise<CameraDto> {
    const [org] = await this.deps.db.query<{ path: string; tenant_id: string | null }>('SELECT path, tenant_id FROM org WHERE id = ?', [input.orgId]);
    assertOrgAccess(auth, org?.path, WRITE, 'org', input.orgId);
    this.checkFile(input.source);
    const id = crypto.randomUUID();
    const tenantId = org!.tenant_id ?? input.orgId;
    await unitOfWork(this.deps, actorOf(auth), async (uow) => {
      const now = uow.now.getTime();
      await uow.tx.execute(
        `INSERT INTO camera (id, tenant_id, org_id, org_path, name, source_kind, source_url, location_x, location_y, zone_name, zone_risk, diagnostics, enabled, created_at, updated_at, revision)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
        [id, tenantId, input.orgId, org!.path, input.name, input.source.kind, sourceText(input.source), input.location?.x ?? null, input.location?.y ?? null,
          input.zone?.name ?? null, input.zone?.risk ?? null, JSON.stringify(input.diagnostics), input.enabled ? 1 : 0, now, now],
      );
      await uow.audit({
        orgId: input.orgId, orgPath: org!.path, action: 'camera.create', targetType: 'camera', targetId: id,
        change: { ...input, source: redactSource(input.source) },
      });
    });
    return this.read(auth, id);
  }

  async update(auth: AuthContext, id: string, input: CameraUpdateInput): Promise<CameraDto> {
    const row = await this.row(id);
    assertOrgAccess(auth, row?.org_path, WRITE, 'camera', id);
    // a redacted password sent back unchanged keeps the stored one
    const source = keepPassword(input.source, sourceOf(row!));
    this.checkFile(source);
    await unitOfWork(this.deps, actorOf(auth), async (uow) => {
      const now = uow.now.getTime();
      const n = await uow.tx.execute(
        `UPDATE camera SET name = ?, source_kind = ?, source_url = ?, location_x = ?, location_y = ?, zone_name = ?, zone_risk = ?, diagnostics = ?, enabled = ?, updated_at = ?, revision = revision + 1
         WHERE id = ? AND revision = ?`,
        [input.name, source.kind, sourceText(source), input.location?.x ?? null, input.location?.y ?? null, input.zone?.name ?? null, input.zone?.risk ?? null,
          JSON.stringify(input.diagnostics), input.enabled ? 1 : 0, now, id, input.revision],
      );
      if (n !== 1) throw conflict(id, input.revision);
      await uow.audit({
        orgId: row!.org_id, orgPath: row!.org_path, action: 'camera.update', targetType: 'camera', targetId: id,
        change: { ...input, source: redactSource(source) },
      });
    });
    return this.read(auth, id);
  }

  async remove(auth: AuthContext, id: string, revision: number): Promise<void> {
    const row = await this.row(id);
    assertOrgAccess(auth, row?.org_path, WRITE, 'camera', id);
    await unitOfWork(this.deps, actorOf(auth), async (uow) => {
      const n = await uow.tx.execute('DELETE FROM camera WHERE id = ? AND revision = ?', [id, revision]);
      if (n !== 1) throw conflict(id, revision);
      await uow.tx.execute('DELETE FROM camera_health WHERE camera_id = ?', [id]);
      await uow.tx.execute('DELETE FROM camera_picture WHERE camera_id = ?', [id]);
      await uow.audit({
        orgId: row!.org_id, orgPath: row!.org_path, action: 'camera.delete', targetType: 'camera', targetId: id,
        change: { revision },
      });
    });
  }

  /** {@link CameraService.get}: the full camera (with its real source) for a worker of `tenantId` (null = any). */
  async get(id: string, tenantId: string | null): Promise<Camera> {
    const row = await this.row(id);
    if (!row || (tenantId !== null && row.tenant_id !== tenantId)) throw new SafeFlowError('camera.not_found', `camera '${id}' not found`, { status: 404 });
    const camera = cameraOf(row);
    this.checkFile(camera.source); // also a camera stored before the folders were set
    return camera;
  }

  /** {@link CameraService.updateBaseline} (audited as the system). */
  async updateBaseline(id: string, baseline: Record<string, number>): Promise<void> {
    const row = await this.row(id);
    if (!row) throw new SafeFlowError('camera.not_found', `camera '${id}' not found`, { status: 404 });
    const diagnostics = { ...parseDiagnostics(row.diagnostics), baseline };
    await unitOfWork(this.deps, BASELINE_ACTOR, async (uow) => {
      await uow.tx.execute('UPDATE camera SET diagnostics = ?, updated_at = ?, revision = revision + 1 WHERE id = ?', [JSON.stringify(diagnostics), uow.now.getTime(), id]);
      await uow.audit({
        orgId: row.org_id, orgPath: row.org_path, action: 'camera.baseline', targetType: 'camera', targetId: id, change: baseline,
      });
    });
  }

  /** {@link CameraService.recordHealth}. */
  async recordHealth(id: string, report: CameraHealthReport): Promise<void> {
    const row = await this.row(id);
    if (!row) throw new SafeFlowError('camera.not_found', `camera '${id}' not found`, { status: 404 });
    await this.deps.db.transaction((tx) =>
      tx.execute(
        'INSERT INTO camera_health (id, camera_id, tenant_id, org_path, at, status, faults, metrics, process_instance_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [crypto.randomUUID(), id, row.tenant_id, row.org_path, this.deps.clock.now().getTime(), report.status, JSON.stringify(report.faults), JSON.stringify(report.metrics), report.processInstanceId ?? null],
      ),
    );
  }

  /** {@link CameraService.lastPicture} (the database's, so every node sees the same). */
  async lastPicture(id: string): Promise<CameraPictureState | null> {
    const [r] = await this.deps.db.query<{ signature: string; since: number | string; seen_at: number | string }>('SELECT signature, since, seen_at FROM camera_picture WHERE camera_id = ?', [id]);
    return r ? { signature: r.signature, since: Number(r.since), at: Number(r.seen_at) } : null;
  }

  /** {@link CameraService.rememberPicture}: replaces the camera's row (two nodes inserting at once: the second updates). */
  async rememberPicture(id: string, state: CameraPictureState): Promise<void> {
    const row = await this.row(id);
    if (!row) throw new SafeFlowError('camera.not_found', `camera '${id}' not found`, { status: 404 });
    const now = this.deps.clock.now().getTime();
    const update = (tx: { execute(sql: string, params?: unknown[]): Promise<number> }) =>
      tx.execute('UPDATE camera_picture SET signature = ?, since = ?, seen_at = ?, updated_at = ?, revision = revision + 1 WHERE camera_id = ?', [state.signature, state.since, state.at, now, id]);
    try {
      await this.deps.db.transaction(async (tx) => {
        if ((await update(tx)) === 0) {
          await tx.execute('INSERT INTO camera_picture (camera_id, tenant_id, signature, since, seen_at, created_at, updated_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, 1)', [id, row.tenant_id, state.signature, state.since, state.at, now, now]);
        }
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      await this.deps.db.transaction((tx) => update(tx));
    }
  }

  private async row(id: string): Promise<CameraRow | undefined> {
    return (await this.deps.db.query<CameraRow>('SELECT * FROM camera WHERE id = ?', [id]))[0];
  }
}

function conflict(id: string, revision: number): SafeFlowError {
  return new SafeFlowError('concurrency.conflict', `camera '${id}' was changed by someone else (revision ${revision} is stale)`, { status: 409 });
}

function sourceText(s: CameraSource): string {
  return s.kind === 'rtsp' ? s.url : s.path;
}

function sourceOf(row: CameraRow): CameraSource {
  return row.source_kind === 'rtsp' ? { kind: 'rtsp', url: row.source_url } : { kind: 'file', path: row.source_url };
}

function redactSource(s: CameraSource): CameraSource {
  return s.kind === 'rtsp' ? { kind: 'rtsp', url: redact(s.url) } : s;
}

function keepPassword(next: CameraSource, prev: CameraSource): CameraSource {
  if (next.kind !== 'rtsp' || prev.kind !== 'rtsp' || !next.url.includes(':***@')) return next;
  const m = /^(rtsps?:\/\/[^:@/]+):([^@/]*)@/i.exec(prev.url);
  return m ? { kind: 'rtsp', url: next.url.replace(':***@', `:${m[2]}@`) } : next;
}

function parseDiagnostics(text: string | null): Camera['diagnostics'] {
  const d = text ? (JSON.parse(text) as Partial<Camera['diagnostics']>) : {};
  return { thresholds: d.thresholds ?? {}, baseline: d.baseline ?? null };
}

function cameraOf(r: CameraRow): Camera {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    orgId: r.org_id,
    orgPath: r.org_path,
    name: r.name,
    source: sourceOf(r),
    location: r.location_x === null || r.location_y === null ? null : { x: Number(r.location_x), y: Number(r.location_y) },
    zone: r.zone_name && r.zone_risk ? { name: r.zone_name, risk: r.zone_risk as NonNullable<Camera['zone']>['risk'] } : null,
    diagnostics: parseDiagnostics(r.diagnostics),
    enabled: Number(r.enabled) === 1,
    revision: Number(r.revision),
  };
}

function dtoOf(r: CameraRow): CameraDto {
  const c = cameraOf(r);
  return {
    id: c.id, orgId: c.orgId, name: c.name, source: redactSource(c.source), location: c.location, zone: c.zone, diagnostics: c.diagnostics, enabled: c.enabled,
    revision: c.revision, createdAt: new Date(Number(r.created_at)).toISOString(), updatedAt: new Date(Number(r.updated_at)).toISOString(),
  };
}
