import type { AppDeps } from '../app/AppDeps';
import type {
  CompleteOptions, DefinitionQuery, DeployRequest, EngineDeployment, EngineGateway, EngineHistoricInstance, EngineProcessDefinition,
  EngineProcessInstance, EngineTask, GatewayVariables, HistoricInstanceQuery, MessageRequest, StartRequest, TaskQuery, WorkerConnection,
} from './EngineGateway';
import { assertActorMayWork, type IdentityLink } from './assertActorMayWork';
import { CamundaRestClient } from './CamundaRestClient';
import { fromWire, toWire } from './gatewayVariables';
import { RemoteEngineError } from './RemoteEngineError';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Camunda DTOs are untyped JSON read field by field
type Dto = Record<string, any>;
const enc = encodeURIComponent;
const isNotFound = (err: unknown) => err instanceof RemoteEngineError && err.code === 'engine.remote_error' && err.status === 404;

/**
 * {@link EngineGateway} over the Camunda 7 REST API of an external engine
 * (`ENGINE_URL`: Operaton, Camunda 7, or another SafeFlow node's
 * `/engine-rest`). Only standard endpoints and fields are used; auth is
 * `ENGINE_USERNAME`/`ENGINE_PASSWORD` (Basic) or `ENGINE_TOKEN` (Bearer).
 */
export class RemoteEngineGateway implements EngineGateway {
  readonly kind = 'remote' as const;
  private readonly http: CamundaRestClient;

  constructor(
    private readonly deps: Pick<AppDeps, 'db'>,
    private readonly opts: { baseUrl: string; username?: string; password?: string; token?: string; timeoutMs: number },
  ) {
    const auth = opts.token ? { token: opts.token } : opts.username ? { username: opts.username, password: opts.password ?? '' } : undefined;
    this.http = new CamundaRestClient({ baseUrl: opts.baseUrl, auth, timeoutMs: opts.timeoutMs });
  }

  async deploy(req: DeployRequest): Promise<EngineDeployment> {
    const form = new FormData();
    form.append('deployment-name', req.name);
    form.append('deployment-source', 'safeflow');
    if (req.deployChangedOnly) {
      form.append('deploy-changed-only', 'true');
      form.append('enable-duplicate-filtering', 'true');
    }
    if (req.tenantId) form.append('tenant-id', req.tenantId);
    for (const r of req.resources) form.append(r.name, new Blob([r.content], { type: 'application/octet-stream' }), r.name);
    const d = await this.http.call<Dto>('POST', '/deployment/create', { form });
    return { id: d.id, name: d.name ?? null, tenantId: d.tenantId ?? null, deployedProcessDefinitions: Object.values((d.deployedProcessDefinitions ?? {}) as Record<string, Dto>).map(definitionOf) };
  }

