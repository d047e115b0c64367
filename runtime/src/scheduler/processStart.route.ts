import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { startProcessFor } from './startProcessFor';

const Targets = z.strictObject({
  orgIds: z.array(z.string().min(1).max(36)).max(500).optional(),
  orgTypes: z.array(z.string().min(1).max(64)).max(20).optional(),
  under: z.string().min(1).max(36).optional(),
});

/**
 * `POST /api/v1/processes/:key/start` — assignment downwards: starts the
 * latest version of `key` once per target org (`orgIds`, and/or `targets`
 * by type in a subtree), each instance belonging to its target so the
 * target's own people see its tasks. Every target must lie in the caller's
 * engine.operate / task.work scope (404 `org.not_found` otherwise, nothing
 * started); all instances start in one transaction. Without targets the
 * instance belongs to the caller's single acting org. Idempotent by
 * `Idempotency-Key`.
 */
export function processStartRoutes(deps: AppDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'post', path: '/processes/:key/start', summary: 'Start a process for target orgs (one instance per target; assignment downwards)', tags: ['processes'],
      permission: 'task.work', idempotent: true, status: 201,
      params: z.object({ key: z.string().min(1).max(128) }),
      body: z.strictObject({
        orgIds: z.array(z.string().min(1).max(36)).max(500).optional(),
        targets: Targets.optional(),
        variables: z.record(z.string().max(64), z.unknown()).optional(),
        businessKey: z.string().max(191).optional(),
      }),
      response: z.object({
        instances: z.array(z.object({ orgId: z.string(), processInstanceId: z.string(), businessKey: z.string().nullable(), definitionId: z.string(), ended: z.boolean() })),
      }),
      handler: async ({ params, body, auth }) => ({ instances: await startProcessFor(deps, auth, params.key, body) }),
    }),
  ];
}
