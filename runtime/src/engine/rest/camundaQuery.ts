import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Database, Dialect } from '../../db/Database';
import type { AuthContext } from '../../http/AuthContext';
import { parseDate } from '../core/dates';
import { invalidRequest } from '../core/EngineRestError';
import { callerOf, orgSql, pagingSql, q, readBody, requireAnyPermission, tenantSql } from './restHelpers';

/**
 * One shared, declarative query builder for Camunda's list endpoints
 * (`GET /process-instance`, `/task`, `/history/...`, ...): a table of
 * Camunda parameter → whitelisted column + operator, Camunda's sorting rules
 * (`sortBy` + `sortOrder`, both or neither; `sorting: [...]` in POST bodies),
 * `firstResult`/`maxResults`, and the caller's tenant scope, always. Every
 * value travels as a `?` parameter; column names only ever come from specs.
 */

/** A piece of SQL with its `?` parameters. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

/** What filters see besides their value. */
export interface QueryEnv {
  auth: AuthContext;
  /** The request's "now" in epoch ms (the injectable clock). */
  now: number;
  dialect: Dialect;
  db: Database;
}

/** How a parameter's raw value is read (query string or JSON body). */
export type ParamType = 'string' | 'list' | 'bool' | 'int' | 'date' | 'variables';

/** One `key_operator_value` condition of Camunda's `variables` parameter. */
export interface VariableCondition {
  name: string;
  operator: 'eq' | 'neq' | 'gt' | 'gteq' | 'lt' | 'lteq' | 'like';
  value: unknown;
}

/** The value a {@link ParamType} yields: list → string[], date → epoch ms, bool → boolean. */
export type ValueOf<T extends ParamType> = T extends 'string'
  ? string
  : T extends 'list'
    ? string[]
    : T extends 'bool'
      ? boolean
      : T extends 'int' | 'date'
        ? number
        : VariableCondition[];

/** A Camunda parameter: its type and the predicate it adds (undefined = no restriction). */
export interface Filter<T extends ParamType = ParamType> {
  type: T;
  build(value: ValueOf<T>, env: QueryEnv): SqlPart | undefined;
}

/** The declarative description of one list resource. */
export interface QuerySpec {
  /** `FROM` clause with the alias columns use: `process_instance p`. */
  from: string;
  /** Selected columns (default `*` of the alias). */
  columns?: string;
  /** Column the caller's tenant scope applies to (`p.tenant_id`). */
  tenantColumn: string;
  /**
   * SQL expression of the owning org's path (`t.org_path`, or a subquery
   * reaching the instance's): people (not platform admins, not worker
   * credentials) see only rows in the subtrees of their engine.operate /
   * task.work memberships (see `orgSql`). Absent: tenant scope only.
   */
  orgColumn?: string;
  /**
   * Rows outside the caller's org scope that name the caller personally
   * (a task assigned to them, or offered to them by name): ORed with the
   * org predicate; the tenant scope still applies.
   */
  personal?: (env: QueryEnv) => SqlPart;
  /** Predicates that always apply (`i.resolved_at IS NULL`). */
  always?: string[];
  /** Further caller-dependent predicates (a worker credential's topics). */
  scope?: (env: QueryEnv) => SqlPart | undefined;
  /** Camunda parameter name → filter. */
  filters: Record<string, Filter>;
  /** Predicates that read several parameters at once (task candidates). */
  combined?: (src: QuerySource, env: QueryEnv) => Promise<SqlPart[]> | SqlPart[];
  /** Camunda `sortBy` value → SQL expression. */
  sorts: Record<string, string>;
  /** Order applied after the requested sorting (ends in a unique column, so pages are stable). */
  order: string[];
}

/** Where parameter values come from. */
export interface QuerySource {
  /** The value of `name` read as `type`; undefined when absent. 400 InvalidRequestException when malformed. */
  read<T extends ParamType>(name: string, type: T): ValueOf<T> | undefined;
  /** Raw sorting: `sortBy`/`sortOrder` and (bodies) `sorting`. */
  sorting(): Array<{ sortBy: string; sortOrder: string }>;
}

const OPERATORS = new Set(['eq', 'neq', 'gt', 'gteq', 'lt', 'lteq', 'like']);
const SINGLE_SORT = 'Only a single sorting parameter specified. sortBy and sortOrder required';

