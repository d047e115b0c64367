import { z } from 'zod';
import { fromTypedValue, type TypedValue } from '@safeflow/engine/bpmn';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../../app/AppDeps';
import { engineOf } from '../../engine/engine.module';
import { SetExternalTaskRetriesCommand } from '../../engine/commands/SetExternalTaskRetriesCommand';
import { SetJobRetriesCommand } from '../../engine/jobs/SetJobRetriesCommand';
import { engineGatewayOf } from '../../engineGateway/engineGatewayOf';
import type { AuthContext } from '../../http/AuthContext';
import { defineRoute, type AnyRoute } from '../../http/defineRoute';
import { DataScope } from '../../tenancy/DataScope';
import { DefinitionService } from '../DefinitionService';

const Key = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,127}$/);
const Id = z.string().min(1).max(64);
const num = (v: unknown) => (v == null ? null : Number(v));

const InstanceOut = z.object({
  id: z.string(),
  definitionId: z.string(),
  definitionKey: z.string(),
  version: z.number().nullable(),
  businessKey: z.string().nullable(),
  state: z.string(),
  orgPath: z.string().nullable(),
  startTime: z.number(),
  endTime: z.number().nullable(),
  openIncidents: z.number(),
});

interface HistRow {
  id: string;
  definition_id: string;
  definition_key: string;
  business_key: string | null;
  tenant_id: string | null;
  state: string;
  org_path: string | null;
  start_time: number;
  end_time: number | null;
  version?: number | null;
  open_incidents?: number;
}

const instanceOut = (r: HistRow): z.infer<typeof InstanceOut> => ({
  id: r.id,
  definitionId: r.definition_id,
  definitionKey: r.definition_key,
  version: num(r.version),
  businessKey: r.business_key,
  state: r.state,
  orgPath: r.org_path,
  startTime: Number(r.start_time),
  endTime: num(r.end_time),
  openIncidents: Number(r.open_incidents ?? 0),
});

/** The monitor reads SafeFlow's engine tables; a remote Camunda has its own cockpit. */
function assertLocalEngine(deps: AppDeps): void {
  if (engineGatewayOf(deps).kind !== 'local') {
    throw new SafeFlowError(
      'process.monitor_remote',
      'The instance monitor reads SafeFlow’s own engine; this node uses a remote engine (ENGINE_URL)',
      { status: 501 },
    );
  }
}

/** Reads an instance from history and checks the caller's `engine.operate` scope (404 otherwise). */
async function visibleInstance(deps: AppDeps, auth: AuthContext, id: string): Promise<HistRow> {
  const [row] = await deps.db.query<HistRow>(
    `SELECT h.*, d.version FROM hist_process_instance h LEFT JOIN process_definition d ON d.id = h.definition_id WHERE h.id = ?`,
    [id],
  );
  const path = row ? (row.org_path ?? (row.tenant_id ? `/${row.tenant_id}/` : null)) : null;
  DataScope.of(auth, 'engine.operate').assertVisible(path, 'process_instance', id);
  return row!;
}

/**
 * `/api/v1` routes of the instance monitor (SafeFlow's engine; 501
 * `process.monitor_remote` on a node with `ENGINE_URL`), all scoped by the
 * caller's `engine.operate` data scope (out-of-scope ids are 404):
 * - `GET /processes/:key/instances` — instances of the caller's process `key`, newest first;
 * - `GET /process-instances/:id` — the instance, its deployed BPMN, where its
 *   tokens are (open activity instances), variables, history, open user
 *   tasks and incidents;
 * - `POST /process-instances/:id/incidents/:incidentId/retry { retries }` —
 *   gives the failed external task or job its retries back (the incident resolves).
 */
