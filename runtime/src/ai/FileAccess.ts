/**
 * The plugin's file port over the platform's files (`file` table + `$DATA_DIR/files`):
 * reads an uploaded photo of the task's org subtree, stores snapshots and frames as files
 * of the task's org (type sniffed from the bytes, so only images are written).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { FileRef, TaskOrg } from '@safeflow/plugin-ai-detect';
import { imageMimeOf } from '@safeflow/plugin-kit';
import type { AppDeps } from '../app/AppDeps';
import { unitOfWork } from '../db/unitOfWork';
import { FileStorage } from '../files/FileStorage';

/** Files for the ai-detect plugin. */
export class FileAccess {
  private readonly storage: FileStorage;

  constructor(private readonly deps: AppDeps) {
    this.storage = new FileStorage(deps.config.dataDir);
  }

  /** The bytes of `fileId`, which must belong to the task org's tenant (a task may read any photo of its tenant). */
  async read(org: TaskOrg, fileId: string): Promise<Buffer> {
    const [f] = await this.deps.db.query<{ storage_key: string; tenant_id: string | null }>('SELECT storage_key, tenant_id FROM file WHERE id = ?', [fileId]);
    if (!f || f.tenant_id !== org.tenantId) throw new SafeFlowError('file.not_found', `File ${fileId} not found`, { status: 404 });
    return fs.promises.readFile(this.storage.pathOf(f.storage_key));
  }

  /** Stores a JPEG/PNG as a file of the task's org. */
  async save(org: TaskOrg, name: string, bytes: Buffer, createdBy: string): Promise<FileRef> {
    const mime = imageMimeOf(bytes);
    if (!mime) throw new SafeFlowError('file.type_not_allowed', 'Only JPEG and PNG snapshots are stored', { status: 415 });
    const id = crypto.randomUUID();
    const key = FileStorage.keyFor(id);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const tmp = path.join(this.storage.tmpDir, id);
    fs.mkdirSync(this.storage.tmpDir, { recursive: true, mode: 0o750 });
    fs.writeFileSync(tmp, bytes, { mode: 0o640 });
    let placed: string | undefined;
    try {
      await unitOfWork(this.deps, { actorId: createdBy, actorName: createdBy }, async (uow) => {
        const now = uow.now.getTime();
        await uow.tx.execute(
          `INSERT INTO file (id, org_id, org_path, tenant_id, name, size, mime, sha256, storage_key, created_by, created_at, updated_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
          [id, org.orgId, org.orgPath, org.tenantId, name, bytes.length, mime, sha256, key, createdBy, now, now],
        );
        await uow.audit({ orgId: org.orgId, orgPath: org.orgPath, action: 'file.upload', targetType: 'file', targetId: id, change: { name, size: bytes.length, mime, sha256 } });
        placed = this.storage.place(tmp, key);
      });
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      if (placed) fs.rmSync(placed, { force: true });
      throw err;
    }
    return { fileId: id, name, size: bytes.length, mime, sha256 };
  }
}
