import type Router from '@koa/router';
import type { Context } from 'koa';
import type { AuthContext } from '../../http/AuthContext';
import { CompleteExternalTaskCommand } from '../commands/CompleteExternalTaskCommand';
import { ExtendLockCommand } from '../commands/ExtendLockCommand';
import { FetchAndLockCommand, type FetchAndLockInput, type LockedTask, type TopicRequest } from '../commands/FetchAndLockCommand';
import { HandleBpmnErrorCommand } from '../commands/HandleBpmnErrorCommand';
import { HandleFailureCommand } from '../commands/HandleFailureCommand';
import { LockExternalTaskCommand } from '../commands/LockExternalTaskCommand';
import { SetExternalTaskPriorityCommand } from '../commands/SetExternalTaskPriorityCommand';
import { SetExternalTaskRetriesCommand } from '../commands/SetExternalTaskRetriesCommand';
import { UnlockExternalTaskCommand } from '../commands/UnlockExternalTaskCommand';
import { EngineRestError, forbidden, invalidRequest, notFound } from '../core/EngineRestError';
import { readWireVariables } from '../core/wireVariables';
import type { ExternalTaskRow } from '../persistence/rows';
import type { EngineRestEnv } from './EngineRestEnv';
import { externalTaskDto } from './externalTaskDto';
import { filter, listRoutes, type QueryEnv, type QuerySpec } from './camundaQuery';
import { callerOf, instanceOrgPathSql, instanceOrgVisible, noContent, q, readBody, requireAnyPermission, tenantsOf, tenantSql, tenantVisible } from './restHelpers';

/** Camunda's upper bound for `asyncResponseTimeout`. */
export const MAX_ASYNC_RESPONSE_TIMEOUT = 1_800_000;
const DEFAULT_WORKER_ID = 'some-random-id';

