import type { InstanceState } from '@safeflow/engine/bpmn';
import { formatDate } from '../core/dates';
import { toWireVariables } from '../core/wireVariables';
import type { DefinitionRow } from '../persistence/rows';

/** Camunda's ProcessDefinitionDto. */
export function definitionDto(d: DefinitionRow & { resource_name: string }) {
  return {
    id: d.id,
    key: d.def_key,
    category: 'http://bpmn.io/schema/bpmn',
    description: null,
    name: d.name,
    version: Number(d.version),
    resource: d.resource_name,
    deploymentId: d.deployment_id,
    diagram: null,
    suspended: Number(d.suspended) === 1,
    tenantId: d.tenant_id,
    versionTag: d.version_tag,
    historyTimeToLive: null,
    startableInTasklist: true,
  };
}

/** Camunda's DeploymentDto. */
export function deploymentDto(d: { id: string; name: string | null; source: string | null; tenant_id: string | null; deployed_at: number }) {
  return { links: [], id: d.id, name: d.name, source: d.source, deploymentTime: formatDate(Number(d.deployed_at)), processDefinitionDeploymentTime: null, tenantId: d.tenant_id };
}

/** Camunda's ProcessInstanceDto (+ `definitionKey`, + `variables` when asked). */
export function instanceDto(
  row: { id: string; definition_id: string; definition_key: string; business_key: string | null; tenant_id: string | null; suspended?: number; ended?: number },
  state?: InstanceState,
  withVariables = false,
) {
  return {
    links: [],
    id: row.id,
    definitionId: row.definition_id,
    definitionKey: row.definition_key,
    businessKey: state?.businessKey ?? row.business_key,
    caseInstanceId: null,
    ended: state ? state.ended : Number(row.ended ?? 0) === 1,
    suspended: Number(row.suspended ?? 0) === 1,
    tenantId: row.tenant_id,
    ...(withVariables && state ? { variables: toWireVariables(state.variables) } : {}),
  };
}
