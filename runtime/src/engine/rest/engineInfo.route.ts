import type Router from '@koa/router';
import type { EngineRestEnv } from './EngineRestEnv';

/** `GET /engine` and `GET /version` (what Camunda tools probe first). */
export function engineInfoRoutes(router: Router, _env: EngineRestEnv): void {
  router.get('/engine', (ctx) => {
    ctx.body = [{ name: 'default' }];
  });
  router.get('/version', (ctx) => {
    ctx.body = { version: '7.24.0' };
  });
}
