import type Router from '@koa/router';
import { formatDate } from '../core/dates';
import type { EngineRestEnv } from './EngineRestEnv';
import { callerOf, pagingSql, q, requireAnyPermission, tenantSql } from './restHelpers';

interface IncidentRow {
  id: string;
  type: string;
  message: string | null;
  configuration: string | null;
  process_instance_id: string | null;
  process_definition_id: string | null;
  activity_id: string | null;
  execution_id: string | null;
  tenant_id: string | null;
  created: number;
}

/** `GET /incident` (open incidents) and `/incident/count`. */
export function incidentRoutes(router: Router, env: EngineRestEnv): void {
  const filter = (ctx: Parameters<Parameters<Router['get']>[1]>[0]) => {
    const auth = callerOf(ctx);
    requireAnyPermission(auth, 'engine.operate');
    const t = tenantSql(auth, 'tenant_id');
    const where = ['resolved_at IS NULL', t.sql];
    const params: unknown[] = [...t.params];
    const eq = (param: string, column: string) => {
      const v = q.str(ctx, param);
      if (v !== undefined) {
        where.push(`${column} = ?`);
        params.push(v);
      }
    };
    eq('incidentId', 'id');
    eq('incidentType', 'type');
    eq('processInstanceId', 'process_instance_id');
    eq('processDefinitionId', 'process_definition_id');
    eq('activityId', 'activity_id');
    eq('executionId', 'execution_id');
    eq('configuration', 'configuration');
    return { where: where.join(' AND '), params };
  };
  router.get('/incident', async (ctx) => {
    const { where, params } = filter(ctx);
    const rows = await env.deps.db.query<IncidentRow>(
      `SELECT * FROM incident WHERE ${where} ORDER BY created, id${pagingSql(q.int(ctx, 'firstResult'), q.int(ctx, 'maxResults'))}`,
      params,
    );
    ctx.body = rows.map((r) => ({
      id: r.id,
      processDefinitionId: r.process_definition_id,
      processInstanceId: r.process_instance_id,
      executionId: r.execution_id,
      incidentTimestamp: formatDate(Number(r.created)),
      incidentType: r.type,
      activityId: r.activity_id,
      failedActivityId: r.activity_id,
      causeIncidentId: r.id,
      rootCauseIncidentId: r.id,
      configuration: r.configuration,
      tenantId: r.tenant_id,
      incidentMessage: r.message,
      jobDefinitionId: null,
      annotation: null,
    }));
  });
  router.get('/incident/count', async (ctx) => {
    const { where, params } = filter(ctx);
    const [row] = await env.deps.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM incident WHERE ${where}`, params);
    ctx.body = { count: Number(row?.n ?? 0) };
  });
}
