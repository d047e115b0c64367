import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { actorOf, unitOfWork } from '../db/unitOfWork';
import { FileStorage } from '../files/FileStorage';
import { contentDisposition } from '../files/sanitizeFileName';
import type { AuthContext } from '../http/AuthContext';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { parseOrThrow } from '../http/zodIssues';
import { pickLocale } from '../submissions/SubmissionService';
import { EXPORT_KINDS } from './exportKinds';
import { exportJobDto, toExportJobDto } from './exportJobDto';
import { ExportJobStore, type ExportJobRow } from './ExportJobStore';
import type { ExportRunner } from './ExportRunner';

const IdParams = z.object({ id: z.string().max(36) });

/** The caller's own job, or 404 `export.not_found` (another user's job is indistinguishable from none). */
async function ownJob(deps: AppDeps, auth: AuthContext, id: string): Promise<ExportJobRow> {
  const job = await ExportJobStore.get(deps.db, id);
  if (!job || job.created_by !== auth.userId) throw new SafeFlowError('export.not_found', `export '${id}' not found`, { status: 404 });
  return job;
}

/**
 * `/api/v1/exports`: ask for a background export (202 with the job; honours
 * `Idempotency-Key`), my jobs, one job's status and progress, its file.
 * Jobs are private to their requester.
 */
export function exportRoutes(deps: AppDeps, runner: () => ExportRunner | undefined): AnyRoute[] {
  const storage = new FileStorage(deps.config.dataDir);
  const tags = ['exports'];
  return [
    defineRoute({
      method: 'post', path: '/exports', summary: 'Start a background export (enterprise dossier PDF, hazard statistics PDF, ledger xlsx)', tags,
      permission: 'record.read', status: 202, idempotent: true,
      body: z.strictObject({ kind: z.enum(Object.keys(EXPORT_KINDS) as [string, ...string[]]), params: z.record(z.string(), z.unknown()).default({}) }),
      response: exportJobDto,
      handler: async ({ auth, body, ctx }) => {
        const kind = EXPORT_KINDS[body.kind]!;
        const params = parseOrThrow(kind.params, body.params, 'body');
        const org = await kind.target(deps, auth, params);
        const id = crypto.randomUUID();
        await unitOfWork(deps, actorOf(auth), async (uow) => {
          await ExportJobStore.insert(uow.tx, {
            id, tenantId: org.tenantId, orgId: org.id, orgPath: org.path, kind: kind.kind, params, locale: pickLocale(ctx.get('accept-language')),
            createdBy: auth.userId, now: uow.now.getTime(),
          });
          await uow.audit({ action: 'export.request', targetType: 'export_job', targetId: id, orgId: org.id, orgPath: org.path, change: { kind: kind.kind, params } });
          uow.afterCommit(() => runner()?.kick());
        });
        return toExportJobDto((await ExportJobStore.get(deps.db, id))!);
      },
    }),
    defineRoute({
      method: 'get', path: '/exports', summary: 'My export jobs, newest first (50)', tags,
      response: z.object({ items: z.array(exportJobDto) }),
      handler: async ({ auth }) => ({ items: (await ExportJobStore.mine(deps.db, auth.userId, 50)).map(toExportJobDto) }),
    }),
    defineRoute({
      method: 'get', path: '/exports/:id', summary: 'One of my export jobs: status, progress, error code', tags,
      params: IdParams, response: exportJobDto,
      handler: async ({ auth, params }) => toExportJobDto(await ownJob(deps, auth, params.id)),
    }),
    defineRoute({
      method: 'get', path: '/exports/:id/file', summary: 'Download the file of one of my finished exports', tags,
      params: IdParams,
      handler: async ({ auth, params, ctx }) => {
        const job = await ownJob(deps, auth, params.id);
        if (job.status !== 'done' || !job.file_id) throw new SafeFlowError('export.not_ready', `export '${job.id}' is ${job.status}`, { status: 409 });
        const [file] = await deps.db.query<{ name: string; mime: string; sha256: string; storage_key: string }>('SELECT name, mime, sha256, storage_key FROM file WHERE id = ?', [job.file_id]);
        if (!file) throw new SafeFlowError('file.not_found', `file of export '${job.id}' not found`, { status: 404 });
        const p = storage.pathOf(file.storage_key);
        let size: number;
        try {
          size = fs.statSync(p).size;
        } catch (err) {
          throw new SafeFlowError('file.content_missing', `Content of file '${job.file_id}' is missing from storage`, { status: 500, cause: err });
        }
        ctx.set('Content-Type', file.mime);
        ctx.set('Content-Disposition', contentDisposition('attachment', file.name));
        ctx.set('X-Content-Type-Options', 'nosniff');
        ctx.set('Content-Security-Policy', 'sandbox');
        ctx.set('ETag', `"${file.sha256}"`);
        ctx.set('Cache-Control', 'private, no-cache');
        ctx.body = fs.createReadStream(p);
        ctx.length = size;
        return undefined;
      },
    }),
  ];
}
