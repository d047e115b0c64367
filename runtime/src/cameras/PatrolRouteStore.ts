import crypto from 'node:crypto';
import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import { TOPIC_PATTERN } from '@safeflow/plugin-kit';
import type { AppDeps } from '../app/AppDeps';
import { actorOf, unitOfWork } from '../db/unitOfWork';
import { parseDate } from '../engine/core/dates';
import { engineGatewayOf } from '../engineGateway/engineGatewayOf';
import { LocalEngineGateway } from '../engineGateway/LocalEngineGateway';
import type { AuthContext } from '../http/AuthContext';
import { assertOrgAccess } from '../orgs/orgAccess';
import { DataScope } from '../tenancy/DataScope';
import { patrolBpmn } from './patrolBpmn';

/** Body of `POST /api/v1/patrol-routes`. */
export const PatrolRouteCreate = z.strictObject({
  orgId: z.string().min(1).max(36),
  name: z.string().trim().min(1).max(200),
  /** The stops, in order. */
  cameraIds: z.array(z.string().min(1).max(36)).min(1).max(500),
  /** The task type run at each stop (e.g. `video-diagnose`, `ai-detect`). */
  taskTopic: z.string().regex(TOPIC_PATTERN),
  /** Its `camunda:properties`. */
  taskConfig: z.record(z.string().max(100), z.string().max(2000)).default({}),
  /** ISO-8601 repeating interval (`R/PT2H`) or Quartz cron (`0 0 8 * * ?`); null = run by hand only. */
  schedule: z.string().trim().min(1).max(200).nullable().default(null),
  /** Role key of the people who get work orders raised by a stop (`workOrder = true`). */
  workOrderGroup: z.string().min(1).max(64).default('safetyOfficer'),
  /** Role key of the people who review the AI alarms of an `ai-detect` route (the review task's candidate group). */
  reviewGroup: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'a role key').default('safetyOfficer'),
  enabled: z.boolean().default(true),
});
export type PatrolRouteCreateInput = z.infer<typeof PatrolRouteCreate>;

/** Body of `PUT /api/v1/patrol-routes/:id`. */
export const PatrolRouteUpdate = PatrolRouteCreate.omit({ orgId: true }).extend({ revision: z.number().int().positive() });

/** A patrol route as the API returns it. */
export const PatrolRouteOut = z.object({
  id: z.string(),
  orgId: z.string(),
  name: z.string(),
  cameraIds: z.array(z.string()),
  taskTopic: z.string(),
  taskConfig: z.record(z.string(), z.string()),
  schedule: z.string().nullable(),
  workOrderGroup: z.string(),
  reviewGroup: z.string(),
  enabled: z.boolean(),
  processKey: z.string(),
  definitionId: z.string().nullable(),
  revision: z.number(),
});
export type PatrolRouteDto = z.infer<typeof PatrolRouteOut>;

/** `GET /api/v1/patrol-routes/:id/runs/:processInstanceId`: how far a patrol has come. */
export const PatrolRunStatusOut = z.object({
  processInstanceId: z.string(),
  ended: z.boolean(),
  /** Stops whose task has completed (null when the engine is remote and the runtime keeps no history). */
  stopsDone: z.number().nullable(),
  /** The route's cameras now (a disabled camera is skipped by the patrol). */
  stopsTotal: z.number(),
});
export type PatrolRunStatus = z.infer<typeof PatrolRunStatusOut>;

/** One patrol of a route in `GET /api/v1/patrol-routes/:id/runs`. */
export const PatrolRunOut = z.object({
  processInstanceId: z.string(),
  /** `schedule`: the route's timer started it; `manual`: 立即巡检 (or the REST API). */
  trigger: z.enum(['schedule', 'manual']),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** `terminated`: cancelled or failed before its last stop. */
  state: z.enum(['running', 'completed', 'terminated']),
  /** Stops whose task completed; AI alarms sent to review; camera work orders opened (null on a remote engine). */
  stopsDone: z.number().nullable(),
  alarms: z.number().nullable(),
  workOrders: z.number().nullable(),
});
export type PatrolRun = z.infer<typeof PatrolRunOut>;

/** Query of `GET /api/v1/patrol-routes/:id/runs`. */
export const PatrolRunsQuery = z.object({ maxResults: z.coerce.number().int().min(1).max(50).default(10) });

