import type Router from '@koa/router';
import type { Context } from 'koa';
import type { InstanceState } from '@safeflow/engine/bpmn';
import type { Database } from '../../db/Database';
import { ClaimTaskCommand } from '../commands/ClaimTaskCommand';
import { CompleteUserTaskCommand } from '../commands/CompleteUserTaskCommand';
import { SetAssigneeCommand } from '../commands/SetAssigneeCommand';
import { groupsOf } from '../commands/userTaskSupport';
import { formatDate } from '../core/dates';
import { EngineRestError, invalidRequest, notFound } from '../core/EngineRestError';
import { readWrapped } from '../core/restLayerVariables';
import { readWireVariables, toWireVariables } from '../core/wireVariables';
import type { UserTaskRow } from '../persistence/rows';
import { visibleVariables } from '../persistence/visibleVariables';
import type { EngineRestEnv } from './EngineRestEnv';
import { filter, listRoutes, type Filter, type QueryEnv, type QuerySource, type QuerySpec, type SqlPart } from './camundaQuery';
import { callerOf, noContent, orgVisible, q, readBody, requireAnyPermission, tenantVisible } from './restHelpers';
import { parseTaskFormKey } from '../core/safeflowFormKey';

const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');
const definitionsWhere = (where: string) => `t.process_definition_id IN (SELECT d.id FROM process_definition d WHERE ${where})`;
const hasCandidate = (kind: 'user' | 'group') => `EXISTS (SELECT 1 FROM task_candidate c WHERE c.task_id = t.id AND c.kind = '${kind}')`;

/**
 * `candidateUser` / `candidateGroup` / `candidateGroups` (+ `includeAssignedTasks`):
 * tasks offered to the user (directly or through one of their groups) or to
 * the groups. Unassigned tasks only unless `includeAssignedTasks`.
 */
export async function candidateFilter(src: QuerySource, env: QueryEnv): Promise<SqlPart[]> {
  const candidateUser = src.read('candidateUser', 'string');
  const candidateGroup = src.read('candidateGroup', 'string');
  const candidateGroups = src.read('candidateGroups', 'list');
  if (candidateUser === undefined && candidateGroup === undefined && candidateGroups === undefined) return [];
  const users: string[] = [];
  const groups: string[] = [];
  if (candidateUser !== undefined) {
    users.push(candidateUser);
    groups.push(...(candidateUser === env.auth.username ? groupsOf(env.auth) : await groupsOfUser(env.db, candidateUser)));
  }
  if (candidateGroup !== undefined) groups.push(candidateGroup);
  if (candidateGroups) groups.push(...candidateGroups);
  const alts: string[] = [];
  const params: unknown[] = [];
  if (users.length) {
    alts.push(`(c.kind = 'user' AND c.value IN (${marks(users.length)}))`);
    params.push(...users);
  }
  if (groups.length) {
    alts.push(`(c.kind = 'group' AND c.value IN (${marks(groups.length)}))`);
    params.push(...groups);
  }
  const out: SqlPart[] = [{ sql: alts.length ? `EXISTS (SELECT 1 FROM task_candidate c WHERE c.task_id = t.id AND (${alts.join(' OR ')}))` : '1=0', params }];
  if (src.read('includeAssignedTasks', 'bool') !== true) out.push({ sql: 't.assignee IS NULL', params: [] });
  return out;
}

const processVariables = filter.variables('pv.state');

