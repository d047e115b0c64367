import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import type { AuthContext } from '../http/AuthContext';
import { bodySource, buildQuery, type QueryEnv, type SqlPart } from '../engine/rest/camundaQuery';
import { candidateFilter, TASK_QUERY } from '../engine/rest/task.route';
import type { UserTaskRow } from '../engine/persistence/rows';
import { parseTaskFormKey } from '../submissions/taskSubmit.route';
import { DataScope } from '../tenancy/DataScope';
import { orgIdOfPath } from '../orgs/orgIdOfPath';

/** Which tasks an inbox query lists. */
export type InboxScope = 'inbox' | 'mine' | 'claimable' | 'all';

/** Filters of {@link TaskInbox.list}. */
export interface InboxQuery {
  /** `inbox` (default): mine + claimable; `mine`: assigned to me; `claimable`: unassigned and offered to me or my roles; `all`: every task in my scope. */
  scope?: InboxScope;
  /** Tasks of this org and its sub-orgs (must be in the caller's scope, else 404 `org.not_found`). */
  orgId?: string;
  overdue?: boolean;
  /** Epoch ms. */
  dueBefore?: number;
  dueAfter?: number;
  processKey?: string;
  /** Text in the task name, business key or process name. */
  q?: string;
  page?: number;
  pageSize?: number;
}

/** One inbox row. */
export interface InboxTask {
  id: string;
  name: string | null;
  description: string | null;
  taskDefinitionKey: string;
  processInstanceId: string;
  processDefinitionId: string;
  processKey: string | null;
  processName: string | null;
  businessKey: string | null;
  assignee: string | null;
  assignedToMe: boolean;
  claimable: boolean;
  priority: number;
  created: string;
  due: string | null;
  overdue: boolean;
  formKey: string | null;
  form: { key: string; version: number | null } | null;
  orgId: string | null;
  orgName: string | null;
  orgPath: string | null;
  tenantId: string | null;
}

type Row = UserTaskRow & { process_key: string | null; process_name: string | null; org_id: string | null; org_name: string | null };

const likeEscape = (s: string) => s.replace(/[!%_]/g, (c) => '!' + c);

/**
 * The Workspace's task inbox over SafeFlow's own engine: the engine's
 * `/task` query spec (`TASK_QUERY`: tenant scope, org scope of the caller's
 * task.work / engine.operate memberships, Camunda's filters) and its
 * candidate rule (`candidateFilter`: the user, or one of their role keys as
 * candidate group), plus the joins a person needs to read a row (process
 * name, org name, form key).
 */
export class TaskInbox {
  constructor(private readonly deps: AppDeps) {}

  private env(auth: AuthContext): QueryEnv {
    return { auth, now: this.deps.clock.now().getTime(), dialect: this.deps.db.dialect, db: this.deps.db };
  }