/** `/external-task/**`: fetchAndLock (with long polling), reports by workers, and admin calls. */
export function externalTaskRoutes(router: Router, env: EngineRestEnv): void {
  const { executor, deps } = env;
  const warnedDefault = new Set<string>();

  router.post('/external-task/fetchAndLock', async (ctx) => {
    const auth = callerOf(ctx);
    requireAnyPermission(auth, 'engine.work', 'engine.operate');
    const input = parseFetchAndLock(await readBody(ctx), auth);
    if (input.workerId === DEFAULT_WORKER_ID && !warnedDefault.has(auth.userId)) {
      warnedDefault.add(auth.userId);
      deps.logger.warn(
        { caller: auth.username },
        `a worker uses the client's default workerId '${DEFAULT_WORKER_ID}': give each worker its own workerId, or two workers can complete each other's tasks`,
      );
    }
    const timeout = input.asyncResponseTimeout;
    const topicNames = input.topics.map((t) => t.topicName);
    const generation = env.longPoll.generation(topicNames);
    const tasks = await executor.execute(new FetchAndLockCommand(input));
    if (tasks.length > 0 || !timeout) {
      ctx.body = tasks;
      return;
    }
    const answered = await new Promise<LockedTask[] | undefined>((resolve) => {
      const cancel = env.longPoll.register(
        topicNames,
        timeout,
        () => executor.execute(new FetchAndLockCommand(input)),
        (found) => resolve(found as LockedTask[]),
        // what decides the query's answer: the caller (scope) and the topics with their filters
        JSON.stringify([auth.kind, auth.userId, input.tenantScope ?? null, input.topics]),
      );
      if (!cancel) return resolve(undefined);
      // a client that hangs up is not answered and gets no tasks locked for it
      ctx.res.once('close', () => {
        if (!ctx.res.writableEnded) cancel();
      });
      if (env.longPoll.generation(topicNames) !== generation) env.longPoll.wake(topicNames);
    });
    if (answered === undefined) {
      // Camunda's FetchAndLockHandlerImpl answers a full queue exactly so.
      throw new EngineRestError(
        'external_task.too_many_requests',
        'InvalidRequestException',
        'At the moment the server has to handle too many requests at the same time. Please try again later.',
        { status: 500 },
      );
    }
    ctx.body = answered;
  });

  router.get('/external-task/topic-names', async (ctx) => {
    const auth = callerOf(ctx);
    const t = tenantSql(auth, 'tenant_id');
    const where = [t.sql];
    if (q.bool(ctx, 'withLockedTasks')) where.push('lock_expiration_time IS NOT NULL AND lock_expiration_time > ?');
    if (q.bool(ctx, 'withUnlockedTasks')) where.push('(lock_expiration_time IS NULL OR lock_expiration_time <= ?)');
    if (q.bool(ctx, 'withRetriesLeft')) where.push('(retries IS NULL OR retries > 0)');
    const params: unknown[] = [...t.params];
    for (const w of where) if (w.includes('?') && w.includes('lock_expiration_time')) params.push(env.deps.clock.now().getTime());
    const rows = await deps.db.query<{ topic_name: string }>(`SELECT DISTINCT topic_name FROM external_task WHERE ${where.join(' AND ')} ORDER BY topic_name`, params);
    let topics = rows.map((r) => r.topic_name);
    if (auth.topics) topics = topics.filter((x) => auth.topics!.includes(x));
    ctx.body = topics;
  });

  listRoutes<ExternalTaskRow>(router, deps, { path: '/external-task', spec: EXTERNAL_TASK_QUERY, dto: externalTaskDto, post: true });

  const loadVisible = async (ctx: Context, id: string): Promise<ExternalTaskRow> => {
    const auth = callerOf(ctx);
    const [row] = await deps.db.query<ExternalTaskRow>(`SELECT * FROM external_task WHERE id = ?`, [id]);
    if (
      !row ||
      !tenantVisible(auth, row.tenant_id) ||
      (auth.topics && !auth.topics.includes(row.topic_name)) ||
      !(await instanceOrgVisible(auth, deps.db, row.process_instance_id, row.tenant_id))
    ) {
      throw notFound('external_task.not_found', `External task with id ${id} does not exist`);
    }
    return row;
  };

  router.get('/external-task/:id', async (ctx) => {
    ctx.body = externalTaskDto(await loadVisible(ctx, ctx.params.id!));
  });

  router.get('/external-task/:id/errorDetails', async (ctx) => {
    const row = await loadVisible(ctx, ctx.params.id!);
    if (row.error_details === null) return noContent(ctx);
    ctx.body = row.error_details;
    ctx.set('Content-Type', 'text/plain');
  });

  router.post('/external-task/:id/complete', async (ctx) => {
    const body = await readBody(ctx);
    await loadVisible(ctx, ctx.params.id!);
    const vars = readWireVariables(body.variables, 'variables');
    const local = readWireVariables(body.localVariables, 'localVariables');
    await executor.execute(
      new CompleteExternalTaskCommand(ctx.params.id!, workerIdOf(body), vars.variables, local.variables, [...vars.transient, ...local.transient]),
    );
    noContent(ctx);
  });

  router.post('/external-task/:id/failure', async (ctx) => {
    const body = await readBody(ctx);
    await loadVisible(ctx, ctx.params.id!);
    await executor.execute(
      new HandleFailureCommand(ctx.params.id!, {
        workerId: workerIdOf(body),
        errorMessage: optStr(body.errorMessage, 'errorMessage'),
        errorDetails: optStr(body.errorDetails, 'errorDetails'),
        retries: optionalInt(body.retries, 'retries'),
        retryTimeout: optionalInt(body.retryTimeout, 'retryTimeout'),
        variables: readWireVariables(body.variables).variables,
        localVariables: readWireVariables(body.localVariables).variables,
      }),
    );
    noContent(ctx);
  });

  router.post('/external-task/:id/bpmnError', async (ctx) => {
    const body = await readBody(ctx);
    await loadVisible(ctx, ctx.params.id!);
    if (typeof body.errorCode !== 'string' || !body.errorCode) throw invalidRequest('external_task.missing_error_code', 'errorCode is null or empty');
    await executor.execute(
      new HandleBpmnErrorCommand(ctx.params.id!, workerIdOf(body), body.errorCode, optStr(body.errorMessage, 'errorMessage'), readWireVariables(body.variables).variables),
    );
    noContent(ctx);
  });

  router.post('/external-task/:id/extendLock', async (ctx) => {
    const body = await readBody(ctx);
    await loadVisible(ctx, ctx.params.id!);
    await executor.execute(new ExtendLockCommand(ctx.params.id!, workerIdOf(body), Number(body.newDuration)));
    noContent(ctx);
  });

  router.post('/external-task/:id/lock', async (ctx) => {
    const body = await readBody(ctx);
    await loadVisible(ctx, ctx.params.id!);
    await executor.execute(new LockExternalTaskCommand(ctx.params.id!, workerIdOf(body), Number(body.lockDuration)));
    noContent(ctx);
  });

  router.post('/external-task/:id/unlock', async (ctx) => {
    await loadVisible(ctx, ctx.params.id!);
    await executor.execute(new UnlockExternalTaskCommand(ctx.params.id!));
    noContent(ctx);
  });

  router.put('/external-task/:id/retries', async (ctx) => {
    const auth = callerOf(ctx);
    requireAnyPermission(auth, 'engine.operate');
    const body = await readBody(ctx);
    await loadVisible(ctx, ctx.params.id!);
    const retries = optionalInt(body.retries, 'retries');
    if (retries === undefined || retries === null) throw invalidRequest('external_task.missing_retries', 'retries is null');
    await executor.execute(new SetExternalTaskRetriesCommand(ctx.params.id!, retries));
    noContent(ctx);
  });

  router.put('/external-task/:id/priority', async (ctx) => {
    requireAnyPermission(callerOf(ctx), 'engine.operate');
    const body = await readBody(ctx);
    await loadVisible(ctx, ctx.params.id!);
    await executor.execute(new SetExternalTaskPriorityCommand(ctx.params.id!, Number(body.priority)));
    noContent(ctx);
  });
}

