import type Router from '@koa/router';
import type { Context } from 'koa';
import type { InstanceState } from '@safeflow/engine/bpmn';
import type { AuthContext } from '../../http/AuthContext';
import { ClaimTaskCommand } from '../commands/ClaimTaskCommand';
import { CompleteUserTaskCommand } from '../commands/CompleteUserTaskCommand';
import { SetAssigneeCommand } from '../commands/SetAssigneeCommand';
import { groupsOf } from '../commands/userTaskSupport';
import { formatDate, parseDate } from '../core/dates';
import { invalidRequest, notFound } from '../core/EngineRestError';
import { readWireVariables, toWireVariables } from '../core/wireVariables';
import type { UserTaskRow } from '../persistence/rows';
import { visibleVariables } from '../persistence/visibleVariables';
import type { EngineRestEnv } from './EngineRestEnv';
import { callerOf, noContent, pagingSql, q, readBody, requireAnyPermission, tenantSql, tenantVisible } from './restHelpers';

const SORT: Record<string, string> = {
  created: 't.created',
  dueDate: 't.due',
  followUpDate: 't.follow_up',
  priority: 't.priority',
  name: 't.name',
  assignee: 't.assignee',
  id: 't.id',
  instanceId: 't.process_instance_id',
  processInstanceId: 't.process_instance_id',
};

/** Camunda's TaskDto. */
export function taskDto(t: UserTaskRow) {
  return {
    id: t.id,
    name: t.name,
    assignee: t.assignee,
    owner: t.owner,
    created: formatDate(Number(t.created)),
    lastUpdated: null,
    due: formatDate(t.due === null ? null : Number(t.due)),
    followUp: formatDate(t.follow_up === null ? null : Number(t.follow_up)),
    delegationState: null,
    description: t.description,
    executionId: t.execution_id,
    parentTaskId: null,
    priority: Number(t.priority),
    processDefinitionId: t.process_definition_id,
    processInstanceId: t.process_instance_id,
    taskDefinitionKey: t.task_definition_key,
    caseExecutionId: null,
    caseInstanceId: null,
    caseDefinitionId: null,
    suspended: Number(t.suspended) === 1,
    formKey: t.form_key,
    camundaFormRef: null,
    tenantId: t.tenant_id,
  };
}

