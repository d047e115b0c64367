import type Router from '@koa/router';
import type { TypedValue } from '@safeflow/engine/bpmn';
import { formatDate } from '../core/dates';
import { notFound } from '../core/EngineRestError';
import { toWireVariable } from '../core/wireVariables';
import type { EngineRestEnv } from './EngineRestEnv';
import { filter, listRoutes, typedValueCondition, type QuerySpec, type SqlPart } from './camundaQuery';
import { callerOf, historicOrgPathSql, orgVisible, requireAnyPermission, tenantVisible } from './restHelpers';

type Row = Record<string, unknown>;
const date = (v: unknown) => (v === null || v === undefined ? null : formatDate(Number(v)));
const duration = (r: Row, start: string, end: string) =>
  r[end] === null || r[end] === undefined ? null : Number(r[end]) - Number(r[start]);
const inList = (column: string, not = false) =>
  filter.customList((v) => ({
    sql: `${column} ${not ? 'NOT IN' : 'IN'} (${v.map(() => '?').join(',')})`,
    params: v,
  }));
/** `startedBefore/After`, `finishedBefore/After`: inclusive bounds, as Camunda's history queries. */
const timeBounds = (start: string, end: string) => ({
  startedBefore: filter.date(start, '<='),
  startedAfter: filter.date(start, '>='),
  finishedBefore: filter.date(end, '<='),
  finishedAfter: filter.date(end, '>='),
  finished: filter.flag(`${end} IS NOT NULL`),
  unfinished: filter.flag(`${end} IS NULL`),
});
const tenancy = (column: string) => ({
  tenantIdIn: filter.in(column),
  withoutTenantId: filter.flag(`${column} IS NULL`),
});
const incidentOf = (where: string) =>
  `EXISTS (SELECT 1 FROM incident i WHERE i.process_instance_id = h.id AND ${where})`;
const definitionsWithKey = (column: string) =>
  filter.custom((v) => ({
    sql: `${column} IN (SELECT d.id FROM process_definition d WHERE d.def_key = ?)`,
    params: [v],
  }));

/** `/history/process-instance`: Camunda's HistoricProcessInstanceQueryDto parameters and sortBy values. */
export const HISTORIC_PROCESS_INSTANCE_QUERY: QuerySpec = {
  from: 'hist_process_instance h',
  tenantColumn: 'h.tenant_id',
  orgColumn: 'h.org_path',
  filters: {
    processInstanceId: filter.eq('h.id'),
    processInstanceIds: filter.in('h.id'),
    processDefinitionId: filter.eq('h.definition_id'),
    processDefinitionKey: filter.eq('h.definition_key'),
    processDefinitionKeyIn: filter.in('h.definition_key'),
    processDefinitionKeyNotIn: inList('h.definition_key', true),
    processDefinitionName: filter.custom((v) => ({
      sql: 'h.definition_id IN (SELECT d.id FROM process_definition d WHERE d.name = ?)',
      params: [v],
    })),
    processDefinitionNameLike: filter.custom((v) => ({
      sql: 'h.definition_id IN (SELECT d.id FROM process_definition d WHERE d.name LIKE ?)',
      params: [v],
    })),
    processInstanceBusinessKey: filter.eq('h.business_key'),
    processInstanceBusinessKeyIn: filter.in('h.business_key'),
    processInstanceBusinessKeyLike: filter.like('h.business_key'),
    superProcessInstanceId: filter.eq('h.super_instance_id'),
    subProcessInstanceId: filter.custom((v) => ({
      sql: 'h.id IN (SELECT s.super_instance_id FROM hist_process_instance s WHERE s.id = ?)',
      params: [v],
    })),
    rootProcessInstances: filter.flag('h.super_instance_id IS NULL'),
    ...timeBounds('h.start_time', 'h.end_time'),
    withIncidents: filter.flag(incidentOf('1=1')),
    withRootIncidents: filter.flag(incidentOf('1=1')),
    incidentType: filter.custom((v) => ({ sql: incidentOf('i.type = ?'), params: [v] })),
    incidentMessage: filter.custom((v) => ({ sql: incidentOf('i.message = ?'), params: [v] })),
    incidentMessageLike: filter.custom((v) => ({ sql: incidentOf('i.message LIKE ?'), params: [v] })),
    incidentStatus: filter.custom((v) => ({
      sql:
        v === 'open'
          ? incidentOf('i.resolved_at IS NULL')
          : v === 'resolved'
            ? incidentOf('i.resolved_at IS NOT NULL')
            : '1=0',
      params: [],
    })),
    state: filter.eq('h.state'),
    active: filter.flag("h.state = 'ACTIVE'"),
    suspended: filter.flag("h.state = 'SUSPENDED'"),
    completed: filter.flag("h.state = 'COMPLETED'"),
    externallyTerminated: filter.flag("h.state = 'EXTERNALLY_TERMINATED'"),
    internallyTerminated: filter.flag("h.state = 'INTERNALLY_TERMINATED'"),
    ...tenancy('h.tenant_id'),
    variables: filter.historicVariables('h.id'),
  },
  sorts: {
    instanceId: 'h.id',
    definitionId: 'h.definition_id',
    definitionKey: 'h.definition_key',
    definitionName: '(SELECT d.name FROM process_definition d WHERE d.id = h.definition_id)',
    definitionVersion: '(SELECT d.version FROM process_definition d WHERE d.id = h.definition_id)',
    businessKey: 'h.business_key',
    startTime: 'h.start_time',
    endTime: 'h.end_time',
    duration: '(h.end_time - h.start_time)',
    tenantId: 'h.tenant_id',
  },
  order: ['h.start_time', 'h.id'],
};