function workerIdOf(body: Record<string, unknown>): string {
  if (typeof body.workerId !== 'string' || body.workerId === '') throw invalidRequest('external_task.missing_worker_id', 'workerId is null or empty');
  return body.workerId;
}

function optionalInt(v: unknown, name: string): number | null | undefined {
  if (v === undefined || v === null) return v as undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw invalidRequest('engine.invalid_body', `'${name}' must be an integer`);
  return v;
}

function strList(v: unknown, name: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw invalidRequest('engine.invalid_body', `'${name}' must be an array of strings`);
  return v as string[];
}

function optStr(v: unknown, name: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidRequest('engine.invalid_body', `'${name}' must be a string`);
  return v;
}

/** Validates a fetchAndLock body (Camunda's rules) and applies the caller's topic and tenant limits. */
export function parseFetchAndLock(body: Record<string, unknown>, auth: AuthContext): FetchAndLockInput & { asyncResponseTimeout?: number } {
  const workerId = workerIdOf(body);
  if (typeof body.maxTasks !== 'number' || !Number.isInteger(body.maxTasks) || body.maxTasks < 0) {
    throw invalidRequest('external_task.invalid_max_tasks', 'maxTasks must be a non-negative integer');
  }
  let asyncResponseTimeout: number | undefined;
  if (body.asyncResponseTimeout !== undefined && body.asyncResponseTimeout !== null) {
    if (typeof body.asyncResponseTimeout !== 'number' || body.asyncResponseTimeout < 0) {
      throw invalidRequest('external_task.invalid_timeout', 'asyncResponseTimeout must be a non-negative number');
    }
    if (body.asyncResponseTimeout > MAX_ASYNC_RESPONSE_TIMEOUT) {
      throw invalidRequest(
        'external_task.timeout_too_long',
        `The asynchronous response timeout cannot be set to a value greater than ${MAX_ASYNC_RESPONSE_TIMEOUT} milliseconds`,
      );
    }
    asyncResponseTimeout = body.asyncResponseTimeout;
  }
  let sortCreateTime: 'asc' | 'desc' | undefined;
  if (body.sorting !== undefined && body.sorting !== null) {
    if (!Array.isArray(body.sorting)) throw invalidRequest('external_task.invalid_sorting', 'sorting must be an array');
    for (const s of body.sorting) {
      if (s?.sortBy !== 'createTime') throw invalidRequest('external_task.invalid_sorting', `Cannot sort by '${String(s?.sortBy)}'`);
      if (s.sortOrder !== 'asc' && s.sortOrder !== 'desc') throw invalidRequest('external_task.invalid_sorting', `Invalid sortOrder '${String(s.sortOrder)}'`);
      sortCreateTime ??= s.sortOrder;
    }
  }
  const rawTopics = body.topics ?? [];
  if (!Array.isArray(rawTopics)) throw invalidRequest('external_task.invalid_topics', 'topics must be an array');
  const topics: TopicRequest[] = rawTopics.map((t: Record<string, unknown>) => {
    if (!t || typeof t.topicName !== 'string' || !t.topicName) throw invalidRequest('external_task.invalid_topics', 'topicName is null or empty');
    if (typeof t.lockDuration !== 'number' || !(t.lockDuration > 0)) {
      throw invalidRequest('external_task.invalid_lock_duration', `lockDuration of topic '${t.topicName}' must be greater than 0`);
    }
    if (t.processVariables !== undefined && t.processVariables !== null && (typeof t.processVariables !== 'object' || Array.isArray(t.processVariables))) {
      throw invalidRequest('external_task.invalid_topics', 'processVariables must be an object');
    }
    return {
      topicName: t.topicName,
      lockDuration: Math.floor(t.lockDuration),
      variables: strList(t.variables, 'variables') ?? null,
      localVariables: t.localVariables === true,
      businessKey: optStr(t.businessKey, 'businessKey'),
      processDefinitionId: optStr(t.processDefinitionId, 'processDefinitionId'),
      processDefinitionIdIn: strList(t.processDefinitionIdIn, 'processDefinitionIdIn'),
      processDefinitionKey: optStr(t.processDefinitionKey, 'processDefinitionKey'),
      processDefinitionKeyIn: strList(t.processDefinitionKeyIn, 'processDefinitionKeyIn'),
      processDefinitionVersionTag: optStr(t.processDefinitionVersionTag, 'processDefinitionVersionTag'),
      processVariables: (t.processVariables as Record<string, unknown> | null | undefined) ?? undefined,
      tenantIdIn: strList(t.tenantIdIn, 'tenantIdIn'),
      withoutTenantId: t.withoutTenantId === true,
      includeExtensionProperties: t.includeExtensionProperties === true,
    };
  });
  if (auth.topics) {
    const denied = topics.filter((t) => !auth.topics!.includes(t.topicName)).map((t) => t.topicName);
    if (denied.length) throw forbidden(`Worker credential '${auth.username}' may not fetch topics: ${denied.join(', ')}`);
  }
  return {
    workerId,
    maxTasks: body.maxTasks,
    usePriority: body.usePriority === true,
    sortCreateTime,
    topics,
    asyncResponseTimeout,
    tenantScope: tenantsOf(auth),
  };
}

