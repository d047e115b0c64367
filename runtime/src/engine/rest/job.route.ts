import type Router from '@koa/router';
import type { Context } from 'koa';
import { formatDate } from '../core/dates';
import { invalidRequest, notFound } from '../core/EngineRestError';
import { SetJobRetriesCommand } from '../jobs/SetJobRetriesCommand';
import type { JobRow } from '../persistence/rows';
import type { EngineRestEnv } from './EngineRestEnv';
import { callerOf, noContent, pagingSql, q, readBody, requireAnyPermission, tenantSql, tenantVisible } from './restHelpers';

/** Camunda's JobDto. */
function jobDto(j: JobRow) {
  return {
    id: j.id,
    jobDefinitionId: null,
    dueDate: formatDate(Number(j.due_date)),
    processInstanceId: j.process_instance_id,
    executionId: j.execution_id,
    processDefinitionId: j.definition_id,
    processDefinitionKey: j.definition_id.split(':')[0] ?? null,
    retries: Number(j.retries),
    exceptionMessage: j.exception_message,
    failedActivityId: j.exception_message ? j.activity_id : null,
    suspended: Number(j.suspended) === 1,
    priority: 0,
    tenantId: j.tenant_id,
    createTime: null,
  };
}

/** `/job/**`: list jobs (timers, async continuations), read their stack trace, set retries (resolves failedJob incidents). */
export function jobRoutes(router: Router, env: EngineRestEnv): void {
  const filter = (ctx: Context) => {
    const auth = callerOf(ctx);
    requireAnyPermission(auth, 'engine.operate');
    const t = tenantSql(auth, 'j.tenant_id');
    const where = [t.sql];
    const params: unknown[] = [...t.params];
    for (const [param, column] of Object.entries({ jobId: 'j.id', processInstanceId: 'j.process_instance_id', executionId: 'j.execution_id', processDefinitionId: 'j.definition_id', activityId: 'j.activity_id' })) {
      const v = q.str(ctx, param);
      if (v !== undefined) {
        where.push(`${column} = ?`);
        params.push(v);
      }
    }
    if (q.bool(ctx, 'withException')) where.push('j.exception_message IS NOT NULL');
    if (q.bool(ctx, 'noRetriesLeft')) where.push('j.retries = 0');
    if (q.bool(ctx, 'withRetriesLeft')) where.push('j.retries > 0');
    if (q.bool(ctx, 'timers')) where.push("j.type IN ('timer', 'timer-start')");
    if (q.bool(ctx, 'messages')) where.push("j.type IN ('async-before', 'async-after', 'signal-event')");
    return { where: where.join(' AND '), params };
  };
  const load = async (ctx: Context): Promise<JobRow> => {
    requireAnyPermission(callerOf(ctx), 'engine.operate');
    const [row] = await env.deps.db.query<JobRow>(`SELECT * FROM job WHERE id = ?`, [ctx.params.id]);
    if (!row || !tenantVisible(callerOf(ctx), row.tenant_id)) throw notFound('job.not_found', `Job with id ${ctx.params.id} does not exist`);
    return row;
  };

  router.get('/job', async (ctx) => {
    const { where, params } = filter(ctx);
    const rows = await env.deps.db.query<JobRow>(`SELECT j.* FROM job j WHERE ${where} ORDER BY j.due_date, j.id${pagingSql(q.int(ctx, 'firstResult'), q.int(ctx, 'maxResults'))}`, params);
    ctx.body = rows.map(jobDto);
  });
  router.get('/job/count', async (ctx) => {
    const { where, params } = filter(ctx);
    const [row] = await env.deps.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM job j WHERE ${where}`, params);
    ctx.body = { count: Number(row?.n ?? 0) };
  });
  router.get('/job/:id', async (ctx) => {
    ctx.body = jobDto(await load(ctx));
  });
  router.get('/job/:id/stacktrace', async (ctx) => {
    const job = await load(ctx);
    if (!job.exception_details) return noContent(ctx);
    ctx.body = job.exception_details;
    ctx.set('Content-Type', 'text/plain');
  });
  router.put('/job/:id/retries', async (ctx) => {
    const body = await readBody(ctx);
    await load(ctx);
    if (typeof body.retries !== 'number') throw invalidRequest('job.missing_retries', 'retries is null');
    await env.executor.execute(new SetJobRetriesCommand(ctx.params.id!, body.retries));
    noContent(ctx);
  });
}
