import { z } from 'zod';
import type { AppDeps } from '../../app/AppDeps';
import { defineRoute, type AnyRoute } from '../../http/defineRoute';
import { startProcessFor } from '../../scheduler/startProcessFor';
import { DefinitionService } from '../DefinitionService';
import { DefinitionStore } from '../DefinitionStore';
import { ProcessDefinitionService } from './ProcessDefinitionService';
import { knownTopicsOf } from './KnownTopics';
import { MAX_PROCESS_XML } from './ProcessContent';
import { builtinTaskTypes, TaskTypeOut, type TaskType } from './builtinTaskTypes';

const Key = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,127}$/, 'must be a key (letters, digits, _ . -)');
const Issue = z.object({ path: z.string(), code: z.string(), message: z.string() });
const Reference = z.object({
  kind: z.string(),
  key: z.string(),
  element: z.string(),
  version: z.number().optional(),
});

/**
 * `/api/v1/processes/...` — what the process modeler needs beside the
 * definitions API: a dry-run publish lint, the task types it may pick
 * topics from (until the task-type catalogue exists), and starting an
 * instance of a deployed process for the caller's org.
 */
export function processRoutes(deps: AppDeps): AnyRoute[] {
  const definitions = new DefinitionService(deps);
  const processes = new ProcessDefinitionService(deps);
  const tags = ['processes'];
  return [
    defineRoute({
      method: 'post',
      path: '/processes/:key/lint',
      summary: 'Lint a process as publish would (the draft, or the given XML) without writing anything',
      tags,
      permission: 'definition.read',
      params: z.object({ key: Key }),
      body: z.strictObject({
        xml: z.string().max(MAX_PROCESS_XML).optional(),
        orgId: z.string().max(36).optional(),
      }),
      response: z.object({
        ok: z.boolean(),
        issues: z.array(Issue),
        references: z.array(Reference),
        dangling: z.array(Reference.extend({ reason: z.string(), message: z.string() })),
      }),
      bodyLimit: 2 * 1024 * 1024,
      handler: async ({ params, body, auth }) => {
        const def = await definitions.resolve(auth, 'process', params.key, body.orgId);
        const xml =
          body.xml ??
          String(
            (
              (await DefinitionStore.version(deps.db, def.id, def.latestVersion))?.content as
                { xml?: string } | undefined
            )?.xml ?? '',
          );
        const a = await processes.analyze(
          deps.db,
          { key: params.key, orgPath: def.orgPath, tenantId: def.tenantId },
          xml,
        );
        return {
          ok: a.issues.length === 0 && a.dangling.length === 0,
          issues: a.issues,
          references: a.references,
          dangling: a.dangling,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/processes/task-types',
      summary:
        "Task types a process's external tasks may use (the plugged-in task-type registry, else the built-in types of the known topics)",
      tags,
      permission: 'definition.read',
      response: z.object({ items: z.array(TaskTypeOut), fallback: z.boolean() }),
      handler: async ({ auth }) => {
        const provider = knownTopicsOf(deps);
        const tenants = [...new Set(auth.memberships.map((m) => m.tenantId))];
        if (provider.taskTypes) {
          const byTopic = new Map<string, TaskType>();
          for (const t of tenants)
            for (const tt of await provider.taskTypes(t))
              if (!byTopic.has(tt.topic)) byTopic.set(tt.topic, tt);
          return {
            items: [...byTopic.values()].sort((a, b) => a.topic.localeCompare(b.topic)),
            fallback: false,
          };
        }
        const topics = new Set<string>();
        for (const t of tenants) for (const topic of await provider.topics(t)) topics.add(topic);
        const builtin = builtinTaskTypes();
        const items = [...topics].sort().map(
          (topic) =>
            builtin.find((b) => b.topic === topic) ?? {
              topic,
              name: { 'zh-CN': topic, en: topic },
              configSchema: { type: 'object', properties: {} },
            },
        );
        return { items, fallback: true };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/processes/:key/instances',
      summary: 'Start an instance of the deployed process for an org',
      tags,
      permission: 'engine.operate',
      params: z.object({ key: Key }),
      status: 201,
      idempotent: true,
      body: z.strictObject({
        orgId: z.string().max(36).optional(),
        businessKey: z.string().max(255).optional(),
        variables: z.record(z.string(), z.unknown()).optional(),
      }),
      response: z.object({
        id: z.string(),
        definitionId: z.string(),
        businessKey: z.string().nullable(),
        ended: z.boolean(),
      }),
      handler: async ({ params, body, auth }) => {
        const def = await definitions.resolve(auth, 'process', params.key, body.orgId);
        const orgId =
          body.orgId ??
          auth.memberships.find(
            (m) => m.permissions.includes('engine.operate') && m.tenantId === def.tenantId,
          )?.orgId ??
          def.orgId;
        // the one start path of the web API (the scheduler's POST /processes/:key/start), for exactly this org
        const [pi] = await startProcessFor(deps, auth, params.key, { orgIds: [orgId], businessKey: body.businessKey, variables: body.variables });
        return { id: pi!.processInstanceId, definitionId: pi!.definitionId, businessKey: pi!.businessKey, ended: pi!.ended };
      },
    }),
  ];
}