const cannotSet = (name: string, value: string, why?: string) =>
  invalidRequest('engine.invalid_query', `Cannot set query parameter '${name}' to value '${value}'${why ? `: ${why}` : ''}`);

function readDate(name: string, raw: string): number {
  try {
    return parseDate(raw, name);
  } catch {
    throw cannotSet(name, raw, `Cannot convert value "${raw}" to java type java.util.Date`);
  }
}

function checkOperator(op: string): VariableCondition['operator'] {
  if (!OPERATORS.has(op)) throw invalidRequest('engine.invalid_query', `Invalid variable comparator specified: ${op}`);
  return op as VariableCondition['operator'];
}

/** Reads parameters from the query string (GET), with Camunda's conversions and error messages. */
export function querySource(ctx: Context): QuerySource {
  return {
    read<T extends ParamType>(name: string, type: T): ValueOf<T> | undefined {
      const raw = q.str(ctx, name);
      if (raw === undefined) return undefined;
      switch (type) {
        case 'string':
          return raw as ValueOf<T>;
        case 'list': {
          const list = raw.split(',').filter((s) => s !== '');
          return (list.length ? list : undefined) as ValueOf<T> | undefined;
        }
        case 'bool':
          if (raw !== 'true' && raw !== 'false') throw cannotSet(name, raw, `Cannot convert value ${raw} to java type java.lang.Boolean`);
          return (raw === 'true') as ValueOf<T>;
        case 'int':
          if (!/^-?\d{1,15}$/.test(raw)) throw cannotSet(name, raw, `Cannot convert value ${raw} to java type java.lang.Integer`);
          return Number(raw) as ValueOf<T>;
        case 'date':
          return readDate(name, raw) as ValueOf<T>;
        default:
          return raw.split(',').map((expr) => {
            const parts = expr.split('_');
            if (parts.length !== 3) throw cannotSet(name, raw, 'variable query parameter has to have format KEY_OPERATOR_VALUE.');
            return { name: parts[0]!, operator: checkOperator(parts[1]!), value: parts[2]! };
          }) as ValueOf<T>;
      }
    },
    sorting() {
      const sortBy = q.str(ctx, 'sortBy');
      const sortOrder = q.str(ctx, 'sortOrder');
      if ((sortBy === undefined) !== (sortOrder === undefined)) throw invalidRequest('engine.invalid_sort', SINGLE_SORT);
      return sortBy === undefined ? [] : [{ sortBy, sortOrder: sortOrder! }];
    },
  };
}

/** Reads parameters from a POST query body (Camunda's JSON form: lists as arrays, `variables` as objects, `sorting`). */
export function bodySource(body: Record<string, unknown>): QuerySource {
  return {
    read<T extends ParamType>(name: string, type: T): ValueOf<T> | undefined {
      const v = body[name];
      if (v === undefined || v === null) return undefined;
      const shown = typeof v === 'string' ? v : JSON.stringify(v);
      switch (type) {
        case 'string':
          if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v) as ValueOf<T>;
          throw cannotSet(name, shown);
        case 'list':
          if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw cannotSet(name, shown, 'expected an array of strings');
          // an empty list restricts nothing, as an empty comma list in a query string (and Camunda's `IN` guards)
          return (v.length ? v : undefined) as ValueOf<T> | undefined;
        case 'bool':
          if (typeof v === 'boolean') return v as ValueOf<T>;
          if (v === 'true' || v === 'false') return (v === 'true') as ValueOf<T>;
          throw cannotSet(name, shown, `Cannot convert value ${shown} to java type java.lang.Boolean`);
        case 'int':
          if (typeof v === 'number' && Number.isInteger(v)) return v as ValueOf<T>;
          if (typeof v === 'string' && /^-?\d{1,15}$/.test(v)) return Number(v) as ValueOf<T>;
          throw cannotSet(name, shown, `Cannot convert value ${shown} to java type java.lang.Integer`);
        case 'date':
          if (typeof v !== 'string' && typeof v !== 'number') throw cannotSet(name, shown, `Cannot convert value "${shown}" to java type java.util.Date`);
          return readDate(name, String(v)) as ValueOf<T>;
        default:
          if (!Array.isArray(v)) throw cannotSet(name, shown, 'expected an array of {name, operator, value}');
          return v.map((c: Record<string, unknown>) => {
            if (!c || typeof c.name !== 'string' || typeof c.operator !== 'string') {
              throw cannotSet(name, shown, 'expected an array of {name, operator, value}');
            }
            return { name: c.name, operator: checkOperator(c.operator), value: c.value };
          }) as ValueOf<T>;
      }
    },
    sorting() {
      const out: Array<{ sortBy: string; sortOrder: string }> = [];
      const { sortBy, sortOrder } = body;
      if ((sortBy === undefined || sortBy === null) !== (sortOrder === undefined || sortOrder === null)) {
        throw invalidRequest('engine.invalid_sort', SINGLE_SORT);
      }
      if (sortBy !== undefined && sortBy !== null) out.push({ sortBy: String(sortBy), sortOrder: String(sortOrder) });
      if (body.sorting !== undefined && body.sorting !== null) {
        if (!Array.isArray(body.sorting)) throw invalidRequest('engine.invalid_sort', "'sorting' must be an array of {sortBy, sortOrder}");
        for (const s of body.sorting as Array<Record<string, unknown>>) {
          out.push({ sortBy: String(s?.sortBy), sortOrder: s?.sortOrder === undefined || s?.sortOrder === null ? 'asc' : String(s.sortOrder) });
        }
      }
      return out;
    },
  };
}

