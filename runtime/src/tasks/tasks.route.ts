import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { DefinitionStore } from '../definitions/DefinitionStore';
import { ClaimTaskCommand } from '../engine/commands/ClaimTaskCommand';
import { SetAssigneeCommand } from '../engine/commands/SetAssigneeCommand';
import { engineOf } from '../engine/engine.module';
import { engineGatewayOf } from '../engineGateway/engineGatewayOf';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { formFieldNames } from './formFieldNames';
import { inboxQuerySchema, inboxTaskDto } from './taskDto';
import { TaskInbox } from './TaskInbox';

const params = z.object({ id: z.string().min(1).max(64) });

function requireLocalEngine(deps: AppDeps): void {
  if (engineGatewayOf(deps).kind !== 'local') {
    throw new SafeFlowError('task.inbox_unavailable', 'The task inbox needs SafeFlow\'s own engine (ENGINE_URL is set); use the remote engine\'s task list', { status: 501 });
  }
}

/** Maps the engine's claim errors to the platform's: someone else's task → 409 `task.already_claimed`; not allowed → 403 `auth.forbidden`. */
function claimError(err: unknown): never {
  const e = err as { code?: string; status?: number; message?: string };
  if (e?.code === 'task.already_claimed') throw new SafeFlowError('task.already_claimed', e.message ?? 'Task is already claimed', { status: 409 });
  if (e?.code === 'engine.forbidden') throw new SafeFlowError('auth.forbidden', e.message ?? 'Forbidden', { status: 403 });
  throw err;
}

/**
 * The Workspace's task API over SafeFlow's engine: `GET /tasks` (inbox),
 * `GET /tasks/:id` (task + the form version it is bound to + the process
 * variables that form shows), `POST /tasks/:id/claim` and `/unclaim`
 * (Camunda's claim rules). Submitting stays `POST /tasks/:id/submit`.
 */
export function taskRoutes(deps: AppDeps): AnyRoute[] {
  const inbox = new TaskInbox(deps);
  return [
    defineRoute({
      method: 'get',
      path: '/tasks',
      summary: 'Task inbox: mine, claimable by my roles, or all in my scope; filters by org, due date, process, text',
      tags: ['tasks'],
      permission: 'task.work',
      query: inboxQuerySchema,
      response: z.object({ items: z.array(inboxTaskDto), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
      handler: async ({ auth, query }) => {
        requireLocalEngine(deps);
        return inbox.list(auth, query);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/tasks/:id',
      summary: 'A task with its bound form version and the process variables the form shows',
      tags: ['tasks'],
      permission: 'task.work',
      params,
      response: z.object({
        task: inboxTaskDto,
        form: z
          .object({ key: z.string(), version: z.number().int(), versionId: z.string(), name: z.string(), schema: z.unknown() })
          .nullable(),
        values: z.record(z.string(), z.unknown()),
      }),
      handler: async ({ auth, params: p }) => {
        requireLocalEngine(deps);
        const task = await inbox.get(auth, p.id);
        if (!task.form) return { task, form: null, values: {} };
        const orgPath = task.orgPath ?? (task.tenantId ? `/${task.tenantId}/` : '/');
        const { definition, version } = await DefinitionStore.resolvePublished(deps.db, 'form', task.form.key, orgPath, task.form.version ?? undefined);
        const vars = await engineGatewayOf(deps).getProcessVariables(task.processInstanceId);
        const values: Record<string, unknown> = {};
        for (const name of formFieldNames(version.content)) if (vars[name] !== undefined && vars[name] !== null) values[name] = vars[name];
        return {
          task,
          form: { key: task.form.key, version: version.version, versionId: version.id, name: definition.name, schema: version.content },
          values,
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/tasks/:id/claim',
      summary: 'Claim a task (someone else\'s: 409 task.already_claimed; one\'s own: no-op)',
      tags: ['tasks'],
      permission: 'task.work',
      params,
      response: inboxTaskDto,
      handler: async ({ auth, params: p }) => {
        requireLocalEngine(deps);
        await inbox.get(auth, p.id);
        await engineOf(deps).executor.execute(new ClaimTaskCommand(p.id, auth.username, auth)).catch(claimError);
        return inbox.get(auth, p.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/tasks/:id/unclaim',
      summary: 'Give a claimed task back (own tasks; operators any)',
      tags: ['tasks'],
      permission: 'task.work',
      params,
      response: inboxTaskDto,
      handler: async ({ auth, params: p }) => {
        requireLocalEngine(deps);
        await inbox.get(auth, p.id);
        await engineOf(deps).executor.execute(new SetAssigneeCommand(p.id, null, auth)).catch(claimError);
        return inbox.get(auth, p.id);
      },
    }),
  ];
}