/** `/history/activity-instance`: Camunda's HistoricActivityInstanceQueryDto parameters and sortBy values. */
export const HISTORIC_ACTIVITY_INSTANCE_QUERY: QuerySpec = {
  from: 'hist_activity_instance h',
  tenantColumn: 'h.tenant_id',
  orgColumn: historicOrgPathSql('h'),
  filters: {
    activityInstanceId: filter.eq('h.id'),
    processInstanceId: filter.eq('h.process_instance_id'),
    processDefinitionId: filter.eq('h.process_definition_id'),
    executionId: filter.eq('h.execution_id'),
    activityId: filter.eq('h.activity_id'),
    activityName: filter.eq('h.activity_name'),
    activityNameLike: filter.like('h.activity_name'),
    activityType: filter.eq('h.activity_type'),
    canceled: filter.flag('h.canceled = 1'),
    ...timeBounds('h.start_time', 'h.end_time'),
    ...tenancy('h.tenant_id'),
  },
  sorts: {
    activityInstanceId: 'h.id',
    instanceId: 'h.process_instance_id',
    executionId: 'h.execution_id',
    activityId: 'h.activity_id',
    activityName: 'h.activity_name',
    activityType: 'h.activity_type',
    startTime: 'h.start_time',
    endTime: 'h.end_time',
    duration: '(h.end_time - h.start_time)',
    definitionId: 'h.process_definition_id',
    occurrence: 'h.start_time',
    tenantId: 'h.tenant_id',
  },
  order: ['h.start_time', 'h.id'],
};

const processOf = (where: string) =>
  `h.process_instance_id IN (SELECT hp.id FROM hist_process_instance hp WHERE ${where})`;

