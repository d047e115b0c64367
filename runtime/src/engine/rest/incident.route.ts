import type Router from '@koa/router';
import { formatDate } from '../core/dates';
import type { EngineRestEnv } from './EngineRestEnv';
import { filter, listRoutes, type QuerySpec } from './camundaQuery';
import { instanceOrgPathSql } from './restHelpers';

interface IncidentRow {
  id: string;
  type: string;
  message: string | null;
  configuration: string | null;
  process_instance_id: string | null;
  process_definition_id: string | null;
  activity_id: string | null;
  execution_id: string | null;
  tenant_id: string | null;
  created: number;
}

/** `GET /incident` and `/count` (open incidents): Camunda's IncidentQueryDto parameters and sortBy values. */
export const INCIDENT_QUERY: QuerySpec = {
  from: 'incident i',
  tenantColumn: 'i.tenant_id',
  orgColumn: instanceOrgPathSql('i'),
  always: ['i.resolved_at IS NULL'],
  filters: {
    incidentId: filter.eq('i.id'),
    incidentType: filter.eq('i.type'),
    incidentMessage: filter.eq('i.message'),
    incidentMessageLike: filter.like('i.message'),
    processDefinitionId: filter.eq('i.process_definition_id'),
    processDefinitionKeyIn: filter.customList((keys) => ({
      sql: `i.process_definition_id IN (SELECT d.id FROM process_definition d WHERE d.def_key IN (${keys.map(() => '?').join(',')}))`,
      params: keys,
    })),
    processInstanceId: filter.eq('i.process_instance_id'),
    executionId: filter.eq('i.execution_id'),
    incidentTimestampBefore: filter.date('i.created', '<'),
    incidentTimestampAfter: filter.date('i.created', '>'),
    activityId: filter.eq('i.activity_id'),
    failedActivityId: filter.eq('i.activity_id'),
    causeIncidentId: filter.eq('i.id'),
    rootCauseIncidentId: filter.eq('i.id'),
    configuration: filter.eq('i.configuration'),
    tenantIdIn: filter.in('i.tenant_id'),
  },
  sorts: {
    incidentId: 'i.id',
    incidentMessage: 'i.message',
    incidentTimestamp: 'i.created',
    incidentType: 'i.type',
    executionId: 'i.execution_id',
    activityId: 'i.activity_id',
    causeIncidentId: 'i.id',
    rootCauseIncidentId: 'i.id',
    configuration: 'i.configuration',
    tenantId: 'i.tenant_id',
    processInstanceId: 'i.process_instance_id',
    processDefinitionId: 'i.process_definition_id',
  },
  order: ['i.created', 'i.id'],
};

/** Camunda's IncidentDto (SafeFlow incidents are their own cause and root cause). */
function incidentDto(r: IncidentRow) {
  return {
    id: r.id,
    processDefinitionId: r.process_definition_id,
    processInstanceId: r.process_instance_id,
    executionId: r.execution_id,
    incidentTimestamp: formatDate(Number(r.created)),
    incidentType: r.type,
    activityId: r.activity_id,
    failedActivityId: r.activity_id,
    causeIncidentId: r.id,
    rootCauseIncidentId: r.id,
    configuration: r.configuration,
    tenantId: r.tenant_id,
    incidentMessage: r.message,
    jobDefinitionId: null,
    annotation: null,
  };
}

/** `GET /incident` (open incidents) and `/incident/count`. */
export function incidentRoutes(router: Router, env: EngineRestEnv): void {
  listRoutes<IncidentRow>(router, env.deps, { path: '/incident', spec: INCIDENT_QUERY, dto: incidentDto, permissions: ['engine.operate'] });
}