const now = (env: QueryEnv) => env.now;

/** `GET|POST /external-task` and `/count`: Camunda's ExternalTaskQueryDto parameters and sortBy values; worker credentials see their topics only. */
export const EXTERNAL_TASK_QUERY: QuerySpec = {
  from: 'external_task t',
  tenantColumn: 't.tenant_id',
  orgColumn: instanceOrgPathSql('t'),
  scope: ({ auth }) =>
    auth.topics ? { sql: auth.topics.length ? `t.topic_name IN (${auth.topics.map(() => '?').join(',')})` : '1=0', params: auth.topics } : undefined,
  filters: {
    externalTaskId: filter.eq('t.id'),
    externalTaskIdIn: filter.in('t.id'),
    topicName: filter.eq('t.topic_name'),
    workerId: filter.eq('t.worker_id'),
    locked: filter.flag((env) => ({ sql: 't.lock_expiration_time IS NOT NULL AND t.lock_expiration_time > ?', params: [now(env)] })),
    notLocked: filter.flag((env) => ({ sql: 't.lock_expiration_time IS NULL OR t.lock_expiration_time <= ?', params: [now(env)] })),
    withRetriesLeft: filter.flag('t.retries IS NULL OR t.retries > 0'),
    noRetriesLeft: filter.flag('t.retries = 0'),
    lockExpirationAfter: filter.date('t.lock_expiration_time', '>'),
    lockExpirationBefore: filter.date('t.lock_expiration_time', '<'),
    activityId: filter.eq('t.activity_id'),
    activityIdIn: filter.in('t.activity_id'),
    executionId: filter.eq('t.execution_id'),
    processInstanceId: filter.eq('t.process_instance_id'),
    processInstanceIdIn: filter.in('t.process_instance_id'),
    processDefinitionId: filter.eq('t.process_definition_id'),
    active: filter.flag('t.suspended = 0'),
    suspended: filter.flag('t.suspended = 1'),
    priorityHigherThanOrEquals: filter.intCompare('t.priority', '>='),
    priorityLowerThanOrEquals: filter.intCompare('t.priority', '<='),
    tenantIdIn: filter.in('t.tenant_id'),
  },
  sorts: {
    id: 't.id',
    lockExpirationTime: 't.lock_expiration_time',
    processInstanceId: 't.process_instance_id',
    processDefinitionId: 't.process_definition_id',
    processDefinitionKey: 't.process_definition_key',
    tenantId: 't.tenant_id',
    taskPriority: 't.priority',
    createTime: 't.create_time',
  },
  order: ['t.create_time', 't.id'],
};