/** `/history/task`: Camunda's HistoricTaskInstanceQueryDto parameters and sortBy values. */
export const HISTORIC_TASK_QUERY: QuerySpec = {
  from: 'hist_task h',
  tenantColumn: 'h.tenant_id',
  orgColumn: historicOrgPathSql('h'),
  filters: {
    taskId: filter.eq('h.id'),
    processInstanceId: filter.eq('h.process_instance_id'),
    processInstanceBusinessKey: filter.custom((v) => ({
      sql: processOf('hp.business_key = ?'),
      params: [v],
    })),
    processInstanceBusinessKeyIn: filter.customList((v) => ({
      sql: processOf(`hp.business_key IN (${v.map(() => '?').join(',')})`),
      params: v,
    })),
    processInstanceBusinessKeyLike: filter.custom((v) => ({
      sql: processOf('hp.business_key LIKE ?'),
      params: [v],
    })),
    executionId: filter.eq('h.execution_id'),
    processDefinitionId: filter.eq('h.process_definition_id'),
    processDefinitionKey: definitionsWithKey('h.process_definition_id'),
    taskName: filter.eq('h.name'),
    taskNameLike: filter.like('h.name'),
    taskDefinitionKey: filter.eq('h.task_definition_key'),
    taskDefinitionKeyIn: filter.in('h.task_definition_key'),
    taskDeleteReason: filter.eq('h.delete_reason'),
    taskDeleteReasonLike: filter.like('h.delete_reason'),
    taskAssignee: filter.eq('h.assignee'),
    taskAssigneeLike: filter.like('h.assignee'),
    assigned: filter.flag('h.assignee IS NOT NULL'),
    unassigned: filter.flag('h.assignee IS NULL'),
    processFinished: filter.flag(processOf('hp.end_time IS NOT NULL')),
    processUnfinished: filter.flag(processOf('hp.end_time IS NULL')),
    ...timeBounds('h.start_time', 'h.end_time'),
    ...tenancy('h.tenant_id'),
  },
  sorts: {
    taskId: 'h.id',
    processDefinitionId: 'h.process_definition_id',
    processInstanceId: 'h.process_instance_id',
    executionId: 'h.execution_id',
    duration: '(h.end_time - h.start_time)',
    endTime: 'h.end_time',
    startTime: 'h.start_time',
    taskName: 'h.name',
    assignee: 'h.assignee',
    deleteReason: 'h.delete_reason',
    taskDefinitionKey: 'h.task_definition_key',
    tenantId: 'h.tenant_id',
  },
  order: ['h.start_time', 'h.id'],
};

/** `/history/variable-instance`: Camunda's HistoricVariableInstanceQueryDto parameters and sortBy values. */
export const HISTORIC_VARIABLE_QUERY: QuerySpec = {
  from: 'hist_variable h',
  tenantColumn: 'h.tenant_id',
  orgColumn: historicOrgPathSql('h'),
  filters: {
    variableName: filter.eq('h.name'),
    variableNameLike: filter.like('h.name'),
    variableTypeIn: filter.in('h.type'),
    processInstanceId: filter.eq('h.process_instance_id'),
    processInstanceIdIn: filter.in('h.process_instance_id'),
    processDefinitionId: filter.custom((v) => ({ sql: processOf('hp.definition_id = ?'), params: [v] })),
    processDefinitionKey: filter.custom((v) => ({ sql: processOf('hp.definition_key = ?'), params: [v] })),
    executionIdIn: filter.in('h.execution_id'),
    ...tenancy('h.tenant_id'),
    deserializeValues: filter.ignored('bool'),
  },
  combined: (src, env) => {
    const out: SqlPart[] = [];
    if (src.read('includeDeleted', 'bool') !== true) out.push({ sql: "h.state <> 'DELETED'", params: [] });
    const value = src.read('variableValue', 'string');
    if (value !== undefined)
      out.push(typedValueCondition('h.value', '$', { name: '', operator: 'eq', value }, env.dialect));
    return out;
  },
  sorts: { instanceId: 'h.process_instance_id', variableName: 'h.name', tenantId: 'h.tenant_id' },
  order: ['h.created', 'h.id'],
};