/** `/task/**`: the user task list (GET and POST query, count), claim rules, completion. */
export function taskRoutes(router: Router, env: EngineRestEnv): void {
  const { db } = env.deps;

  const load = async (ctx: Context): Promise<UserTaskRow> => {
    const auth = callerOf(ctx);
    requireAnyPermission(auth, 'task.work', 'engine.operate');
    const [row] = await db.query<UserTaskRow>(`SELECT * FROM user_task WHERE id = ?`, [ctx.params.id]);
    if (!row || !tenantVisible(auth, row.tenant_id)) throw notFound('task.not_found', `No matching task with id ${ctx.params.id}`);
    return row;
  };

  const query = async (ctx: Context, body: Record<string, unknown> | undefined, countOnly: boolean) => {
    const auth = callerOf(ctx);
    requireAnyPermission(auth, 'task.work', 'engine.operate');
    const { where, params } = await taskFilter(ctx, auth, body ?? {}, env);
    if (countOnly) {
      const [row] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM user_task t WHERE ${where}`, params);
      ctx.body = { count: Number(row?.n ?? 0) };
      return;
    }
    const sorting: Array<{ sortBy: string; sortOrder?: string }> = Array.isArray(body?.sorting)
      ? body!.sorting
      : q.str(ctx, 'sortBy')
        ? [{ sortBy: q.str(ctx, 'sortBy')!, sortOrder: q.str(ctx, 'sortOrder') }]
        : [];
    const order = sorting.map((s) => {
      const col = SORT[s.sortBy];
      if (!col) throw invalidRequest('task.invalid_sort', `Cannot set query parameter 'sortBy' to value '${s.sortBy}'`);
      if (s.sortOrder !== undefined && s.sortOrder !== 'asc' && s.sortOrder !== 'desc') {
        throw invalidRequest('task.invalid_sort', `Cannot set query parameter 'sortOrder' to value '${s.sortOrder}'`);
      }
      return `${col} ${s.sortOrder === 'desc' ? 'DESC' : 'ASC'}`;
    });
    order.push('t.created', 't.id');
    const rows = await db.query<UserTaskRow>(
      `SELECT t.* FROM user_task t WHERE ${where} ORDER BY ${order.join(', ')}${pagingSql(q.int(ctx, 'firstResult'), q.int(ctx, 'maxResults'))}`,
      params,
    );
    ctx.body = rows.map(taskDto);
  };

  router.get('/task', (ctx) => query(ctx, undefined, false));
  router.post('/task', async (ctx) => query(ctx, await readBody(ctx), false));
  router.get('/task/count', (ctx) => query(ctx, undefined, true));
  router.post('/task/count', async (ctx) => query(ctx, await readBody(ctx), true));

  router.get('/task/:id', async (ctx) => {
    ctx.body = taskDto(await load(ctx));
  });

  router.post('/task/:id/claim', async (ctx) => {
    const body = await readBody(ctx);
    await load(ctx);
    if (typeof body.userId !== 'string' || !body.userId) throw invalidRequest('task.missing_user', 'userId is null or empty');
    await env.executor.execute(new ClaimTaskCommand(ctx.params.id!, body.userId, callerOf(ctx)));
    noContent(ctx);
  });
  router.post('/task/:id/unclaim', async (ctx) => {
    await load(ctx);
    await env.executor.execute(new SetAssigneeCommand(ctx.params.id!, null, callerOf(ctx)));
    noContent(ctx);
  });
  router.post('/task/:id/assignee', async (ctx) => {
    const body = await readBody(ctx);
    await load(ctx);
    const userId = body.userId === null || body.userId === undefined ? null : String(body.userId);
    await env.executor.execute(new SetAssigneeCommand(ctx.params.id!, userId, callerOf(ctx)));
    noContent(ctx);
  });

  router.get('/task/:id/form-variables', async (ctx) => {
    const task = await load(ctx);
    const [inst] = await db.query<{ state: string }>(`SELECT state FROM process_instance WHERE id = ?`, [task.process_instance_id]);
    const state = inst ? (JSON.parse(inst.state) as InstanceState) : undefined;
    const names = q.list(ctx, 'variableNames');
    ctx.body = state ? toWireVariables(visibleVariables(state, task.execution_id), names) : {};
  });

  router.get('/task/:id/variables', async (ctx) => {
    const task = await load(ctx);
    const [inst] = await db.query<{ state: string }>(`SELECT state FROM process_instance WHERE id = ?`, [task.process_instance_id]);
    ctx.body = inst ? toWireVariables(visibleVariables(JSON.parse(inst.state) as InstanceState, task.execution_id)) : {};
  });

  const complete = async (ctx: Context) => {
    const body = await readBody(ctx);
    await load(ctx);
    const vars = readWireVariables(body.variables);
    const state = await env.executor.execute(new CompleteUserTaskCommand(ctx.params.id!, vars.variables, vars.transient, callerOf(ctx)));
    if (body.withVariablesInReturn === true) ctx.body = toWireVariables(state.variables);
    else noContent(ctx);
  };
  router.post('/task/:id/complete', complete);
  /** Camunda tasklists submit forms here; same semantics as complete. */
  router.post('/task/:id/submit-form', complete);

  router.get('/task/:id/identity-links', async (ctx) => {
    const task = await load(ctx);
    const links: Array<{ userId: string | null; groupId: string | null; type: string }> = [];
    if (task.assignee) links.push({ userId: task.assignee, groupId: null, type: 'assignee' });
    if (task.owner) links.push({ userId: task.owner, groupId: null, type: 'owner' });
    for (const u of JSON.parse(task.candidate_users ?? '[]') as string[]) links.push({ userId: u, groupId: null, type: 'candidate' });
    for (const g of JSON.parse(task.candidate_groups ?? '[]') as string[]) links.push({ userId: null, groupId: g, type: 'candidate' });
    const type = q.str(ctx, 'type');
    ctx.body = type ? links.filter((l) => l.type === type) : links;
  });
}

async function taskFilter(ctx: Context, auth: AuthContext, body: Record<string, unknown>, env: EngineRestEnv): Promise<{ where: string; params: unknown[] }> {
  const get = (n: string): string | undefined => (body[n] !== undefined && body[n] !== null ? String(body[n]) : q.str(ctx, n));
  const flag = (n: string): boolean => (body[n] !== undefined ? body[n] === true : q.bool(ctx, n) === true);
  const t = tenantSql(auth, 't.tenant_id');
  const where = [t.sql];
  const params: unknown[] = [...t.params];
  const eq = (param: string, column: string) => {
    const v = get(param);
    if (v !== undefined) {
      where.push(`${column} = ?`);
      params.push(v);
    }
  };
  eq('processInstanceId', 't.process_instance_id');
  eq('processInstanceBusinessKey', 't.business_key');
  eq('processDefinitionId', 't.process_definition_id');
  const defKey = get('processDefinitionKey');
  if (defKey !== undefined) {
    where.push('t.process_definition_id IN (SELECT d.id FROM process_definition d WHERE d.def_key = ?)');
    params.push(defKey);
  }
  eq('taskDefinitionKey', 't.task_definition_key');
  eq('assignee', 't.assignee');
  eq('taskId', 't.id');
  eq('name', 't.name');
  const tenantIdIn = Array.isArray(body.tenantIdIn) ? (body.tenantIdIn as string[]) : q.list(ctx, 'tenantIdIn');
  if (tenantIdIn) {
    where.push(tenantIdIn.length ? `t.tenant_id IN (${tenantIdIn.map(() => '?').join(',')})` : '1=0');
    params.push(...tenantIdIn);
  }
  if (flag('unassigned')) where.push('t.assignee IS NULL');
  if (flag('assigned')) where.push('t.assignee IS NOT NULL');
  const date = (param: string, column: string, op: string) => {
    const v = get(param);
    if (v !== undefined) {
      where.push(`${column} ${op} ?`);
      params.push(parseDate(v, param));
    }
  };
  date('dueBefore', 't.due', '<');
  date('dueAfter', 't.due', '>');
  date('createdBefore', 't.created', '<');
  date('createdAfter', 't.created', '>');
  const fu = get('followUpBeforeOrNotExistent');
  if (fu !== undefined) {
    where.push('(t.follow_up IS NULL OR t.follow_up < ?)');
    params.push(parseDate(fu, 'followUpBeforeOrNotExistent'));
  }
  const groups: string[] = [];
  const users: string[] = [];
  const candidateUser = get('candidateUser');
  if (candidateUser !== undefined) {
    users.push(candidateUser);
    groups.push(...(candidateUser === auth.username ? groupsOf(auth) : await groupsOfUser(env, candidateUser)));
  }
  const candidateGroup = get('candidateGroup');
  if (candidateGroup !== undefined) groups.push(candidateGroup);
  const cg = Array.isArray(body.candidateGroups) ? (body.candidateGroups as string[]) : q.list(ctx, 'candidateGroups');
  if (cg) groups.push(...cg);
  if (candidateUser !== undefined || candidateGroup !== undefined || cg) {
    const alts: string[] = [];
    if (users.length) {
      alts.push(`(c.kind = 'user' AND c.value IN (${users.map(() => '?').join(',')}))`);
      params.push(...users);
    }
    if (groups.length) {
      alts.push(`(c.kind = 'group' AND c.value IN (${groups.map(() => '?').join(',')}))`);
      params.push(...groups);
    }
    where.push(alts.length ? `EXISTS (SELECT 1 FROM task_candidate c WHERE c.task_id = t.id AND (${alts.join(' OR ')}))` : '1=0');
    if (!flag('includeAssignedTasks')) where.push('t.assignee IS NULL');
  }
  return { where: where.join(' AND '), params };
}

/** Role keys of another user (candidate groups); empty when the identity tables know no such user. */
async function groupsOfUser(env: EngineRestEnv, username: string): Promise<string[]> {
  try {
    const rows = await env.deps.db.query<{ role_key: string }>(
      `SELECT DISTINCT m.role_key FROM membership m JOIN user u ON u.id = m.user_id WHERE u.username = ?`,
      [username],
    );
    return rows.map((r) => r.role_key);
  } catch {
    return [];
  }
}