  /** A page of tasks, soonest due first (overdue at the top), then newest. */
  async list(auth: AuthContext, query: InboxQuery): Promise<{ items: InboxTask[]; total: number; page: number; pageSize: number }> {
    const env = this.env(auth);
    const params: Record<string, unknown> = {};
    if (query.processKey) params.processDefinitionKey = query.processKey;
    if (query.dueBefore !== undefined) params.dueBefore = new Date(query.dueBefore).toISOString();
    if (query.dueAfter !== undefined) params.dueAfter = new Date(query.dueAfter).toISOString();
    const built = await buildQuery(TASK_QUERY, bodySource(params), env);
    const where = [built.where];
    const args = [...built.params];
    const add = (p: SqlPart) => {
      where.push(`(${p.sql})`);
      args.push(...p.params);
    };
    for (const p of await this.scopeParts(query.scope ?? 'inbox', env)) add(p);
    if (query.overdue !== undefined) {
      add(query.overdue ? { sql: 't.due IS NOT NULL AND t.due < ?', params: [env.now] } : { sql: 't.due IS NULL OR t.due >= ?', params: [env.now] });
    }
    if (query.orgId) {
      const [org] = await this.deps.db.query<{ path: string }>('SELECT path FROM org WHERE id = ?', [query.orgId]);
      DataScope.of(auth, ['task.work', 'engine.operate']).assertVisible(org?.path, 'org', query.orgId);
      add({ sql: "t.org_path LIKE ? ESCAPE '!'", params: [likeEscape(org!.path) + '%'] });
    }
    if (query.q?.trim()) {
      const like = `%${likeEscape(query.q.trim())}%`;
      add({
        sql: "t.name LIKE ? ESCAPE '!' OR t.business_key LIKE ? ESCAPE '!' OR t.process_definition_id IN (SELECT dq.id FROM process_definition dq WHERE dq.name LIKE ? ESCAPE '!')",
        params: [like, like, like],
      });
    }
    const page = Math.max(1, query.page ?? 1);
    const pageSize = Math.min(200, Math.max(1, query.pageSize ?? 20));
    const whereSql = where.join(' AND ');
    const [count] = await this.deps.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM user_task t WHERE ${whereSql}`, args);
    const rows = await this.deps.db.query<Row>(
      `SELECT t.*, d.def_key AS process_key, d.name AS process_name, o.id AS org_id, o.name AS org_name
         FROM user_task t
         LEFT JOIN process_definition d ON d.id = t.process_definition_id
         LEFT JOIN org o ON o.path = t.org_path
        WHERE ${whereSql}
        ORDER BY CASE WHEN t.due IS NULL THEN 1 ELSE 0 END, t.due ASC, t.created DESC, t.id
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      args,
    );
    return { items: rows.map((r) => this.toTask(r, auth, env.now)), total: Number(count?.n ?? 0), page, pageSize };
  }

  /** One task the caller may see (404 `task.not_found` otherwise — also for other tenants' and orgs' tasks). */
  async get(auth: AuthContext, id: string): Promise<InboxTask> {
    const env = this.env(auth);
    const built = await buildQuery(TASK_QUERY, bodySource({ taskId: id }), env);
    const [row] = await this.deps.db.query<Row>(
      `SELECT t.*, d.def_key AS process_key, d.name AS process_name, o.id AS org_id, o.name AS org_name
         FROM user_task t
         LEFT JOIN process_definition d ON d.id = t.process_definition_id
         LEFT JOIN org o ON o.path = t.org_path
        WHERE ${built.where}`,
      built.params,
    );
    if (!row) throw new SafeFlowError('task.not_found', `Task '${id}' not found`, { status: 404 });
    return this.toTask(row, auth, env.now);
  }

  private async scopeParts(scope: InboxScope, env: QueryEnv): Promise<SqlPart[]> {
    const me = env.auth.username;
    const mine: SqlPart = { sql: 't.assignee = ?', params: [me] };
    if (scope === 'all') return [];
    if (scope === 'mine') return [mine];
    // the engine's candidate rule: offered to me, or to one of my role keys; unassigned only
    const claimable = await candidateFilter(bodySource({ candidateUser: me }), env);
    const claimableSql: SqlPart = { sql: claimable.map((p) => `(${p.sql})`).join(' AND '), params: claimable.flatMap((p) => p.params) };
    if (scope === 'claimable') return [claimableSql];
    return [{ sql: `${mine.sql} OR (${claimableSql.sql})`, params: [...mine.params, ...claimableSql.params] }];
  }

  private toTask(r: Row, auth: AuthContext, now: number): InboxTask {
    const due = r.due === null || r.due === undefined ? null : Number(r.due);
    const form = parseTaskFormKey(r.form_key);
    const orgId = r.org_id ?? orgIdOfPath(r.org_path);
    return {
      id: r.id,
      name: r.name,
      description: r.description,
      taskDefinitionKey: r.task_definition_key,
      processInstanceId: r.process_instance_id,
      processDefinitionId: r.process_definition_id,
      processKey: r.process_key,
      processName: r.process_name,
      businessKey: r.business_key,
      assignee: r.assignee,
      assignedToMe: r.assignee === auth.username,
      claimable: r.assignee === null,
      priority: Number(r.priority),
      created: new Date(Number(r.created)).toISOString(),
      due: due === null ? null : new Date(due).toISOString(),
      overdue: due !== null && due < now,
      formKey: r.form_key,
      form: form ? { key: form.key, version: form.version ?? null } : null,
      orgId,
      orgName: r.org_name,
      orgPath: r.org_path,
      tenantId: r.tenant_id,
    };
  }
}
