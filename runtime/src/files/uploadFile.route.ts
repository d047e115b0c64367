import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { actorOf, unitOfWork } from '../db/unitOfWork';
import { defineRoute } from '../http/defineRoute';
import type { HttpPolicies } from '../http/HttpPolicies';
import { parseOrThrow } from '../http/zodIssues';
import { DataScope } from '../tenancy/DataScope';
import { detectFileType } from './detectFileType';
import { fileDto, type FileDto } from './fileDto';
import { FileStorage } from './FileStorage';
import { receiveUpload } from './receiveUpload';
import { sanitizeFileName } from './sanitizeFileName';

const uploadFields = z.object({ orgId: z.string().min(1).max(36) });

/**
 * `POST /api/v1/files` (multipart/form-data: part `file`, field `orgId`):
 * stores an uploaded file owned by `orgId`, which must lie in the caller's
 * `file.write` scope (404 `org.not_found` otherwise). The content is streamed
 * to a temporary file while hashed, its type sniffed (415
 * `file.type_not_allowed`), then the row and the `file.upload` audit entry
 * are written in one transaction and the content moved into place. Honours
 * `Idempotency-Key` (the key covers orgId, name, size and sha256). Errors:
 * 413 `file.too_large`, 400 `file.empty` / `file.missing` / `request.invalid`,
 * 415 `request.unsupported_media_type` for non-multipart bodies.
 */
export function uploadFileRoute(deps: AppDeps, storage: FileStorage, policies: () => HttpPolicies | undefined) {
  return defineRoute({
    method: 'post',
    path: '/files',
    summary: 'Upload a file (multipart/form-data: file, orgId; honours Idempotency-Key)',
    tags: ['files'],
    permission: 'file.write',
    status: 201,
    response: fileDto,
    handler: async ({ auth, ctx, idempotencyKey }) => {
      const upload = await receiveUpload(ctx, { tmpDir: storage.tmpDir, maxBytes: deps.config.maxUploadBytes });
      try {
        if (upload.size === 0) throw new SafeFlowError('file.empty', 'The uploaded file is empty', { status: 400 });
        const { orgId } = parseOrThrow(uploadFields, upload.fields, 'body');
        const [org] = await deps.db.query<{ path: string; tenant_id: string }>(`SELECT path, tenant_id FROM org WHERE id = ?`, [
          orgId,
        ]);
        DataScope.of(auth, 'file.write').assertVisible(org?.path, 'org', orgId);
        const type = await detectFileType(upload.tmpPath, upload.declaredName);
        const name = sanitizeFileName(upload.declaredName, `file.${type.ext}`);

        const create = async (): Promise<{ status: number; body: FileDto }> => {
          const id = crypto.randomUUID();
          const storageKey = FileStorage.keyFor(id);
          const now = deps.clock.now().getTime();
          let placed: string | undefined;
          try {
            await unitOfWork(deps, actorOf(auth), async ({ tx, audit }) => {
              await tx.execute(
                `INSERT INTO file (id, org_id, org_path, tenant_id, name, size, mime, sha256, storage_key, created_by, created_at, updated_at, revision)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
                [id, orgId, org!.path, org!.tenant_id, name, upload.size, type.mime, upload.sha256, storageKey, auth.userId, now, now],
              );
              await audit({
                orgId,
                orgPath: org!.path,
                action: 'file.upload',
                targetType: 'file',
                targetId: id,
                change: { name, size: upload.size, mime: type.mime, sha256: upload.sha256 },
              });
              placed = storage.place(upload.tmpPath, storageKey);
            });
          } catch (err) {
            if (placed) fs.rmSync(placed, { force: true });
            throw err;
          }
          return {
            status: 201,
            body: {
              id,
              orgId,
              name,
              size: upload.size,
              mime: type.mime,
              sha256: upload.sha256,
              createdBy: auth.userId,
              createdAt: new Date(now).toISOString(),
              revision: 1,
            },
          };
        };
        const p = policies();
        const outcome =
          idempotencyKey && p
            ? await p.idempotent(auth, idempotencyKey, 'post /files', { orgId, name: upload.declaredName, size: upload.size, sha256: upload.sha256 }, create)
            : await create();
        if ('headers' in outcome && outcome.headers) ctx.set(outcome.headers);
        return outcome.body as FileDto;
      } finally {
        fs.rmSync(upload.tmpPath, { force: true });
      }
    },
  });
}
