import type { Context } from 'koa';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AuthContext } from '../../http/AuthContext';
import { readJsonBody } from '../../http/readJsonBody';
import type { Dialect } from '../../db/Database';
import { forbidden, invalidRequest } from '../core/EngineRestError';
import { engineScope, isOrgScoped, tenantRootPath } from '../persistence/startOrg';

/**
 * Reads a JSON object body; an empty body (e.g. `unlock`) is `{}`. Any
 * `application/json; charset=...` is accepted. Malformed JSON or a non-object → 400 InvalidRequestException.
 */
export async function readBody(ctx: Context): Promise<Record<string, unknown>> {
  let raw: unknown;
  try {
    raw = await readJsonBody(ctx);
  } catch (err) {
    if (err instanceof SafeFlowError) throw invalidRequest(err.code, err.message);
    throw err;
  }
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalidRequest('engine.invalid_body', 'Request body must be a JSON object');
  return raw as Record<string, unknown>;
}

/** Answers 204 with an empty body. */
export function noContent(ctx: Context): void {
  ctx.status = 204;
  ctx.body = null;
}

/** The authenticated caller of an `/engine-rest` request (set by the auth middleware). */
export function callerOf(ctx: Context): AuthContext {
  return ctx.state.auth as AuthContext;
}

/**
 * The tenants the caller's data is limited to: `undefined` for platform
 * admins (everything), else the tenants of their memberships (worker
 * credentials: their own tenant, if any). Tenant-less data is shared.
 */
export function tenantsOf(auth: AuthContext): string[] | undefined {
  if (auth.platformAdmin) return undefined;
  if (auth.kind === 'worker') {
    const t = auth.memberships.map((m) => m.tenantId).filter(Boolean);
    return t.length ? t : undefined;
  }
  return [...new Set(auth.memberships.map((m) => m.tenantId))];
}

/** SQL predicate for a tenant column under {@link tenantsOf}. */
export function tenantSql(auth: AuthContext, column: string): { sql: string; params: string[] } {
  const tenants = tenantsOf(auth);
  if (!tenants) return { sql: '1=1', params: [] };
  if (!tenants.length) return { sql: `${column} IS NULL`, params: [] };
  return { sql: `(${column} IS NULL OR ${column} IN (${tenants.map(() => '?').join(',')}))`, params: tenants };
}

/** Is a row of `tenantId` visible to the caller? */
export function tenantVisible(auth: AuthContext, tenantId: string | null): boolean {
  const tenants = tenantsOf(auth);
  return !tenants || tenantId === null || tenants.includes(tenantId);
}

/**
 * Is engine data owned by `orgPath` (null: the tenant root of `tenantId`;
 * both null: tenant-less, shared) visible to the caller by org? People
 * (not platform admins, not worker credentials) see the subtrees of their
 * engine.operate / task.work memberships; everyone else is tenant-scoped only
 * (see {@link tenantVisible}, which applies as well).
 */
export function orgVisible(auth: AuthContext, orgPath: string | null | undefined, tenantId: string | null): boolean {
  if (!isOrgScoped(auth)) return true;
  const path = orgPath ?? tenantRootPath(tenantId);
  return path === null || engineScope(auth).contains(path);
}

/**
 * SQL predicate of {@link orgVisible} for an org path expression (a column,
 * or a subquery reaching the owning instance) and the row's tenant column;
 * undefined when the caller is not org-scoped.
 */
export function orgSql(auth: AuthContext, orgExpr: string, tenantColumn: string, dialect: Dialect): { sql: string; params: string[] } | undefined {
  if (!isOrgScoped(auth)) return undefined;
  const scope = engineScope(auth);
  const own = scope.sql(orgExpr);
  const root = scope.sql(dialect === 'mysql' ? `CONCAT('/', ${tenantColumn}, '/')` : `('/' || ${tenantColumn} || '/')`);
  return {
    sql: `(${own.sql} OR (${orgExpr} IS NULL AND (${tenantColumn} IS NULL OR ${root.sql})))`,
    params: [...own.params, ...root.params],
  };
}

/** SQL: the org path of the running instance that a row of table alias `alias` belongs to (its `process_instance_id`). */
export const instanceOrgPathSql = (alias: string) => `(SELECT pi.org_path FROM process_instance pi WHERE pi.id = ${alias}.process_instance_id)`;

/** SQL: the org path kept in history for the instance a history row of alias `alias` belongs to (outlives the instance). */
export const historicOrgPathSql = (alias: string) => `(SELECT hp.org_path FROM hist_process_instance hp WHERE hp.id = ${alias}.process_instance_id)`;

/**
 * {@link orgVisible} for a row that reaches its org through its process
 * instance (external tasks, jobs): reads the instance's org path only for
 * org-scoped callers (people), so workers and admins pay no query.
 */
export async function instanceOrgVisible(
  auth: AuthContext,
  db: { query<T>(sql: string, params?: unknown[]): Promise<T[]> },
  processInstanceId: string | null,
  tenantId: string | null,
): Promise<boolean> {
  if (!isOrgScoped(auth)) return true;
  const [row] = processInstanceId ? await db.query<{ org_path: string | null }>(`SELECT org_path FROM process_instance WHERE id = ?`, [processInstanceId]) : [];
  return orgVisible(auth, row?.org_path, tenantId);
}

/** 403 AuthorizationException unless the caller (a user) holds one of `permissions` (platform admins hold all). */
export function requireAnyPermission(auth: AuthContext, ...permissions: string[]): void {
  if (auth.platformAdmin) return;
  if (auth.kind === 'worker' && permissions.includes('engine.work')) return;
  const ok = auth.memberships.some((m) => m.permissions.some((p) => permissions.includes(p)));
  if (!ok) {
    throw forbidden(`The user '${auth.username}' does not have one of the permissions '${permissions.join("', '")}'`);
  }
}

/** Query-string helpers: Camunda's boolean, integer and list parameters. */
export const q = {
  str(ctx: Context, name: string): string | undefined {
    const v = ctx.query[name];
    return Array.isArray(v) ? v[0] : v === undefined || v === '' ? undefined : v;
  },
  bool(ctx: Context, name: string): boolean | undefined {
    const v = q.str(ctx, name);
    if (v === undefined) return undefined;
    if (v === 'true' || v === 'false') return v === 'true';
    throw invalidRequest('engine.invalid_query', `Cannot set query parameter '${name}' to value '${v}'`);
  },
  int(ctx: Context, name: string): number | undefined {
    const v = q.str(ctx, name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n)) throw invalidRequest('engine.invalid_query', `Cannot set query parameter '${name}' to value '${v}'`);
    return n;
  },
  list(ctx: Context, name: string): string[] | undefined {
    const v = q.str(ctx, name);
    return v === undefined ? undefined : v.split(',').filter(Boolean);
  },
};

/** `firstResult`/`maxResults` paging as SQL (`LIMIT ... OFFSET ...`). */
export function pagingSql(firstResult?: number, maxResults?: number): string {
  const first = Math.max(0, firstResult ?? 0);
  const max = maxResults === undefined ? 100000 : Math.max(0, Math.min(maxResults, 100000));
  return ` LIMIT ${Math.floor(max)} OFFSET ${Math.floor(first)}`;
}