/** What {@link PatrolRouteStore} counts of a patrol in the engine's activity history (ids of {@link patrolBpmn}). */
type ActivityCounts = Partial<Record<'stop' | 'raiseAlarm' | 'workOrder', number>>;

/** A route's stops now: its cameras (a disabled camera is skipped by the patrol). */
const stopsOf = (row: Row) => (JSON.parse(row.camera_ids) as string[]).length;

interface Row {
  id: string;
  tenant_id: string;
  org_id: string;
  org_path: string;
  name: string;
  camera_ids: string;
  task_topic: string;
  task_config: string;
  schedule: string | null;
  process_key: string;
  definition_id: string | null;
  enabled: number;
  revision: number;
}

/**
 * Patrol routes (巡检路线 / 选择路线): ordered cameras, the task type run at
 * each stop, and a schedule. Saving a route deploys its BPMN
 * ({@link patrolBpmn}) for the route's tenant through the engine gateway (a
 * disabled route is deployed without its timer, which stops the schedule).
 * The stop's topic must be served (`deps.taskTypes.serves`), else 400
 * `patrol_route.unknown_task_type`; cameras must be visible to the caller in
 * the route's tenant, else 400 `patrol_route.unknown_camera`.
 */
export class PatrolRouteStore {
  constructor(private readonly deps: AppDeps) {}

  async list(auth: AuthContext): Promise<PatrolRouteDto[]> {
    const s = DataScope.of(auth, 'record.read').sql('org_path');
    return (await this.deps.db.query<Row>(`SELECT * FROM patrol_route WHERE ${s.sql} ORDER BY org_path, name, id`, s.params)).map(dtoOf);
  }

  async read(auth: AuthContext, id: string): Promise<PatrolRouteDto> {
    const row = await this.row(id);
    DataScope.of(auth, 'record.read').assertVisible(row?.org_path, 'patrol_route', id);
    return dtoOf(row!);
  }

