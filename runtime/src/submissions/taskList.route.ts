import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import type { EngineTask } from '../engineGateway/EngineGateway';
import { engineGatewayOf } from '../engineGateway/engineGatewayOf';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { DataScope } from '../tenancy/DataScope';
import { parseTaskFormKey } from './taskSubmit.route';

const TaskOut = z.object({
  id: z.string(), name: z.string().nullable(), assignee: z.string().nullable(), created: z.string(), due: z.string().nullable(),
  formKey: z.string().nullable(), form: z.object({ key: z.string(), version: z.number().nullable() }).nullable(),
  processInstanceId: z.string(), processDefinitionId: z.string(), taskDefinitionKey: z.string(), orgId: z.string().nullable(),
});

/**
 * `GET /api/v1/tasks` — the caller's inbox: tasks assigned to them (whatever
 * the instance's org: being named is enough) and unassigned tasks they may
 * claim (a candidate by name, or by one of their role keys) in the orgs of
 * their task.work scope. Through the engine gateway (local or remote).
 */
export function taskListRoutes(deps: AppDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/tasks', summary: 'My tasks: assigned to me, or claimable by me in my scope', tags: ['tasks'], permission: 'task.work',
      query: z.strictObject({ assigned: z.enum(['me', 'claimable', 'all']).optional() }),
      response: z.object({ items: z.array(TaskOut) }),
      handler: async ({ auth, query }) => {
        const gateway = engineGatewayOf(deps);
        const scope = DataScope.of(auth, 'task.work');
        const which = query.assigned ?? 'all';
        const mine = which === 'claimable' ? [] : await gateway.listTasks({ assignee: auth.username, firstResult: 0, maxResults: 1000 });
        const claimable = which === 'me' ? [] : await gateway.listTasks({ candidateUser: auth.username, firstResult: 0, maxResults: 1000 });
        const path = (t: EngineTask) => t.orgPath ?? (t.tenantId ? `/${t.tenantId}/` : null);
        const tenants = new Set(auth.memberships.map((m) => m.tenantId));
        const items = [
          ...mine.filter((t) => auth.platformAdmin || !t.tenantId || tenants.has(t.tenantId)),
          ...claimable.filter((t) => { const p = path(t); return p !== null && scope.contains(p); }),
        ];
        const seen = new Set<string>();
        return {
          items: items.filter((t) => !seen.has(t.id) && !!seen.add(t.id)).map((t) => {
            const f = parseTaskFormKey(t.formKey);
            const p = path(t);
            return {
              id: t.id, name: t.name, assignee: t.assignee, created: t.created, due: t.due, formKey: t.formKey,
              form: f ? { key: f.key, version: f.version ?? null } : null, processInstanceId: t.processInstanceId,
              processDefinitionId: t.processDefinitionId, taskDefinitionKey: t.taskDefinitionKey, orgId: p ? p.split('/').filter(Boolean).pop()! : null,
            };
          }),
        };
      },
    }),
  ];
}
