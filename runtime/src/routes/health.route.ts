import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute } from '../http/defineRoute';

const started = Date.now();

/** `GET /api/v1/health`: 200 when the database answers, 503 otherwise. */
export function healthRoute(deps: AppDeps) {
  return defineRoute({
    method: 'get',
    path: '/health',
    summary: 'Liveness and database check',
    tags: ['system'],
    auth: 'public',
    response: z.object({
      status: z.literal('ok'),
      database: z.enum(['sqlite', 'mysql']),
      uptimeSeconds: z.number(),
    }),
    handler: async () => {
      try {
        await deps.db.query('SELECT 1 AS ok');
      } catch (err) {
        throw new SafeFlowError('health.database_unavailable', `Database check failed: ${(err as Error).message}`, {
          status: 503,
        });
      }
      return { status: 'ok' as const, database: deps.db.dialect, uptimeSeconds: Math.round((Date.now() - started) / 1000) };
    },
  });
}
