import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute } from '../http/defineRoute';
import { fileDto, toFileDto } from './fileDto';
import { loadVisibleFile } from './loadVisibleFile';

/** `GET /api/v1/files/:id`: a file's metadata; 404 `file.not_found` outside the caller's `file.read` scope. */
export function getFileRoute(deps: AppDeps) {
  return defineRoute({
    method: 'get',
    path: '/files/:id',
    summary: "A file's metadata",
    tags: ['files'],
    permission: 'file.read',
    params: z.object({ id: z.string().max(36) }),
    response: fileDto,
    handler: async ({ params, auth }) => toFileDto(await loadVisibleFile(deps.db, auth, params.id)),
  });
}
