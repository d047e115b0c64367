import type { InstanceState } from '@safeflow/engine/bpmn';
import type { AppDeps } from '../app/AppDeps';
import { ensureWorkerCredential } from '../engine/auth/ensureWorkerCredential';
import { ClaimTaskCommand } from '../engine/commands/ClaimTaskCommand';
import { CompleteUserTaskCommand } from '../engine/commands/CompleteUserTaskCommand';
import { CorrelateMessageCommand } from '../engine/commands/CorrelateMessageCommand';
import { DeployCommand } from '../engine/commands/DeployCommand';
import { StartInstanceCommand } from '../engine/commands/StartInstanceCommand';
import type { Command } from '../engine/core/Command';
import type { CommandContext } from '../engine/core/CommandContext';
import { formatDate } from '../engine/core/dates';
import { notFound } from '../engine/core/EngineRestError';
import type { EngineHandle } from '../engine/engine.module';
import { findLatestDefinition } from '../engine/persistence/findDefinition';
import type { DefinitionRow, UserTaskRow } from '../engine/persistence/rows';
import { taskDto } from '../engine/rest/task.route';
import type { AuthContext } from '../http/AuthContext';
import type {
  CompleteOptions, DefinitionQuery, DeployOptions, DeployRequest, EngineDeployment, EngineGateway, EngineHistoricInstance, EngineProcessDefinition,
  EngineProcessInstance, EngineTask, GatewayVariables, HistoricInstanceQuery, MessageRequest, StartRequest, TaskQuery, WorkerConnection,
} from './EngineGateway';
import { fromVariableMap, toVariableMap } from './gatewayVariables';

/** The platform itself as the engine's caller (every tenant; the platform checked scope and role before calling). */
export const PLATFORM_ACTOR: AuthContext = { kind: 'user', userId: 'safeflow-platform', username: 'safeflow-platform', platformAdmin: true, memberships: [] };

const inList = (column: string, values: readonly unknown[]) => (values.length ? `${column} IN (${values.map(() => '?').join(',')})` : '1=0');
const paging = (first = 0, max = 100_000) => ` LIMIT ${Math.max(0, Math.min(Math.floor(max), 100_000))} OFFSET ${Math.max(0, Math.floor(first))}`;

/** {@link EngineGateway} on SafeFlow's own engine: commands run through its executor (one transaction each); reads query its tables. */
export class LocalEngineGateway implements EngineGateway {
  readonly kind = 'local' as const;

  constructor(
    private readonly deps: AppDeps,
    private readonly engine: EngineHandle,
  ) {}

  async deploy(req: DeployRequest, opts: DeployOptions = {}): Promise<EngineDeployment> {
    const cmd = new DeployCommand({
      name: req.name, source: 'safeflow', tenantId: req.tenantId ?? null,
      deployChangedOnly: !!req.deployChangedOnly, enableDuplicateFiltering: !!req.deployChangedOnly, resources: req.resources,
      actor: opts.actor,
    });
    const r = opts.tx ? await this.engine.executor.executeIn(opts.tx, cmd) : await this.engine.executor.execute(cmd);
    return { id: r.deployment.id, name: r.deployment.name, tenantId: r.deployment.tenant_id, deployedProcessDefinitions: (r.definitions ?? []).map(definitionOf) };
  }

