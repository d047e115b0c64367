import type { Tx } from '../db/Database';
import type { AuthContext } from '../http/AuthContext';
import type { WorkerAuth } from '@safeflow/plugin-kit';

/**
 * Variables as the platform sees them: plain JSON-able values (string,
 * number, boolean, null, Date, objects/arrays). Gateways type them on the way
 * in (string → String, integer → Integer/Long, other numbers → Double, Date →
 * Date, objects → Json) and untype them on the way out, the same way for the
 * local engine and for a remote Camunda 7 / Operaton.
 */
export type GatewayVariables = Record<string, unknown>;

/** One file of a deployment. */
export interface GatewayResource {
  /** File name; `.bpmn` files become process definitions. */
  name: string;
  content: string;
}

/** Input of {@link EngineGateway.deploy}. */
export interface DeployRequest {
  /** Deployment name (duplicate filtering compares with the latest deployment of this name). */
  name: string;
  resources: GatewayResource[];
  tenantId?: string;
  /** Camunda's `deploy-changed-only`: unchanged resources keep their previous definition. */
  deployChangedOnly?: boolean;
}

/** Options of {@link EngineGateway.deploy}. */
export interface DeployOptions {
  /** Who deploys: the actor of the `process.deploy` audit entry SafeFlow's engine writes (default: the system). */
  actor?: { actorId: string; actorName: string };
  /**
   * A transaction of the platform's database the deployment joins (e.g. a
   * process definition publish): on SafeFlow's engine the deployment commits
   * or rolls back with it; against a remote engine the local transaction
   * stays open around the remote call (a local rollback after a successful
   * remote deploy cannot undo the remote one, so callers deploy last).
   */
  tx?: Tx;
}

/** A process definition (Camunda's ProcessDefinitionDto, the fields the platform uses). */
export interface EngineProcessDefinition {
  id: string;
  key: string;
  name: string | null;
  version: number;
  deploymentId: string;
  resource: string;
  tenantId: string | null;
  versionTag: string | null;
  suspended: boolean;
}

/** Result of {@link EngineGateway.deploy}: the deployment and the definitions it created (empty when nothing changed). */
export interface EngineDeployment {
  id: string;
  name: string | null;
  tenantId: string | null;
  deployedProcessDefinitions: EngineProcessDefinition[];
}

/** Filter of {@link EngineGateway.listProcessDefinitions}. */
export interface DefinitionQuery {
  key?: string;
  latestVersion?: boolean;
  tenantIdIn?: string[];
  firstResult?: number;
  maxResults?: number;
}

/** Input of {@link EngineGateway.startProcess} (latest version of `key`). */
export interface StartRequest {
  key: string;
  businessKey?: string;
  variables?: GatewayVariables;
  /** Needed when `key` is deployed for several tenants. */
  tenantId?: string;
  /**
   * The org the instance belongs to (the org the platform acts for, e.g. a
   * submission's org): its tasks, history and variables are visible to the
   * people whose data scope contains it. SafeFlow's engine checks that the
   * org exists (404 `org.not_found`) and lies in the definition's tenant (400
   * `process_instance.org_outside_tenant`); without it the instance belongs
   * to the tenant root. A remote Camunda / Operaton has no orgs: it ignores
   * `orgId` (and `actor`), its instances stay tenant-scoped.
   */
  orgId?: string;
  /** The person starting it: their data scope (engine.operate / task.work) must contain `orgId` (else 404 `org.not_found`). Without it the platform starts as itself. */
  actor?: AuthContext;
}

/** A process instance: running, or (from history) ended. */
export interface EngineProcessInstance {
  id: string;
  definitionId: string;
  businessKey: string | null;
  tenantId: string | null;
  ended: boolean;
  suspended: boolean;
}

/** Filter of {@link EngineGateway.listHistoricInstances} (Camunda's `GET /history/process-instance`), newest first. */
export interface HistoricInstanceQuery {
  /** Instances of any version of this definition key. */
  definitionKey: string;
  tenantIdIn?: string[];
  maxResults: number;
}

/** A process instance as history has it, running or ended (the part of Camunda's HistoricProcessInstanceDto the platform reads). */
export interface EngineHistoricInstance {
  id: string;
  definitionId: string;
  businessKey: string | null;
  tenantId: string | null;
  /** The start event it began at (which of several: a timer, a message, the none start). */
  startActivityId: string | null;
  /** Camunda's date format (`2026-12-04T08:00:00.000+0000`). */
  startTime: string;
  endTime: string | null;
  /** `ACTIVE`, `SUSPENDED`, `COMPLETED`, `EXTERNALLY_TERMINATED` or `INTERNALLY_TERMINATED`. */
  state: string;
}

/** Filter of {@link EngineGateway.listTasks} (Camunda's `GET /task` parameters). */
export interface TaskQuery {
  assignee?: string;
  /** Tasks this user may claim: candidate user, or a candidate group the engine resolves for the user (unassigned only). */
  candidateUser?: string;
  /** Tasks offered to any of these groups (SafeFlow: role keys; unassigned only). */
  candidateGroups?: string[];
  processInstanceId?: string;
  tenantIdIn?: string[];
  firstResult: number;
  maxResults: number;
}

