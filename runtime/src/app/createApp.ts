import crypto from 'node:crypto';
import Koa from 'koa';
import Router from '@koa/router';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from './AppDeps';
import type { RuntimeModule } from './RuntimeModule';
import type { AnyRoute } from '../http/defineRoute';
import type { HttpPolicies } from '../http/HttpPolicies';
import { errorMiddleware } from '../http/errorMiddleware';
import { mountRoutes } from '../http/mountRoutes';
import { buildOpenApi } from '../http/buildOpenApi';
import { healthRoute } from '../routes/health.route';

const defaultPolicies: HttpPolicies = {
  authenticate: async () => undefined,
  requirePermission: (auth, permission) => {
    if (!auth.platformAdmin && !auth.memberships.some((m) => m.permissions.includes(permission))) {
      throw new SafeFlowError('auth.forbidden', `Missing permission '${permission}'`, { status: 403 });
    }
  },
  requireModule: async (_auth, module) => {
    throw new SafeFlowError('module.not_entitled', `Module '${module}' is not enabled`, { status: 403 });
  },
  idempotent: async (_auth, _key, _scope, _body, run) => run(),
};

/**
 * Assembles the koa application from modules: request ids and access logs,
 * `/api/v1` (error mapping, declared routes, OpenAPI document), and the raw
 * mounts modules add (`/engine-rest`, the web app).
 */
export function createApp(deps: AppDeps, modules: RuntimeModule[]): { app: Koa; policies: HttpPolicies } {
  const app = new Koa({ proxy: true });
  const policies: HttpPolicies = { ...defaultPolicies };
  for (const m of modules) Object.assign(policies, m.policies ?? {});

  app.use(async (ctx, next) => {
    const requestId = (ctx.get('x-request-id') || '').slice(0, 64) || crypto.randomUUID();
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    const t0 = performance.now();
    try {
      await next();
    } finally {
      deps.logger.debug(
        { requestId, method: ctx.method, path: ctx.path, status: ctx.status, ms: +(performance.now() - t0).toFixed(1) },
        'request',
      );
    }
  });

  const routes: AnyRoute[] = [healthRoute(deps), ...modules.flatMap((m) => m.routes ?? [])];
  const api = new Router({ prefix: '/api/v1' });
  api.use(errorMiddleware(deps.logger));
  const openapi = buildOpenApi(routes, { title: 'SafeFlow platform API', version: '1' });
  api.get('/openapi.json', (ctx) => {
    ctx.body = openapi;
  });
  mountRoutes(api, routes, policies);
  api.all('/{*rest}', (ctx) => {
    throw new SafeFlowError('route.not_found', `No route for ${ctx.method} ${ctx.path}`, { status: 404 });
  });

  const root = new Router();
  for (const m of modules) m.mount?.(app, root, policies);
  app.use(api.routes()).use(api.allowedMethods());
  app.use(root.routes()).use(root.allowedMethods());
  return { app, policies };
}
