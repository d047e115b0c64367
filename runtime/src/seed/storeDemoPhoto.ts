import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppDeps } from '../app/AppDeps';
import { actorOf, unitOfWork } from '../db/unitOfWork';
import { FileStorage } from '../files/FileStorage';
import { sampleFiles } from '../files/sampleFiles';
import type { AuthContext } from '../http/AuthContext';

/** A stored file as a form's Photo field references it. */
export interface PhotoRef {
  fileId: string;
  name: string;
  size: number;
  mime: string;
  sha256: string;
}

/**
 * Stores a small PNG owned by `org`, uploaded by `auth` (a demo user), the
 * way `POST /api/v1/files` does: the row and its `file.upload` audit entry in
 * one transaction, the content moved into `$DATA_DIR/files`. For the demo
 * processes whose forms require a photo (整改后照片).
 */
export async function storeDemoPhoto(deps: Pick<AppDeps, 'db' | 'clock' | 'config'>, auth: AuthContext, org: { id: string; path: string; tenantId: string }, name: string): Promise<PhotoRef> {
  const storage = new FileStorage(deps.config.dataDir);
  const content = sampleFiles.png();
  const sha256 = crypto.createHash('sha256').update(content).digest('hex');
  const id = crypto.randomUUID();
  const storageKey = FileStorage.keyFor(id);
  fs.mkdirSync(storage.tmpDir, { recursive: true });
  const tmp = path.join(storage.tmpDir, `${id}.demo`);
  fs.writeFileSync(tmp, content);
  let placed: string | undefined;
  try {
    await unitOfWork(deps, actorOf(auth), async (uow) => {
      const now = uow.now.getTime();
      await uow.tx.execute(
        `INSERT INTO file (id, org_id, org_path, tenant_id, name, size, mime, sha256, storage_key, created_by, created_at, updated_at, revision)
         VALUES (?, ?, ?, ?, ?, ?, 'image/png', ?, ?, ?, ?, ?, 1)`,
        [id, org.id, org.path, org.tenantId, name, content.length, sha256, storageKey, auth.userId, now, now],
      );
      await uow.audit({ action: 'file.upload', targetType: 'file', targetId: id, orgId: org.id, orgPath: org.path, change: { name, size: content.length, mime: 'image/png', sha256 } });
      placed = storage.place(tmp, storageKey);
    });
  } catch (err) {
    if (placed) fs.rmSync(placed, { force: true });
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  return { fileId: id, name, size: content.length, mime: 'image/png', sha256 };
}
