import Router from '@koa/router';
import { engineAuth } from '../auth/engineAuth';
import { notFound } from '../core/EngineRestError';
import { engineStats } from '../core/engineStats';
import { deploymentRoutes } from './deployment.route';
import type { EngineRestEnv } from './EngineRestEnv';
import { camundaErrors, exactJsonContentType } from './engineRestMiddleware';
import { callerOf, requireAnyPermission } from './restHelpers';
import { engineInfoRoutes } from './engineInfo.route';
import { externalTaskRoutes } from './externalTask.route';
import { historyRoutes } from './history.route';
import { incidentRoutes } from './incident.route';
import { jobRoutes } from './job.route';
import { messageRoutes } from './message.route';
import { processDefinitionRoutes } from './processDefinition.route';
import { processInstanceRoutes } from './processInstance.route';
import { taskRoutes } from './task.route';
import { variableInstanceRoutes } from './variableInstance.route';

/**
 * SafeFlow's Camunda-7-compatible REST API at `/engine-rest`: exact
 * `Content-Type: application/json`, Camunda error bodies, Basic/Bearer auth,
 * then one `*.route.ts` per resource.
 */
export function engineRestRouter(env: EngineRestEnv): Router {
  const router = new Router({ prefix: '/engine-rest' });
  router.use(exactJsonContentType());
  router.use(camundaErrors(env.deps.logger));
  router.use(engineAuth(env.deps));
  if (engineStats) {
    const stats = engineStats;
    router.use(async (ctx, next) => {
      const t0 = performance.now();
      try {
        await next();
      } finally {
        stats.request(`${ctx.method} ${String(ctx._matchedRoute ?? ctx.path).replace(/^\/engine-rest/, '')}`, performance.now() - t0);
      }
    });
    // ENGINE_STATS=1 only: the counters of engineStats.ts, for the benchmark
    router.get('/safeflow/stats', (ctx) => {
      requireAnyPermission(callerOf(ctx), 'engine.operate');
      ctx.body = stats.snapshot();
    });
  }
  engineInfoRoutes(router, env);
  deploymentRoutes(router, env);
  processDefinitionRoutes(router, env);
  processInstanceRoutes(router, env);
  externalTaskRoutes(router, env);
  taskRoutes(router, env);
  messageRoutes(router, env);
  incidentRoutes(router, env);
  jobRoutes(router, env);
  historyRoutes(router, env);
  variableInstanceRoutes(router, env);
  router.all('/{*rest}', (ctx) => {
    throw notFound('engine.route_not_found', `No resource for ${ctx.method} ${ctx.path}`);
  });
  return router;
}