  async create(auth: AuthContext, input: PatrolRouteCreateInput): Promise<PatrolRouteDto> {
    const [org] = await this.deps.db.query<{ path: string; tenant_id: string | null }>('SELECT path, tenant_id FROM org WHERE id = ?', [input.orgId]);
    assertOrgAccess(auth, org?.path, 'record.write', 'org', input.orgId);
    const tenantId = org!.tenant_id ?? input.orgId;
    await this.check(auth, tenantId, input);
    const id = crypto.randomUUID();
    const processKey = `patrol_${id.replace(/-/g, '').slice(0, 12)}`;
    const definitionId = await this.deploy(tenantId, id, processKey, input);
    await unitOfWork(this.deps, actorOf(auth), async (uow) => {
      const now = uow.now.getTime();
      await uow.tx.execute(
        `INSERT INTO patrol_route (id, tenant_id, org_id, org_path, name, camera_ids, task_topic, task_config, schedule, process_key, definition_id, enabled, created_at, updated_at, revision)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
        [id, tenantId, input.orgId, org!.path, input.name, JSON.stringify(input.cameraIds), input.taskTopic, JSON.stringify({ ...input.taskConfig, workOrderGroup: input.workOrderGroup, reviewGroup: input.reviewGroup }),
          input.schedule, processKey, definitionId, input.enabled ? 1 : 0, now, now],
      );
      await uow.audit({ orgId: input.orgId, orgPath: org!.path, action: 'patrol_route.create', targetType: 'patrol_route', targetId: id, change: input });
    });
    return this.read(auth, id);
  }

  async update(auth: AuthContext, id: string, input: z.infer<typeof PatrolRouteUpdate>): Promise<PatrolRouteDto> {
    const row = await this.row(id);
    assertOrgAccess(auth, row?.org_path, 'record.write', 'patrol_route', id);
    if (Number(row!.revision) !== input.revision) throw conflict(id);
    await this.check(auth, row!.tenant_id, input);
    const definitionId = await this.deploy(row!.tenant_id, id, row!.process_key, input);
    await unitOfWork(this.deps, actorOf(auth), async (uow) => {
      const n = await uow.tx.execute(
        `UPDATE patrol_route SET name = ?, camera_ids = ?, task_topic = ?, task_config = ?, schedule = ?, definition_id = ?, enabled = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?`,
        [input.name, JSON.stringify(input.cameraIds), input.taskTopic, JSON.stringify({ ...input.taskConfig, workOrderGroup: input.workOrderGroup, reviewGroup: input.reviewGroup }), input.schedule, definitionId,
          input.enabled ? 1 : 0, uow.now.getTime(), id, input.revision],
      );
      if (n !== 1) throw conflict(id);
      await uow.audit({ orgId: row!.org_id, orgPath: row!.org_path, action: 'patrol_route.update', targetType: 'patrol_route', targetId: id, change: input });
    });
    return this.read(auth, id);
  }

  /** Starts a patrol now (the route's none start event) for the route's org; resolves with the process instance id. */
  async run(auth: AuthContext, id: string): Promise<{ processInstanceId: string }> {
    const row = await this.row(id);
    assertOrgAccess(auth, row?.org_path, 'record.write', 'patrol_route', id);
    const pi = await engineGatewayOf(this.deps).startProcess({ key: row!.process_key, tenantId: row!.tenant_id, orgId: row!.org_id, businessKey: `patrol:${id}` });
    return { processInstanceId: pi.id };
  }

  /**
   * Where a patrol of the route stands (for the web app's 立即巡检, whose users may lack
   * `engine.operate` and so cannot read `/engine-rest/history`): ended or not, and how many
   * stops have run — counted from the in-process engine's history; null on a remote engine.
   * A process instance of another route (or none) is 404 `patrol_run.not_found`.
   */
  async runStatus(auth: AuthContext, id: string, processInstanceId: string): Promise<PatrolRunStatus> {
    const row = await this.row(id);
    DataScope.of(auth, 'record.read').assertVisible(row?.org_path, 'patrol_route', id);
    const gateway = engineGatewayOf(this.deps);
    const pi = await gateway.getProcessInstance(processInstanceId);
    // any instance of the route's own process: started by hand (business key patrol:<id>) or by its timer (none)
    if (!pi || !pi.definitionId.startsWith(`${row!.process_key}:`) || pi.tenantId !== row!.tenant_id) {
      throw new SafeFlowError('patrol_run.not_found', `No patrol '${processInstanceId}' of route '${id}'`, { status: 404 });
    }
    const stopsDone = gateway instanceof LocalEngineGateway ? ((await this.activityCounts([processInstanceId])).get(processInstanceId)?.stop ?? 0) : null;
    return { processInstanceId, ended: pi.ended, stopsDone, stopsTotal: stopsOf(row!) };
  }

  /**
   * The route's latest patrols, newest first, whether its timer or a person started them, from
   * the engine's history (local or remote). What each found — stops run, AI alarms sent to review
   * (`raiseAlarm`), camera work orders opened (`workOrder`) — is counted from the in-process
   * engine's activity history in one query; null on a remote engine.
   */
  async runs(auth: AuthContext, id: string, maxResults: number): Promise<{ items: PatrolRun[]; stopsTotal: number }> {
    const row = await this.row(id);
    DataScope.of(auth, 'record.read').assertVisible(row?.org_path, 'patrol_route', id);
    const gateway = engineGatewayOf(this.deps);
    const history = await gateway.listHistoricInstances({ definitionKey: row!.process_key, tenantIdIn: [row!.tenant_id], maxResults });
    const local = gateway instanceof LocalEngineGateway;
    const counts = local ? await this.activityCounts(history.map((h) => h.id)) : new Map<string, ActivityCounts>();
    const items = history.map((h): PatrolRun => {
      const c = counts.get(h.id) ?? {};
      return {
        processInstanceId: h.id,
        trigger: h.startActivityId === 'scheduled' ? 'schedule' : 'manual',
        startedAt: new Date(parseDate(h.startTime, 'startTime')).toISOString(),
        endedAt: h.endTime ? new Date(parseDate(h.endTime, 'endTime')).toISOString() : null,
        state: h.state === 'COMPLETED' ? 'completed' : h.state.endsWith('TERMINATED') ? 'terminated' : 'running',
        stopsDone: local ? (c.stop ?? 0) : null,
        alarms: local ? (c.raiseAlarm ?? 0) : null,
        workOrders: local ? (c.workOrder ?? 0) : null,
      };
    });
    return { items, stopsTotal: stopsOf(row!) };
  }

  /**
   * Per patrol instance, from the in-process engine's history in one query: stops whose task
   * completed, alarms thrown to review, work orders opened.
   */
  private async activityCounts(processInstanceIds: string[]): Promise<Map<string, ActivityCounts>> {
    const counts = new Map<string, ActivityCounts>();
    if (!processInstanceIds.length) return counts;
    const rows = await this.deps.db.query<{ pi: string; activity_id: keyof ActivityCounts; n: number | string }>(
      `SELECT process_instance_id AS pi, activity_id, COUNT(*) AS n FROM hist_activity_instance
       WHERE process_instance_id IN (${processInstanceIds.map(() => '?').join(', ')}) AND activity_id IN ('stop', 'raiseAlarm', 'workOrder')
         AND (activity_id <> 'stop' OR end_time IS NOT NULL)
       GROUP BY process_instance_id, activity_id`,
      processInstanceIds,
    );
    for (const r of rows) counts.set(r.pi, { ...counts.get(r.pi), [r.activity_id]: Number(r.n) });
    return counts;
  }

  private async check(auth: AuthContext, tenantId: string, input: { cameraIds: string[]; taskTopic: string }): Promise<void> {
    if (!this.deps.taskTypes.serves(input.taskTopic)) {
      throw new SafeFlowError('patrol_route.unknown_task_type', `No registered task type or remote worker serves the topic '${input.taskTopic}'`, {
        status: 400,
        details: { topic: input.taskTopic, known: this.deps.taskTypes.topics() },
      });
    }
    const ids = [...new Set(input.cameraIds)];
    const rows = await this.deps.db.query<{ id: string; org_path: string }>(`SELECT id, org_path FROM camera WHERE tenant_id = ? AND id IN (${ids.map(() => '?').join(',')})`, [tenantId, ...ids]);
    const scope = DataScope.of(auth, 'record.read');
    const visible = new Set(rows.filter((r) => scope.contains(r.org_path)).map((r) => r.id));
    const missing = ids.filter((i) => !visible.has(i));
    if (missing.length) throw new SafeFlowError('patrol_route.unknown_camera', `Unknown cameras: ${missing.join(', ')}`, { status: 400, details: { cameraIds: missing } });
  }

  private async deploy(tenantId: string, id: string, processKey: string, input: PatrolRouteCreateInput | z.infer<typeof PatrolRouteUpdate>): Promise<string | null> {
    const xml = patrolBpmn({
      processKey, name: `巡检路线 ${input.name}`, routeId: id, taskTopic: input.taskTopic, taskConfig: input.taskConfig,
      schedule: input.enabled ? input.schedule : null, workOrderGroup: input.workOrderGroup, reviewGroup: input.reviewGroup,
    });
    const dep = await engineGatewayOf(this.deps).deploy({ name: processKey, tenantId, resources: [{ name: `${processKey}.bpmn`, content: xml }], deployChangedOnly: true });
    return (dep.deployedProcessDefinitions.find((d) => d.key === processKey) ?? dep.deployedProcessDefinitions[0])?.id ?? null;
  }

  private async row(id: string): Promise<Row | undefined> {
    return (await this.deps.db.query<Row>('SELECT * FROM patrol_route WHERE id = ?', [id]))[0];
  }
}

function conflict(id: string): SafeFlowError {
  return new SafeFlowError('concurrency.conflict', `patrol route '${id}' was changed by someone else`, { status: 409 });
}

function dtoOf(r: Row): PatrolRouteDto {
  const { workOrderGroup, reviewGroup, ...taskConfig } = JSON.parse(r.task_config) as Record<string, string>;
  return {
    id: r.id, orgId: r.org_id, name: r.name, cameraIds: JSON.parse(r.camera_ids) as string[], taskTopic: r.task_topic, taskConfig,
    schedule: r.schedule, workOrderGroup: workOrderGroup ?? 'safetyOfficer', reviewGroup: reviewGroup ?? 'safetyOfficer', enabled: Number(r.enabled) === 1, processKey: r.process_key,
    definitionId: r.definition_id, revision: Number(r.revision),
  };
}
