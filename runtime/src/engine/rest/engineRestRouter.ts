import Router from '@koa/router';
import { engineAuth } from '../auth/engineAuth';
import { notFound } from '../core/EngineRestError';
import { deploymentRoutes } from './deployment.route';
import type { EngineRestEnv } from './EngineRestEnv';
import { camundaErrors, exactJsonContentType } from './engineRestMiddleware';
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