const part = (sql: string, ...params: unknown[]): SqlPart => ({ sql, params });
const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** Filter constructors: each names whitelisted SQL only; values are always parameters. */
export const filter = {
  /** `column = value`. */
  eq: (column: string): Filter<'string'> => ({ type: 'string', build: (v) => part(`${column} = ?`, v) }),
  /** `column = value` for an integer parameter (`version`, `priority`). */
  intEq: (column: string): Filter<'int'> => ({ type: 'int', build: (v) => part(`${column} = ?`, v) }),
  /** `column <op> value` for an integer parameter (`minPriority`: '>='). */
  intCompare: (column: string, op: '<' | '<=' | '>' | '>='): Filter<'int'> => ({ type: 'int', build: (v) => part(`${column} ${op} ?`, v) }),
  /** `column IN (...)` for Camunda's comma lists (`processDefinitionKeyIn`, `tenantIdIn`). */
  in: (column: string): Filter<'list'> => ({ type: 'list', build: (v) => part(`${column} IN (${marks(v.length)})`, ...v) }),
  /** `column LIKE value`: the value is the pattern, `%` wildcards included (Camunda's `...Like`). */
  like: (column: string): Filter<'string'> => ({ type: 'string', build: (v) => part(`${column} LIKE ?`, v) }),
  /** A date bound: `...Before` ('<', or '<=' for history) and `...After` ('>' / '>='); '=' for an exact time (`deployedAt`). */
  date: (column: string, op: '<' | '<=' | '>' | '>=' | '='): Filter<'date'> => ({ type: 'date', build: (v) => part(`${column} ${op} ?`, v) }),
  /** A boolean that restricts when true (`active`, `finished`, `withoutTenantId`); false matches everything, like Camunda. */
  flag: (sql: string | ((env: QueryEnv) => SqlPart)): Filter<'bool'> => ({
    type: 'bool',
    build: (v, env) => (v ? (typeof sql === 'string' ? part(sql) : sql(env)) : undefined),
  }),
  /** A string parameter with its own predicate (`subProcessInstance`, `incidentId`). */
  custom: (build: (value: string, env: QueryEnv) => SqlPart): Filter<'string'> => ({ type: 'string', build }),
  /** A list parameter with its own predicate. */
  customList: (build: (value: string[], env: QueryEnv) => SqlPart): Filter<'list'> => ({ type: 'list', build }),
  /**
   * Camunda's `variables` filter over a JSON variable map column
   * (`{ name: { type, value } }` at `$.variables`): each condition needs a
   * variable of a matching type — strings (always, for query-string values) match
   * String variables, numbers Integer/Long/Short/Double, booleans Boolean — whose
   * value compares with `operator`. `like` applies to strings only.
   */
  variables: (jsonColumn: string, root = '$.variables'): Filter<'variables'> => ({
    type: 'variables',
    build: (conds, env) => {
      const parts = conds.map((c) => (/["\\]/.test(c.name) ? part('1=0') : typedValueCondition(jsonColumn, `${root}."${c.name}"`, c, env.dialect)));
      return part(parts.map((p) => p.sql).join(' AND '), ...parts.flatMap((p) => p.params));
    },
  }),
  /**
   * Camunda's `variables` filter over history: each condition needs a
   * `hist_variable` row of the instance (column `instanceColumn`) with that
   * name, not deleted, whose typed value (a JSON `{ type, value }`) matches.
   */
  historicVariables: (instanceColumn: string): Filter<'variables'> => ({
    type: 'variables',
    build: (conds, env) => {
      const parts = conds.map((c) => {
        const v = typedValueCondition('hv.value', '$', c, env.dialect);
        return part(
          `EXISTS (SELECT 1 FROM hist_variable hv WHERE hv.process_instance_id = ${instanceColumn} AND hv.name = ? AND hv.state <> 'DELETED' AND ${v.sql})`,
          c.name,
          ...v.params,
        );
      });
      return part(parts.map((p) => p.sql).join(' AND '), ...parts.flatMap((p) => p.params));
    },
  }),
  /** A parameter that is validated and accepted but changes nothing here (`deserializeValues`). */
  ignored: <T extends ParamType>(type: T): Filter<T> => ({ type, build: () => undefined }),
};

const SQL_OPS: Record<VariableCondition['operator'], string> = { eq: '=', neq: '<>', gt: '>', gteq: '>=', lt: '<', lteq: '<=', like: 'LIKE' };

/**
 * A typed value stored as JSON `{ type, value }` at `path` of `column`
 * compared with a condition (`c.name` is not used): strings match String
 * values, numbers Integer/Long/Short/Double, booleans Boolean, null Null.
 */
export function typedValueCondition(column: string, path: string, c: VariableCondition, dialect: Dialect): SqlPart {
  // one `?` each: the JSON path of the variable's type, then of its value
  const typeSql = dialect === 'mysql' ? `JSON_UNQUOTE(JSON_EXTRACT(${column}, ?))` : `json_extract(${column}, ?)`;
  const valueSql = typeSql;
  const op = SQL_OPS[c.operator];
  if (typeof c.value === 'number') {
    if (c.operator === 'like') return part('1=0');
    const num = dialect === 'mysql' ? `CAST(${valueSql} AS DECIMAL(38,10))` : `CAST(${valueSql} AS REAL)`;
    return part(`(${typeSql} IN ('Integer','Long','Short','Double') AND ${num} ${op} ?)`, `${path}.type`, `${path}.value`, c.value);
  }
  if (typeof c.value === 'boolean') {
    if (c.operator !== 'eq' && c.operator !== 'neq') return part('1=0');
    const bool = dialect === 'mysql' ? `(${valueSql} = 'true')` : `(${valueSql} = 1)`;
    return part(`(${typeSql} = 'Boolean' AND ${bool} ${op} ?)`, `${path}.type`, `${path}.value`, c.value ? 1 : 0);
  }
  if (c.value === null || c.value === undefined) {
    if (c.operator !== 'eq' && c.operator !== 'neq') return part('1=0');
    return part(`(${typeSql} ${c.operator === 'eq' ? '=' : '<>'} 'Null')`, `${path}.type`);
  }
  return part(`(${typeSql} = 'String' AND ${valueSql} ${op} ?)`, `${path}.type`, `${path}.value`, String(c.value));
}

/** A built query: WHERE (tenant scope included), ORDER BY and paging. */
export interface BuiltQuery {
  where: string;
  params: unknown[];
  orderBy: string;
}

/** Builds WHERE and ORDER BY for `spec` from `src` (400 InvalidRequestException for bad values or sorting). */
export async function buildQuery(spec: QuerySpec, src: QuerySource, env: QueryEnv): Promise<BuiltQuery> {
  const t = tenantSql(env.auth, spec.tenantColumn);
  const where = [t.sql, ...(spec.always ?? [])];
  const params: unknown[] = [...t.params];
  const add = (p: SqlPart | undefined) => {
    if (!p) return;
    where.push(p.sql);
    params.push(...p.params);
  };
  if (spec.orgColumn) {
    const org = orgSql(env.auth, spec.orgColumn, spec.tenantColumn, env.dialect);
    const mine = org && spec.personal?.(env);
    add(org && mine ? { sql: `(${org.sql} OR ${mine.sql})`, params: [...org.params, ...mine.params] } : org);
  }
  add(spec.scope?.(env));
  for (const [name, f] of Object.entries(spec.filters)) {
    const v = src.read(name, f.type);
    if (v !== undefined) add((f as Filter<ParamType>).build(v as never, env));
  }
  for (const p of (await spec.combined?.(src, env)) ?? []) add(p);
  const order = src.sorting().map(({ sortBy, sortOrder }) => {
    const column = Object.hasOwn(spec.sorts, sortBy) ? spec.sorts[sortBy] : undefined;
    if (!column) throw cannotSet('sortBy', sortBy);
    if (sortOrder !== 'asc' && sortOrder !== 'desc') throw cannotSet('sortOrder', sortOrder);
    return `${column} ${sortOrder === 'desc' ? 'DESC' : 'ASC'}`;
  });
  return { where: where.map((w) => `(${w})`).join(' AND '), params, orderBy: [...order, ...spec.order].join(', ') };
}

/** The rows of `spec` matching `src`, sorted and paged by `firstResult`/`maxResults` (query string, as in Camunda). */
export async function queryList<R>(ctx: Context, spec: QuerySpec, src: QuerySource, env: QueryEnv): Promise<R[]> {
  const b = await buildQuery(spec, src, env);
  const alias = spec.from.trim().split(/\s+/).pop()!;
  return env.db.query<R>(
    `SELECT ${spec.columns ?? `${alias}.*`} FROM ${spec.from} WHERE ${b.where} ORDER BY ${b.orderBy}${pagingSql(q.int(ctx, 'firstResult'), q.int(ctx, 'maxResults'))}`,
    b.params,
  );
}

/** The number of rows of `spec` matching `src`. */
export async function queryCount(spec: QuerySpec, src: QuerySource, env: QueryEnv): Promise<number> {
  const b = await buildQuery(spec, src, env);
  const [row] = await env.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${spec.from} WHERE ${b.where}`, b.params);
  return Number(row?.n ?? 0);
}

/** The {@link QueryEnv} of a request. */
export function queryEnv(ctx: Context, deps: { db: Database; clock: { now(): Date } }): QueryEnv {
  return { auth: callerOf(ctx), now: deps.clock.now().getTime(), dialect: deps.db.dialect, db: deps.db };
}

/** Options of {@link listRoutes}. */
export interface ListRouteOptions<R> {
  /** `/process-instance`: GET `path` and GET `path/count` are registered. */
  path: string;
  spec: QuerySpec;
  /** Maps a row to Camunda's DTO. */
  dto: (row: R, ctx: Context) => unknown;
  /** Also POST `path` and POST `path/count` with a JSON query body. */
  post?: boolean;
  /** The caller needs one of these permissions (see `requireAnyPermission`). */
  permissions?: string[];
}

/**
 * Registers a Camunda list resource: `GET path`, `GET path/count` (`{ count }`),
 * and with `post` the POST forms taking the query as a JSON body.
 */
export function listRoutes<R>(router: Router, deps: { db: Database; clock: { now(): Date } }, o: ListRouteOptions<R>): void {
  const guard = (ctx: Context) => {
    if (o.permissions) requireAnyPermission(callerOf(ctx), ...o.permissions);
  };
  const list = async (ctx: Context, src: QuerySource) => {
    guard(ctx);
    const rows = await queryList<R>(ctx, o.spec, src, queryEnv(ctx, deps));
    ctx.body = rows.map((r) => o.dto(r, ctx));
  };
  const count = async (ctx: Context, src: QuerySource) => {
    guard(ctx);
    ctx.body = { count: await queryCount(o.spec, src, queryEnv(ctx, deps)) };
  };
  router.get(o.path, (ctx) => list(ctx, querySource(ctx)));
  router.get(`${o.path}/count`, (ctx) => count(ctx, querySource(ctx)));
  if (o.post) {
    router.post(o.path, async (ctx) => list(ctx, bodySource(await readBody(ctx))));
    router.post(`${o.path}/count`, async (ctx) => count(ctx, bodySource(await readBody(ctx))));
  }
}