/** `GET|POST /task` and `/count`: Camunda's TaskQueryDto parameters (the commonly used ones) and sortBy values. */
export const TASK_QUERY: QuerySpec = {
  from: 'user_task t',
  tenantColumn: 't.tenant_id',
  orgColumn: 't.org_path',
  personal: ({ auth }) => personalTaskSql(auth.username),
  filters: {
    taskId: filter.eq('t.id'),
    taskIdIn: filter.in('t.id'),
    processInstanceId: filter.eq('t.process_instance_id'),
    processInstanceIdIn: filter.in('t.process_instance_id'),
    processInstanceBusinessKey: filter.eq('t.business_key'),
    processInstanceBusinessKeyIn: filter.in('t.business_key'),
    processInstanceBusinessKeyLike: filter.like('t.business_key'),
    processDefinitionId: filter.eq('t.process_definition_id'),
    processDefinitionKey: filter.custom((v) => ({ sql: definitionsWhere('d.def_key = ?'), params: [v] })),
    processDefinitionKeyIn: filter.customList((v) => ({ sql: definitionsWhere(`d.def_key IN (${marks(v.length)})`), params: v })),
    processDefinitionName: filter.custom((v) => ({ sql: definitionsWhere('d.name = ?'), params: [v] })),
    processDefinitionNameLike: filter.custom((v) => ({ sql: definitionsWhere('d.name LIKE ?'), params: [v] })),
    executionId: filter.eq('t.execution_id'),
    taskDefinitionKey: filter.eq('t.task_definition_key'),
    taskDefinitionKeyIn: filter.in('t.task_definition_key'),
    taskDefinitionKeyLike: filter.like('t.task_definition_key'),
    name: filter.eq('t.name'),
    nameNotEqual: filter.custom((v) => ({ sql: '(t.name IS NULL OR t.name <> ?)', params: [v] })),
    nameLike: filter.like('t.name'),
    nameNotLike: filter.custom((v) => ({ sql: '(t.name IS NULL OR t.name NOT LIKE ?)', params: [v] })),
    description: filter.eq('t.description'),
    descriptionLike: filter.like('t.description'),
    priority: filter.intEq('t.priority'),
    minPriority: filter.intCompare('t.priority', '>='),
    maxPriority: filter.intCompare('t.priority', '<='),
    assignee: filter.eq('t.assignee'),
    assigneeLike: filter.like('t.assignee'),
    assigneeIn: filter.in('t.assignee'),
    assigneeNotIn: filter.customList((v) => ({ sql: `(t.assignee IS NULL OR t.assignee NOT IN (${marks(v.length)}))`, params: v })),
    owner: filter.eq('t.owner'),
    assigned: filter.flag('t.assignee IS NOT NULL'),
    unassigned: filter.flag('t.assignee IS NULL'),
    withCandidateGroups: filter.flag(hasCandidate('group')),
    withoutCandidateGroups: filter.flag(`NOT ${hasCandidate('group')}`),
    withCandidateUsers: filter.flag(hasCandidate('user')),
    withoutCandidateUsers: filter.flag(`NOT ${hasCandidate('user')}`),
    dueDate: filter.date('t.due', '='),
    dueBefore: filter.date('t.due', '<'),
    dueAfter: filter.date('t.due', '>'),
    withoutDueDate: filter.flag('t.due IS NULL'),
    followUpDate: filter.date('t.follow_up', '='),
    followUpBefore: filter.date('t.follow_up', '<'),
    followUpAfter: filter.date('t.follow_up', '>'),
    followUpBeforeOrNotExistent: { type: 'date', build: (v) => ({ sql: '(t.follow_up IS NULL OR t.follow_up < ?)', params: [v] }) } satisfies Filter<'date'>,
    createdOn: filter.date('t.created', '='),
    createdBefore: filter.date('t.created', '<'),
    createdAfter: filter.date('t.created', '>'),
    active: filter.flag('t.suspended = 0'),
    suspended: filter.flag('t.suspended = 1'),
    tenantIdIn: filter.in('t.tenant_id'),
    withoutTenantId: filter.flag('t.tenant_id IS NULL'),
    processVariables: {
      type: 'variables',
      build: (conds, env) => {
        const inner = processVariables.build(conds, env)!;
        return { sql: `EXISTS (SELECT 1 FROM process_instance pv WHERE pv.id = t.process_instance_id AND ${inner.sql})`, params: inner.params };
      },
    } satisfies Filter<'variables'>,
  },
  combined: candidateFilter,
  sorts: {
    instanceId: 't.process_instance_id',
    processInstanceId: 't.process_instance_id',
    dueDate: 't.due',
    executionId: 't.execution_id',
    assignee: 't.assignee',
    created: 't.created',
    followUpDate: 't.follow_up',
    description: 't.description',
    id: 't.id',
    name: 't.name',
    nameCaseInsensitive: 'LOWER(t.name)',
    priority: 't.priority',
    tenantId: 't.tenant_id',
  },
  order: ['t.created', 't.id'],
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

/**
 * SQL: the task (alias `t`) names `username` personally — its assignee, or
 * one of its candidate users. Such a task is visible to that person even
 * when its instance belongs to an org outside their scope (a bureau's
 * instance assigning work to an enterprise's safety officer by name).
 */
export function personalTaskSql(username: string): { sql: string; params: unknown[] } {
  return {
    sql: `(t.assignee = ? OR EXISTS (SELECT 1 FROM task_candidate pc WHERE pc.task_id = t.id AND pc.kind = 'user' AND pc.value = ?))`,
    params: [username, username],
  };
}

/** Does the task row name `username` personally (see {@link personalTaskSql})? */
export async function namesPersonally(db: { query<T>(sql: string, params?: unknown[]): Promise<T[]> }, row: UserTaskRow, username: string): Promise<boolean> {
  if (row.assignee === username) return true;
  const [c] = await db.query<{ n: number }>(`SELECT 1 AS n FROM task_candidate WHERE task_id = ? AND kind = 'user' AND value = ?`, [row.id, username]);
  return !!c;
}

/** `/task/**`: the user task list (GET and POST query, count), claim rules, completion. */
export function taskRoutes(router: Router, env: EngineRestEnv): void {
  const { db } = env.deps;

  const load = async (ctx: Context): Promise<UserTaskRow> => {
    const auth = callerOf(ctx);
    requireAnyPermission(auth, 'task.work', 'engine.operate');
    const [row] = await db.query<UserTaskRow>(`SELECT * FROM user_task WHERE id = ?`, [ctx.params.id]);
    if (!row || !tenantVisible(auth, row.tenant_id) || !(orgVisible(auth, row.org_path, row.tenant_id) || (await namesPersonally(db, row, auth.username)))) {
      throw notFound('task.not_found', `No matching task with id ${ctx.params.id}`);
    }
    return row;
  };

  listRoutes<UserTaskRow>(router, env.deps, { path: '/task', spec: TASK_QUERY, dto: taskDto, post: true, permissions: ['task.work', 'engine.operate'] });

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

  /** Complete and submit-form share semantics; `action` names the call in Camunda's variable error ("Cannot complete task 42: ..."). */
  const complete = (action: string) => async (ctx: Context) => {
    const body = await readBody(ctx);
    const task = await load(ctx);
    const vars = readWrapped(`Cannot ${action} ${ctx.params.id}`, () => readWireVariables(body.variables));
    const form = parseTaskFormKey(task.form_key);
    let state: InstanceState;
    if (form) {
      // a SafeFlow form is completed only through its validation, whichever API is used
      const guard = env.services.formGuard;
      if (!guard) {
        throw invalidRequest(
          'task.form_validation_required',
          `Cannot ${action} ${ctx.params.id}: the task has the SafeFlow form '${form.key}', whose values must be validated; submit them with POST /api/v1/tasks/${ctx.params.id}/submit`,
        );
      }
      const accept = ctx.get('accept-language');
      const store = await guard({ auth: callerOf(ctx), task, form, variables: vars.variables, locale: /^\s*en\b/i.test(accept) ? 'en' : 'zh-CN' }).catch((err: unknown) => {
        const e = err as { code?: string; status?: number; message?: string; details?: unknown };
        if (e.status !== undefined && e.status >= 400 && e.status < 500) {
          throw new EngineRestError(e.code ?? 'submission.invalid', 'InvalidRequestException', `Cannot ${action} ${ctx.params.id}: the values of the SafeFlow form '${form.key}' are invalid: ${e.message}`, { status: 400, details: e.details });
        }
        throw err;
      });
      const id = ctx.params.id!;
      const auth = callerOf(ctx);
      state = await env.executor.execute<InstanceState>({
        name: 'CompleteFormTask',
        async execute(c) {
          const cleaned = await store(c.tx);
          return new CompleteUserTaskCommand(id, { ...vars.variables, ...cleaned }, vars.transient, auth).execute(c);
        },
      });
    } else {
      state = await env.executor.execute(new CompleteUserTaskCommand(ctx.params.id!, vars.variables, vars.transient, callerOf(ctx)));
    }
    if (body.withVariablesInReturn === true) ctx.body = toWireVariables(state.variables);
    else noContent(ctx);
  };
  router.post('/task/:id/complete', complete('complete task'));
  /** Camunda tasklists submit forms here; same semantics as complete. */
  router.post('/task/:id/submit-form', complete('submit task form'));

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

/** Role keys of another user (candidate groups); empty when the identity tables know no such user. */
async function groupsOfUser(db: Database, username: string): Promise<string[]> {
  try {
    const rows = await db.query<{ role_key: string }>(
      `SELECT DISTINCT m.role_key FROM membership m JOIN user u ON u.id = m.user_id WHERE u.username = ?`,
      [username],
    );
    return rows.map((r) => r.role_key);
  } catch {
    return [];
  }
}
