import fs from 'node:fs';
import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute } from '../http/defineRoute';
import { isImageMime } from './detectFileType';
import type { FileStorage } from './FileStorage';
import { loadVisibleFile } from './loadVisibleFile';
import { contentDisposition } from './sanitizeFileName';

/**
 * `GET /api/v1/files/:id/content`: streams the bytes with the sniffed
 * `Content-Type`, `Content-Disposition` (images inline, everything else as an
 * attachment; RFC 5987 `filename*`), `X-Content-Type-Options: nosniff`,
 * `Content-Security-Policy: sandbox` for non-images and the sha256 as ETag.
 * 404 `file.not_found` outside the caller's `file.read` scope.
 */
export function downloadFileRoute(deps: AppDeps, storage: FileStorage) {
  return defineRoute({
    method: 'get',
    path: '/files/:id/content',
    summary: "Download a file's content",
    tags: ['files'],
    permission: 'file.read',
    params: z.object({ id: z.string().max(36) }),
    handler: async ({ params, auth, ctx }) => {
      const row = await loadVisibleFile(deps.db, auth, params.id);
      const file = storage.pathOf(row.storage_key);
      let size: number;
      try {
        size = fs.statSync(file).size;
      } catch (err) {
        throw new SafeFlowError('file.content_missing', `Content of file '${row.id}' is missing from storage`, {
          status: 500,
          cause: err,
        });
      }
      const image = isImageMime(row.mime);
      ctx.set('Content-Type', row.mime.startsWith('text/') ? `${row.mime}; charset=utf-8` : row.mime);
      ctx.set('Content-Disposition', contentDisposition(image ? 'inline' : 'attachment', row.name));
      ctx.set('X-Content-Type-Options', 'nosniff');
      if (!image) ctx.set('Content-Security-Policy', 'sandbox');
      ctx.set('ETag', `"${row.sha256}"`);
      ctx.set('Cache-Control', 'private, no-cache');
      ctx.body = fs.createReadStream(file);
      ctx.length = size;
      return undefined;
    },
  });
}