/** A user task (Camunda's TaskDto, the fields the platform uses). */
export interface EngineTask {
  id: string;
  name: string | null;
  assignee: string | null;
  created: string;
  due: string | null;
  formKey: string | null;
  processInstanceId: string;
  processDefinitionId: string;
  taskDefinitionKey: string;
  tenantId: string | null;
  suspended: boolean;
  /** SafeFlow's own engine only: the owning org's path (a remote engine knows only the tenant). */
  orgPath?: string | null;
}

/** Options of {@link EngineGateway.completeTask}. */
export interface CompleteOptions {
  /**
   * The person completing the task: the engine's claim rules apply to them
   * (assignee, or unassigned with them among the candidates; operators
   * always). Without it the platform completes as itself.
   */
  actor?: AuthContext;
  /**
   * Work on the platform's database that must commit only if the task is
   * completed (e.g. storing the submission). Runs inside one transaction with
   * the completion on SafeFlow's engine; against a remote engine the local
   * transaction stays open around the remote call and rolls back when it fails.
   * Returned variables are added to `variables`.
   */
  inTransaction?: (tx: Tx) => Promise<GatewayVariables | void>;
}

/** Input of {@link EngineGateway.correlateMessage} (Camunda's `POST /message`). */
export interface MessageRequest {
  messageName: string;
  businessKey?: string;
  processInstanceId?: string;
  processVariables?: GatewayVariables;
  tenantId?: string;
  /** Correlate with every match instead of exactly one. */
  all?: boolean;
}

/** Where a worker (camunda-external-task-client-js) connects, and how it authenticates. */
export interface WorkerConnection {
  /** Base URL of a Camunda 7 REST API (`…/engine-rest`). */
  baseUrl: string;
  auth?: WorkerAuth;
}

/**
 * The platform's door to a BPMN engine: SafeFlow's own ({@link LocalEngineGateway})
 * or a Camunda 7 / Operaton cluster over its REST API ({@link RemoteEngineGateway},
 * when `ENGINE_URL` is set). The platform has already checked tenant and role
 * before it calls; the gateway acts as the platform. Errors are SafeFlowErrors:
 * the local engine's own codes (`task.not_found`, status 404, Camunda `type` on
 * `err.type`), or `engine.remote_error` (status of the remote, Camunda `type` on
 * `err.type` and in `details`) and `engine.remote_unreachable` (502) for a remote.
 */
export interface EngineGateway {
  /** `local` = SafeFlow's engine in this process; `remote` = an external Camunda 7 REST API. */
  readonly kind: 'local' | 'remote';
  /** Deploys resources (same key → next version; `deployChangedOnly` skips unchanged ones). */
  deploy(req: DeployRequest, opts?: DeployOptions): Promise<EngineDeployment>;
  /** Process definitions, ordered by key and version. */
  listProcessDefinitions(query?: DefinitionQuery): Promise<EngineProcessDefinition[]>;
  /** Starts the latest version of a definition; runs it to its first wait states. */
  startProcess(req: StartRequest): Promise<EngineProcessInstance>;
  /** A running instance, else the ended one from history; null when the engine knows neither. */
  getProcessInstance(id: string): Promise<EngineProcessInstance | null>;
  /** Instances of a definition key from history (running ones too), newest start first. */
  listHistoricInstances(query: HistoricInstanceQuery): Promise<EngineHistoricInstance[]>;
  /** The variables of a running instance (plain values). */
  getProcessVariables(processInstanceId: string): Promise<GatewayVariables>;
  /** User tasks, ordered by creation. */
  listTasks(query: TaskQuery): Promise<EngineTask[]>;
  /** A user task, or null when it does not exist (any more). */
  getTask(id: string): Promise<EngineTask | null>;
  /** Assigns the task to `userId` (someone else's task → TaskAlreadyClaimedException; one's own → no-op). */
  claimTask(id: string, userId: string): Promise<void>;
  /** Completes a user task with variables and continues the process, see {@link CompleteOptions}. */
  completeTask(id: string, variables: GatewayVariables, opts?: CompleteOptions): Promise<void>;
  /** The task's `camunda:formKey` (null when it has none; 404 error when the task does not exist). */
  getTaskFormKey(id: string): Promise<string | null>;
  /** Delivers a message to waiting executions or message start events; returns the process instance ids it reached. */
  correlateMessage(req: MessageRequest): Promise<string[]>;
  /** Base URL of the engine's REST API for workers (local: `${selfUrl}/engine-rest` of this node; remote: `ENGINE_URL`). */
  workerBaseUrl(selfUrl: string): string;
  /**
   * Where an in-process worker for `topics` connects ({@link workerBaseUrl}
   * plus credentials): the local engine gives it a topic-limited worker
   * credential, one per node and `name`, reused across restarts; a remote one
   * uses `ENGINE_USERNAME`/`ENGINE_PASSWORD` or `ENGINE_TOKEN`.
   */
  workerConnection(req: { selfUrl: string; name: string; topics: string[] }): Promise<WorkerConnection>;
}