  async listProcessDefinitions(q: DefinitionQuery = {}): Promise<EngineProcessDefinition[]> {
    const where = ['1=1'];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      where.push(sql);
      params.push(...values);
    };
    if (q.key !== undefined) add('d.def_key = ?', q.key);
    if (q.tenantIdIn) add(inList('d.tenant_id', q.tenantIdIn), ...q.tenantIdIn);
    if (q.latestVersion) {
      where.push(`d.version = (SELECT MAX(d2.version) FROM process_definition d2 WHERE d2.def_key = d.def_key AND COALESCE(d2.tenant_id, '') = COALESCE(d.tenant_id, ''))`);
    }
    const rows = await this.deps.db.query<DefinitionRow>(
      `SELECT d.* FROM process_definition d WHERE ${where.join(' AND ')} ORDER BY d.def_key, d.version, d.id${paging(q.firstResult, q.maxResults)}`,
      params,
    );
    return rows.map(definitionOf);
  }

  async startProcess(req: StartRequest): Promise<EngineProcessInstance> {
    const def = await this.deps.db.transaction((tx) => findLatestDefinition(tx, req.key, undefined, req.tenantId));
    const state = await this.engine.executor.execute(
      new StartInstanceCommand({
        definitionId: def.id, businessKey: req.businessKey, variables: toVariableMap(req.variables), transient: [], orgId: req.orgId, auth: req.actor,
      }),
    );
    return { id: state.processInstanceId, definitionId: def.id, businessKey: state.businessKey ?? null, tenantId: def.tenant_id, ended: state.ended, suspended: false };
  }

  async getProcessInstance(id: string): Promise<EngineProcessInstance | null> {
    const [run] = await this.deps.db.query<{ id: string; definition_id: string; business_key: string | null; tenant_id: string | null; suspended: number }>(
      'SELECT id, definition_id, business_key, tenant_id, suspended FROM process_instance WHERE id = ?',
      [id],
    );
    if (run) return { id, definitionId: run.definition_id, businessKey: run.business_key, tenantId: run.tenant_id, ended: false, suspended: Number(run.suspended) === 1 };
    const [hist] = await this.deps.db.query<{ definition_id: string; business_key: string | null; tenant_id: string | null; end_time: number | null }>(
      'SELECT definition_id, business_key, tenant_id, end_time FROM hist_process_instance WHERE id = ?',
      [id],
    );
    if (!hist) return null;
    return { id, definitionId: hist.definition_id, businessKey: hist.business_key, tenantId: hist.tenant_id, ended: hist.end_time !== null, suspended: false };
  }

  async listHistoricInstances(q: HistoricInstanceQuery): Promise<EngineHistoricInstance[]> {
    const tenants = q.tenantIdIn ?? [];
    const rows = await this.deps.db.query<{
      id: string; definition_id: string; business_key: string | null; tenant_id: string | null; start_activity_id: string | null;
      start_time: number | string; end_time: number | string | null; state: string;
    }>(
      `SELECT id, definition_id, business_key, tenant_id, start_activity_id, start_time, end_time, state FROM hist_process_instance
       WHERE definition_key = ?${tenants.length ? ` AND tenant_id IN (${tenants.map(() => '?').join(', ')})` : ''}
       ORDER BY start_time DESC, id DESC${paging(0, q.maxResults)}`,
      [q.definitionKey, ...tenants],
    );
    return rows.map((r) => ({
      id: r.id, definitionId: r.definition_id, businessKey: r.business_key, tenantId: r.tenant_id, startActivityId: r.start_activity_id,
      startTime: formatDate(Number(r.start_time))!, endTime: formatDate(r.end_time === null ? null : Number(r.end_time)), state: r.state,
    }));
  }

  async getProcessVariables(processInstanceId: string): Promise<GatewayVariables> {
    const [row] = await this.deps.db.query<{ state: string }>('SELECT state FROM process_instance WHERE id = ?', [processInstanceId]);
    if (!row) throw notFound('process_instance.not_found', `Process instance with id ${processInstanceId} does not exist`);
    return fromVariableMap((JSON.parse(row.state) as InstanceState).variables);
  }

  async listTasks(q: TaskQuery): Promise<EngineTask[]> {
    const where = ['1=1'];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      where.push(sql);
      params.push(...values);
    };
    if (q.assignee !== undefined) add('t.assignee = ?', q.assignee);
    if (q.processInstanceId !== undefined) add('t.process_instance_id = ?', q.processInstanceId);
    if (q.tenantIdIn) add(inList('t.tenant_id', q.tenantIdIn), ...q.tenantIdIn);
    if (q.candidateUser !== undefined || q.candidateGroups) {
      const users = q.candidateUser !== undefined ? [q.candidateUser] : [];
      const groups = [...(q.candidateGroups ?? []), ...(q.candidateUser !== undefined ? await this.groupsOfUser(q.candidateUser) : [])];
      const alts = [`(c.kind = 'user' AND ${inList('c.value', users)})`, `(c.kind = 'group' AND ${inList('c.value', groups)})`];
      where.push(`t.assignee IS NULL AND EXISTS (SELECT 1 FROM task_candidate c WHERE c.task_id = t.id AND (${alts.join(' OR ')}))`);
      params.push(...users, ...groups);
    }
    const rows = await this.deps.db.query<UserTaskRow>(
      `SELECT t.* FROM user_task t WHERE ${where.join(' AND ')} ORDER BY t.created, t.id${paging(q.firstResult, q.maxResults)}`,
      params,
    );
    return rows.map(taskOf);
  }

  async getTask(id: string): Promise<EngineTask | null> {
    const [row] = await this.deps.db.query<UserTaskRow>('SELECT * FROM user_task WHERE id = ?', [id]);
    return row ? taskOf(row) : null;
  }

  async claimTask(id: string, userId: string): Promise<void> {
    await this.engine.executor.execute(new ClaimTaskCommand(id, userId, PLATFORM_ACTOR));
  }

  async completeTask(id: string, variables: GatewayVariables, opts: CompleteOptions = {}): Promise<void> {
    await this.engine.executor.execute<void>({
      name: 'GatewayCompleteTask',
      async execute(ctx: CommandContext) {
        const extra = (await opts.inTransaction?.(ctx.tx)) ?? {};
        await new CompleteUserTaskCommand(id, toVariableMap({ ...variables, ...extra }), [], opts.actor ?? PLATFORM_ACTOR).execute(ctx);
      },
    } satisfies Command<void>);
  }

  async getTaskFormKey(id: string): Promise<string | null> {
    const task = await this.getTask(id);
    if (!task) throw notFound('task.not_found', `No matching task with id ${id}`);
    return task.formKey;
  }

  async correlateMessage(req: MessageRequest): Promise<string[]> {
    const results = await this.engine.executor.execute(
      new CorrelateMessageCommand({
        messageName: req.messageName, businessKey: req.businessKey, processInstanceId: req.processInstanceId,
        correlationKeys: {}, processVariables: toVariableMap(req.processVariables), all: !!req.all,
        tenantScope: req.tenantId ? [req.tenantId] : undefined,
      }),
    );
    return results.map((r) => r.processInstanceId);
  }

  workerBaseUrl(selfUrl: string): string {
    return `${selfUrl}/engine-rest`;
  }

  async workerConnection(req: { selfUrl: string; name: string; topics: string[] }): Promise<WorkerConnection> {
    // One credential per (node, worker name), reused across restarts: the table does not grow per start.
    const cred = await ensureWorkerCredential(this.deps, { name: req.name, topics: req.topics });
    return { baseUrl: this.workerBaseUrl(req.selfUrl), auth: { username: cred.id, password: cred.secret } };
  }

  /** Candidate groups of a user are the role keys of their memberships. */
  private async groupsOfUser(username: string): Promise<string[]> {
    const rows = await this.deps.db.query<{ role_key: string }>(
      'SELECT DISTINCT m.role_key FROM membership m JOIN user u ON u.id = m.user_id WHERE u.username = ?',
      [username],
    );
    return rows.map((r) => r.role_key);
  }
}

function definitionOf(d: DefinitionRow): EngineProcessDefinition {
  return {
    id: d.id, key: d.def_key, name: d.name, version: Number(d.version), deploymentId: d.deployment_id, resource: d.resource_name,
    tenantId: d.tenant_id, versionTag: d.version_tag, suspended: Number(d.suspended) === 1,
  };
}

function taskOf(row: UserTaskRow): EngineTask {
  const t = taskDto(row);
  return {
    id: t.id, name: t.name, assignee: t.assignee, created: t.created!, due: t.due, formKey: t.formKey, processInstanceId: t.processInstanceId,
    processDefinitionId: t.processDefinitionId, taskDefinitionKey: t.taskDefinitionKey, tenantId: t.tenantId, suspended: t.suspended, orgPath: row.org_path,
  };
}
