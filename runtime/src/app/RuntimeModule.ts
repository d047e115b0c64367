import type Koa from 'koa';
import type Router from '@koa/router';
import type { AnyRoute } from '../http/defineRoute';
import type { HttpPolicies } from '../http/HttpPolicies';
import type { AppDeps } from './AppDeps';

/**
 * A feature of the runtime (identity, orgs, files, engine, ...). Modules are
 * assembled by `createRuntime`; each contributes API routes, optional raw koa
 * mounts (e.g. `/engine-rest`), background work started after the server
 * listens, and a stop hook for graceful shutdown.
 */
export interface RuntimeModule {
  name: string;
  /** Routes under `/api/v1` (validated, documented in OpenAPI). */
  routes?: AnyRoute[];
  /** Raw mounts for non-`/api/v1` surfaces. Called once while the app is built. */
  mount?(app: Koa, root: Router, policies: HttpPolicies): void;
  /** Supplies the HTTP policies (only the auth module does). */
  policies?: Partial<HttpPolicies>;
  /** Runs after migrations, before listening (e.g. demo seed). */
  init?(deps: AppDeps): Promise<void>;
  /** Background work after the server listens (job executor, workers); `url` is the node's own base URL (in-process workers call `${url}/engine-rest`). */
  start?(ctx: { url: string }): Promise<void>;
  /** Stops background work; called on shutdown before the database closes. */
  stop?(): Promise<void>;
}

/** A function that builds a module from the shared dependencies. */
export type ModuleFactory = (deps: AppDeps) => RuntimeModule;
