import type Router from '@koa/router';
import type { Context } from 'koa';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AnyRoute } from './defineRoute';
import type { HttpPolicies } from './HttpPolicies';
import { parseOrThrow } from './zodIssues';
import { readJsonBody } from './readJsonBody';

/**
 * Mounts declared routes on a koa-router: authentication, permission and
 * module checks, input validation, idempotency, response validation, status.
 */
export function mountRoutes(router: Router, routes: AnyRoute[], policies: HttpPolicies): void {
  for (const route of routes) {
    router[route.method](route.path, async (ctx: Context) => {
      // Public routes ignore bad credentials: a client refreshing with an expired access token must not get 401.
      const auth =
        route.auth === 'public' ? await policies.authenticate(ctx).catch(() => undefined) : await policies.authenticate(ctx);
      if (route.auth !== 'public') {
        if (!auth) throw new SafeFlowError('auth.unauthenticated', 'Authentication required', { status: 401 });
        if (route.permission) policies.requirePermission(auth, route.permission);
        if (route.module) await policies.requireModule(auth, route.module);
      }
      const params = route.params ? parseOrThrow(route.params, ctx.params, 'params') : ctx.params;
      const query = route.query ? parseOrThrow(route.query, ctx.query, 'query') : ctx.query;
      let body: unknown = undefined;
      if (route.body) {
        const raw = await readJsonBody(ctx, route.bodyLimit);
        body = parseOrThrow(route.body, raw ?? {}, 'body');
      }
      const idempotencyKey = ctx.get('idempotency-key') || undefined;
      const invoke = async (): Promise<{ status: number; body: unknown }> => {
        const result = await route.handler({ params, query, body, auth: auth!, ctx, idempotencyKey });
        if (route.response) {
          const out = route.response.safeParse(result);
          if (!out.success) {
            throw new SafeFlowError('internal.response_contract', `Response of ${route.method.toUpperCase()} ${route.path} broke its schema`, {
              status: 500,
              details: { issues: out.error.issues.slice(0, 5) },
            });
          }
          return { status: route.status ?? 200, body: out.data };
        }
        return { status: route.status ?? (result === undefined && ctx.body === undefined ? 204 : 200), body: result };
      };
      const outcome: { status: number; body: unknown; headers?: Record<string, string> } =
        route.idempotent && idempotencyKey
          ? await policies.idempotent(auth, idempotencyKey, `${route.method} ${route.path}`, body, invoke)
          : await invoke();
      if (outcome.headers) ctx.set(outcome.headers);
      if (outcome.body !== undefined) ctx.body = outcome.body;
      ctx.status = outcome.status;
    });
  }
}