/** Camunda's HistoricVariableInstanceDto (File/Bytes values are not inlined). */
function historicVariableDto(r: Row) {
  const tv: TypedValue = r.value
    ? (JSON.parse(String(r.value)) as TypedValue)
    : { type: 'Null', value: null };
  const wire = toWireVariable(tv);
  return {
    id: r.id,
    name: r.name,
    type: wire.type,
    value: wire.value,
    valueInfo: wire.valueInfo,
    processInstanceId: r.process_instance_id,
    executionId: r.execution_id,
    tenantId: r.tenant_id,
    state: r.state,
    createTime: date(r.created),
  };
}

/** `/history/process-instance`, `/history/activity-instance`, `/history/task`, `/history/variable-instance` (GET and POST queries, and `/count`). */
export function historyRoutes(router: Router, env: EngineRestEnv): void {
  const permissions = ['engine.operate'];
  const historicProcessInstanceDto = (r: Row) => ({
    id: r.id,
    businessKey: r.business_key,
    processDefinitionId: r.definition_id,
    processDefinitionKey: r.definition_key,
    startTime: date(r.start_time),
    endTime: date(r.end_time),
    durationInMillis: duration(r, 'start_time', 'end_time'),
    startActivityId: r.start_activity_id,
    endActivityId: r.end_activity_id,
    superProcessInstanceId: r.super_instance_id,
    tenantId: r.tenant_id,
    state: r.state,
  });
  listRoutes<Row>(router, env.deps, {
    path: '/history/process-instance',
    spec: HISTORIC_PROCESS_INSTANCE_QUERY,
    post: true,
    permissions,
    dto: historicProcessInstanceDto,
  });
  router.get('/history/process-instance/:id', async (ctx) => {
    const auth = callerOf(ctx);
    requireAnyPermission(auth, ...permissions);
    const [row] = await env.deps.db.query<Row>(`SELECT * FROM hist_process_instance WHERE id = ?`, [
      ctx.params.id,
    ]);
    const tenantId = (row?.tenant_id as string | null) ?? null;
    if (!row || !tenantVisible(auth, tenantId) || !orgVisible(auth, row.org_path as string | null, tenantId)) {
      throw notFound(
        'history.process_instance_not_found',
        `Historic process instance with id ${ctx.params.id} does not exist`,
      );
    }
    ctx.body = historicProcessInstanceDto(row);
  });
  listRoutes<Row>(router, env.deps, {
    path: '/history/activity-instance',
    spec: HISTORIC_ACTIVITY_INSTANCE_QUERY,
    post: true,
    permissions,
    dto: (r) => ({
      id: r.id,
      parentActivityInstanceId: r.parent_activity_instance_id,
      activityId: r.activity_id,
      activityName: r.activity_name,
      activityType: r.activity_type,
      processDefinitionId: r.process_definition_id,
      processInstanceId: r.process_instance_id,
      executionId: r.execution_id,
      startTime: date(r.start_time),
      endTime: date(r.end_time),
      durationInMillis: duration(r, 'start_time', 'end_time'),
      canceled: Number(r.canceled) === 1,
      completeScope: false,
      tenantId: r.tenant_id,
    }),
  });
  listRoutes<Row>(router, env.deps, {
    path: '/history/task',
    spec: HISTORIC_TASK_QUERY,
    post: true,
    permissions,
    dto: (r) => ({
      id: r.id,
      processDefinitionId: r.process_definition_id,
      processInstanceId: r.process_instance_id,
      executionId: r.execution_id,
      name: r.name,
      assignee: r.assignee,
      startTime: date(r.start_time),
      endTime: date(r.end_time),
      duration: duration(r, 'start_time', 'end_time'),
      taskDefinitionKey: r.task_definition_key,
      deleteReason: r.delete_reason,
      tenantId: r.tenant_id,
    }),
  });
  listRoutes<Row>(router, env.deps, {
    path: '/history/variable-instance',
    spec: HISTORIC_VARIABLE_QUERY,
    post: true,
    permissions,
    dto: historicVariableDto,
  });
}