export function processMonitorRoutes(deps: AppDeps): AnyRoute[] {
  const definitions = new DefinitionService(deps);
  const tags = ['processes'];
  return [
    defineRoute({
      method: 'get',
      path: '/processes/:key/instances',
      summary: 'Instances of a process (running and ended), newest first',
      tags,
      permission: 'engine.operate',
      params: z.object({ key: Key }),
      query: z.object({
        orgId: z.string().max(36).optional(),
        state: z.enum(['ACTIVE', 'COMPLETED', 'EXTERNALLY_TERMINATED', 'INTERNALLY_TERMINATED']).optional(),
        first: z.coerce.number().int().min(0).default(0),
        max: z.coerce.number().int().min(1).max(500).default(50),
      }),
      response: z.object({ items: z.array(InstanceOut), total: z.number() }),
      handler: async ({ params, query, auth }) => {
        assertLocalEngine(deps);
        const def = await definitions.resolve(auth, 'process', params.key, query.orgId);
        const scope = DataScope.of(auth, 'engine.operate').sql('h.org_path');
        const where = `h.definition_key = ? AND h.tenant_id = ? AND ${scope.sql}${query.state ? ' AND h.state = ?' : ''}`;
        const args = [params.key, def.tenantId, ...scope.params, ...(query.state ? [query.state] : [])];
        const rows = await deps.db.query<HistRow>(
          `SELECT h.*, d.version, (SELECT COUNT(*) FROM incident i WHERE i.process_instance_id = h.id AND i.resolved_at IS NULL) AS open_incidents
             FROM hist_process_instance h LEFT JOIN process_definition d ON d.id = h.definition_id
            WHERE ${where} ORDER BY h.start_time DESC, h.id LIMIT ${query.max} OFFSET ${query.first}`,
          args,
        );
        const [count] = await deps.db.query<{ n: number }>(
          `SELECT COUNT(*) AS n FROM hist_process_instance h WHERE ${where}`,
          args,
        );
        return { items: rows.map(instanceOut), total: Number(count?.n ?? 0) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/process-instances/:id',
      summary:
        'One instance for the monitor: diagram XML, token positions, variables, history, tasks, incidents',
      tags,
      permission: 'engine.operate',
      params: z.object({ id: Id }),
      response: z.object({
        instance: InstanceOut,
        xml: z.string().nullable(),
        activeActivityIds: z.array(z.string()),
        variables: z.array(z.object({ name: z.string(), type: z.string(), value: z.unknown() })),
        history: z.array(
          z.object({
            id: z.string(),
            activityId: z.string(),
            activityName: z.string().nullable(),
            activityType: z.string(),
            startTime: z.number(),
            endTime: z.number().nullable(),
            canceled: z.boolean(),
          }),
        ),
        tasks: z.array(
          z.object({
            id: z.string(),
            name: z.string().nullable(),
            taskDefinitionKey: z.string(),
            assignee: z.string().nullable(),
            created: z.number(),
          }),
        ),
        incidents: z.array(
          z.object({
            id: z.string(),
            type: z.string(),
            message: z.string().nullable(),
            activityId: z.string().nullable(),
            created: z.number(),
            resolvedAt: z.number().nullable(),
          }),
        ),
      }),
      handler: async ({ params, auth }) => {
        assertLocalEngine(deps);
        const row = await visibleInstance(deps, auth, params.id);
        const db = deps.db;
        const [res] = await db.query<{ content: string }>(
          `SELECT r.content FROM process_definition d JOIN deployment_resource r ON r.deployment_id = d.deployment_id AND r.name = d.resource_name WHERE d.id = ?`,
          [row.definition_id],
        );
        const acts = await db.query<{
          id: string;
          activity_id: string;
          activity_name: string | null;
          activity_type: string;
          start_time: number;
          end_time: number | null;
          canceled: number;
        }>(
          'SELECT id, activity_id, activity_name, activity_type, start_time, end_time, canceled FROM hist_activity_instance WHERE process_instance_id = ? ORDER BY start_time, COALESCE(end_time, 9007199254740991), id',
          [row.id],
        );
        const vars = await db.query<{
          name: string;
          type: string;
          value: string | null;
          execution_id: string | null;
        }>(
          `SELECT name, type, value, execution_id FROM hist_variable WHERE process_instance_id = ? AND state <> 'DELETED' ORDER BY name`,
          [row.id],
        );
        const tasks = await db.query<{
          id: string;
          name: string | null;
          task_definition_key: string;
          assignee: string | null;
          created: number;
        }>(
          'SELECT id, name, task_definition_key, assignee, created FROM user_task WHERE process_instance_id = ? ORDER BY created',
          [row.id],
        );
        const incidents = await db.query<{
          id: string;
          type: string;
          message: string | null;
          activity_id: string | null;
          created: number;
          resolved_at: number | null;
        }>(
          'SELECT id, type, message, activity_id, created, resolved_at FROM incident WHERE process_instance_id = ? ORDER BY created',
          [row.id],
        );
        const [open] = await db.query<{ n: number }>(
          'SELECT COUNT(*) AS n FROM incident WHERE process_instance_id = ? AND resolved_at IS NULL',
          [row.id],
        );
        return {
          instance: instanceOut({ ...row, open_incidents: Number(open?.n ?? 0) }),
          xml: res?.content ?? null,
          activeActivityIds: [
            ...new Set(
              acts
                .filter(
                  (a) =>
                    a.end_time == null &&
                    a.activity_type !== 'subProcess' &&
                    a.activity_type !== 'multiInstanceBody',
                )
                .map((a) => a.activity_id),
            ),
          ],
          variables: vars.map((v) => {
            const tv = v.value == null ? undefined : (JSON.parse(v.value) as TypedValue);
            const value = fromTypedValue(tv);
            return { name: v.name, type: v.type, value: value instanceof Date ? value.toISOString() : value };
          }),
          history: acts.map((a) => ({
            id: a.id,
            activityId: a.activity_id,
            activityName: a.activity_name,
            activityType: a.activity_type,
            startTime: Number(a.start_time),
            endTime: num(a.end_time),
            canceled: Number(a.canceled) === 1,
          })),
          tasks: tasks.map((t) => ({
            id: t.id,
            name: t.name,
            taskDefinitionKey: t.task_definition_key,
            assignee: t.assignee,
            created: Number(t.created),
          })),
          incidents: incidents.map((i) => ({
            id: i.id,
            type: i.type,
            message: i.message,
            activityId: i.activity_id,
            created: Number(i.created),
            resolvedAt: num(i.resolved_at),
          })),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/process-instances/:id/incidents/:incidentId/retry',
      summary:
        'Retry the failed external task or job of an incident (sets its retries; the incident resolves)',
      tags,
      permission: 'engine.operate',
      params: z.object({ id: Id, incidentId: Id }),
      body: z.strictObject({ retries: z.number().int().min(1).max(100).default(1) }),
      response: z.object({ incidentId: z.string(), resolved: z.boolean() }),
      handler: async ({ params, body, auth }) => {
        assertLocalEngine(deps);
        const row = await visibleInstance(deps, auth, params.id);
        const [inc] = await deps.db.query<{
          id: string;
          type: string;
          configuration: string | null;
          resolved_at: number | null;
        }>(
          'SELECT id, type, configuration, resolved_at FROM incident WHERE id = ? AND process_instance_id = ?',
          [params.incidentId, row.id],
        );
        if (!inc)
          throw new SafeFlowError('incident.not_found', `Incident '${params.incidentId}' not found`, {
            status: 404,
          });
        if (inc.resolved_at != null)
          throw new SafeFlowError(
            'incident.resolved',
            `Incident '${params.incidentId}' is already resolved`,
            { status: 409 },
          );
        const executor = engineOf(deps).executor;
        if (inc.type === 'failedExternalTask')
          await executor.execute(new SetExternalTaskRetriesCommand(inc.configuration ?? '', body.retries));
        else if (inc.type === 'failedJob')
          await executor.execute(new SetJobRetriesCommand(inc.configuration ?? '', body.retries));
        else
          throw new SafeFlowError(
            'incident.not_retryable',
            `An incident of type '${inc.type}' cannot be retried`,
            { status: 409 },
          );
        const [after] = await deps.db.query<{ resolved_at: number | null }>(
          'SELECT resolved_at FROM incident WHERE id = ?',
          [inc.id],
        );
        return { incidentId: inc.id, resolved: after?.resolved_at != null };
      },
    }),
  ];
}