  async listProcessDefinitions(q: DefinitionQuery = {}): Promise<EngineProcessDefinition[]> {
    const rows = await this.http.call<Dto[]>('GET', '/process-definition', {
      query: { key: q.key, latestVersion: q.latestVersion || undefined, tenantIdIn: q.tenantIdIn, sortBy: 'key', sortOrder: 'asc', firstResult: q.firstResult, maxResults: q.maxResults },
    });
    return rows.map(definitionOf).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.version - b.version));
  }

  async startProcess(req: StartRequest): Promise<EngineProcessInstance> {
    const path = req.tenantId ? `/process-definition/key/${enc(req.key)}/tenant-id/${enc(req.tenantId)}/start` : `/process-definition/key/${enc(req.key)}/start`;
    const pi = await this.http.call<Dto>('POST', path, { json: { variables: toWire(req.variables), businessKey: req.businessKey } });
    return instanceOf(pi);
  }

  async getProcessInstance(id: string): Promise<EngineProcessInstance | null> {
    try {
      return instanceOf(await this.http.call<Dto>('GET', `/process-instance/${enc(id)}`));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    const [h] = await this.http.call<Dto[]>('GET', '/history/process-instance', { query: { processInstanceId: id } });
    if (!h) return null;
    return { id: h.id, definitionId: h.processDefinitionId, businessKey: h.businessKey ?? null, tenantId: h.tenantId ?? null, ended: !!h.endTime, suspended: h.state === 'SUSPENDED' };
  }

  async listHistoricInstances(q: HistoricInstanceQuery): Promise<EngineHistoricInstance[]> {
    const rows = await this.http.call<Dto[]>('GET', '/history/process-instance', {
      query: { processDefinitionKey: q.definitionKey, tenantIdIn: q.tenantIdIn, sortBy: 'startTime', sortOrder: 'desc', firstResult: 0, maxResults: q.maxResults },
    });
    return rows.map((h) => ({
      id: h.id, definitionId: h.processDefinitionId, businessKey: h.businessKey ?? null, tenantId: h.tenantId ?? null, startActivityId: h.startActivityId ?? null,
      startTime: h.startTime, endTime: h.endTime ?? null, state: h.state,
    }));
  }

  async getProcessVariables(processInstanceId: string): Promise<GatewayVariables> {
    return fromWire(await this.http.call('GET', `/process-instance/${enc(processInstanceId)}/variables`, { query: { deserializeValues: false } }));
  }

  async listTasks(q: TaskQuery): Promise<EngineTask[]> {
    const rows = await this.http.call<Dto[]>('GET', '/task', {
      query: {
        assignee: q.assignee, candidateUser: q.candidateUser, candidateGroups: q.candidateGroups, processInstanceId: q.processInstanceId,
        tenantIdIn: q.tenantIdIn, sortBy: 'created', sortOrder: 'asc', firstResult: q.firstResult, maxResults: q.maxResults,
      },
    });
    return rows.map(taskOf);
  }

  async getTask(id: string): Promise<EngineTask | null> {
    try {
      return taskOf(await this.http.call<Dto>('GET', `/task/${enc(id)}`));
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async claimTask(id: string, userId: string): Promise<void> {
    await this.http.call('POST', `/task/${enc(id)}/claim`, { json: { userId } });
  }

  async completeTask(id: string, variables: GatewayVariables, opts: CompleteOptions = {}): Promise<void> {
    if (opts.actor) {
      const task = await this.http.call<Dto>('GET', `/task/${enc(id)}`);
      const links = await this.http.call<IdentityLink[]>('GET', `/task/${enc(id)}/identity-links`);
      assertActorMayWork(opts.actor, { id, assignee: task.assignee ?? null }, links);
    }
    const complete = (extra: GatewayVariables) => this.http.call('POST', `/task/${enc(id)}/complete`, { json: { variables: toWire({ ...variables, ...extra }) } });
    if (!opts.inTransaction) return void (await complete({}));
    const inTransaction = opts.inTransaction;
    await this.deps.db.transaction(async (tx) => complete((await inTransaction(tx)) ?? {}));
  }

  async getTaskFormKey(id: string): Promise<string | null> {
    const task = await this.http.call<Dto>('GET', `/task/${enc(id)}`);
    return task.formKey ?? null;
  }

  async correlateMessage(req: MessageRequest): Promise<string[]> {
    const results = await this.http.call<Dto[]>('POST', '/message', {
      json: {
        messageName: req.messageName, businessKey: req.businessKey, processInstanceId: req.processInstanceId, tenantId: req.tenantId,
        processVariables: toWire(req.processVariables), all: !!req.all, resultEnabled: true,
      },
    });
    return (results ?? []).map((r) => (r.resultType === 'Execution' ? r.execution?.processInstanceId : r.processInstance?.id)).filter(Boolean);
  }

  workerBaseUrl(): string {
    return this.http.baseUrl;
  }

  async workerConnection(): Promise<WorkerConnection> {
    const { username, password, token } = this.opts;
    return { baseUrl: this.http.baseUrl, auth: token ? { bearer: token } : username ? { username, password: password ?? '' } : undefined };
  }
}

function definitionOf(d: Dto): EngineProcessDefinition {
  return {
    id: d.id, key: d.key, name: d.name ?? null, version: Number(d.version), deploymentId: d.deploymentId, resource: d.resource,
    tenantId: d.tenantId ?? null, versionTag: d.versionTag ?? null, suspended: !!d.suspended,
  };
}

function instanceOf(pi: Dto): EngineProcessInstance {
  return { id: pi.id, definitionId: pi.definitionId, businessKey: pi.businessKey ?? null, tenantId: pi.tenantId ?? null, ended: !!pi.ended, suspended: !!pi.suspended };
}

function taskOf(t: Dto): EngineTask {
  return {
    id: t.id, name: t.name ?? null, assignee: t.assignee ?? null, created: t.created, due: t.due ?? null, formKey: t.formKey ?? null,
    processInstanceId: t.processInstanceId, processDefinitionId: t.processDefinitionId, taskDefinitionKey: t.taskDefinitionKey,
    tenantId: t.tenantId ?? null, suspended: !!t.suspended,
  };
}
