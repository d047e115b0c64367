import type Router from '@koa/router';
import type { Context } from 'koa';
import { formatDate } from '../core/dates';
import { EngineRestError, invalidRequest, notFound } from '../core/EngineRestError';
import { SetJobRetriesCommand } from '../jobs/SetJobRetriesCommand';
import type { JobRow } from '../persistence/rows';
import type { EngineRestEnv } from './EngineRestEnv';
import { filter, listRoutes, type QuerySpec } from './camundaQuery';
import { callerOf, instanceOrgPathSql, instanceOrgVisible, noContent, readBody, requireAnyPermission, tenantVisible } from './restHelpers';

const TIMERS = "j.type IN ('timer', 'timer-start')";
const MESSAGES = "j.type IN ('async-before', 'async-after', 'signal-event')";

/** `GET|POST /job` and `/count`: Camunda's JobQueryDto parameters (the common ones) and sortBy values. */
export const JOB_QUERY: QuerySpec = {
  from: 'job j',
  tenantColumn: 'j.tenant_id',
  orgColumn: instanceOrgPathSql('j'),
  filters: {
    jobId: filter.eq('j.id'),
    jobIds: filter.in('j.id'),
    processInstanceId: filter.eq('j.process_instance_id'),
    processInstanceIds: filter.in('j.process_instance_id'),
    executionId: filter.eq('j.execution_id'),
    processDefinitionId: filter.eq('j.definition_id'),
    processDefinitionKey: filter.custom((v) => ({ sql: 'j.definition_id IN (SELECT d.id FROM process_definition d WHERE d.def_key = ?)', params: [v] })),
    activityId: filter.eq('j.activity_id'),
    failedActivityId: filter.custom((v) => ({ sql: 'j.exception_message IS NOT NULL AND j.activity_id = ?', params: [v] })),
    withRetriesLeft: filter.flag('j.retries > 0'),
    noRetriesLeft: filter.flag('j.retries = 0'),
    executable: filter.flag((env) => ({ sql: 'j.retries > 0 AND j.suspended = 0 AND j.due_date <= ?', params: [env.now] })),
    timers: filter.flag(TIMERS),
    messages: filter.flag(MESSAGES),
    withException: filter.flag('j.exception_message IS NOT NULL'),
    exceptionMessage: filter.eq('j.exception_message'),
    active: filter.flag('j.suspended = 0'),
    suspended: filter.flag('j.suspended = 1'),
    tenantIdIn: filter.in('j.tenant_id'),
    withoutTenantId: filter.flag('j.tenant_id IS NULL'),
  },
  combined: (src) => {
    if (src.read('timers', 'bool') && src.read('messages', 'bool')) {
      // Camunda's JobQueryImpl refuses the combination with a ProcessEngineException (500)
      throw new EngineRestError('job.invalid_query', 'ProcessEngineException', 'Cannot combine onlyTimers() with onlyMessages() in the same query', { status: 500 });
    }
    return [];
  },
  sorts: {
    jobId: 'j.id',
    executionId: 'j.execution_id',
    processInstanceId: 'j.process_instance_id',
    processDefinitionId: 'j.definition_id',
    processDefinitionKey: '(SELECT d.def_key FROM process_definition d WHERE d.id = j.definition_id)',
    jobPriority: 'COALESCE(NULL, 0)', // jobs have no priority here (all 0)
    jobRetries: 'j.retries',
    jobDueDate: 'j.due_date',
    jobDefinitionId: 'j.id',
    tenantId: 'j.tenant_id',
  },
  order: ['j.due_date', 'j.id'],
};

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
  const load = async (ctx: Context): Promise<JobRow> => {
    requireAnyPermission(callerOf(ctx), 'engine.operate');
    const [row] = await env.deps.db.query<JobRow>(`SELECT * FROM job WHERE id = ?`, [ctx.params.id]);
    if (!row || !tenantVisible(callerOf(ctx), row.tenant_id) || !(await instanceOrgVisible(callerOf(ctx), env.deps.db, row.process_instance_id, row.tenant_id))) throw notFound('job.not_found', `Job with id ${ctx.params.id} does not exist`);
    return row;
  };

  listRoutes<JobRow>(router, env.deps, { path: '/job', spec: JOB_QUERY, dto: jobDto, post: true, permissions: ['engine.operate'] });
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
