import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { START_PERMISSIONS } from '../engine/persistence/startOrg';
import type { GatewayVariables } from '../engineGateway/EngineGateway';
import type { AuthContext } from '../http/AuthContext';
import { DataScope } from '../tenancy/DataScope';
import { resolveTargets } from './resolveTargets';
import { startForOrgs, type StartedInstance } from './startForOrgs';

/** What a start names: target orgs (ids, and/or types under an org), variables and a business key. */
export interface ProcessStartRequest {
  orgIds?: string[];
  targets?: { orgIds?: string[]; orgTypes?: string[]; under?: string };
  variables?: GatewayVariables;
  businessKey?: string;
}

/**
 * The one way the web API starts processes (`POST /processes/:key/start` and
 * the modeler's `POST /processes/:key/instances`): the latest version of
 * `key`, once per target org, each instance belonging to its target (with
 * `targetOrgId` among its variables). Every target must lie in the caller's
 * engine.operate / task.work scope (404 `org.not_found` otherwise, nothing
 * started); all instances start in one transaction. Without targets the
 * instance belongs to the caller's single acting org.
 */
export async function startProcessFor(deps: AppDeps, auth: AuthContext, key: string, body: ProcessStartRequest): Promise<StartedInstance[]> {
  const scope = DataScope.of(auth, START_PERMISSIONS);
  const ids = [...new Set([...(body.orgIds ?? []), ...(body.targets?.orgIds ?? [])])];
  const orgs = new Map<string, { id: string; path: string; tenantId: string }>();
  if (ids.length) {
    const rows = await deps.db.query<{ id: string; path: string; tenant_id: string; archived: number }>(
      `SELECT id, path, tenant_id, archived FROM org WHERE id IN (${ids.map(() => '?').join(',')})`, ids,
    );
    for (const id of ids) {
      const r = rows.find((x) => x.id === id);
      if (!r || Number(r.archived) === 1 || !scope.contains(r.path)) throw new SafeFlowError('org.not_found', `Org '${id}' not found`, { status: 404 });
      orgs.set(id, { id, path: r.path, tenantId: r.tenant_id });
    }
  }
  if (body.targets?.orgTypes?.length) {
    const under = body.targets.under;
    const base = under ? (await deps.db.query<{ path: string }>('SELECT path FROM org WHERE id = ?', [under]))[0]?.path : undefined;
    if (under && (!base || !scope.contains(base))) throw new SafeFlowError('org.not_found', `Org '${under}' not found`, { status: 404 });
    const roots = base ? [base] : auth.memberships.filter((m) => m.permissions.some((p) => (START_PERMISSIONS as readonly string[]).includes(p))).map((m) => m.orgPath);
    for (const root of roots) {
      for (const t of await resolveTargets(deps.db, root, { orgTypes: body.targets.orgTypes })) {
        const tenantId = t.path.split('/').filter(Boolean)[0]!;
        orgs.set(t.id, { id: t.id, path: t.path, tenantId });
      }
    }
    if (!orgs.size) throw new SafeFlowError('process.no_targets', 'No org of those types in your scope', { status: 400 });
  }
  if (!orgs.size) {
    const grants = auth.memberships.filter((m) => m.permissions.some((p) => (START_PERMISSIONS as readonly string[]).includes(p)));
    const own = [...new Set(grants.map((g) => g.orgId))];
    if (own.length !== 1) throw new SafeFlowError('org.required', 'Say which orgs this is for (orgIds or targets): you act in several or none', { status: 400 });
    const g = grants[0]!;
    orgs.set(g.orgId, { id: g.orgId, path: g.orgPath, tenantId: g.tenantId });
  }
  const tenants = new Set([...orgs.values()].map((o) => o.tenantId));
  if (tenants.size !== 1) throw new SafeFlowError('process.targets_span_tenants', 'All target orgs must be in one tenant', { status: 400 });
  return startForOrgs(deps, {
    key,
    tenantId: [...tenants][0]!,
    actor: auth,
    starts: [...orgs.values()].map((o) => ({ orgId: o.id, variables: { ...(body.variables ?? {}), targetOrgId: o.id }, businessKey: body.businessKey })),
  });
}
