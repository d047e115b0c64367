import type { Context, Next } from 'koa';
import type { Logger } from '../../logging/createLogger';
import { toCamundaBody } from '../core/EngineRestError';

/**
 * Sets exactly `Content-Type: application/json` on JSON responses, after the
 * body is set (koa would append `; charset=utf-8`, which makes the Camunda JS
 * client silently drop fetched tasks). Non-JSON bodies (text, streams) keep theirs.
 */
export function exactJsonContentType() {
  return async (ctx: Context, next: Next): Promise<void> => {
    await next();
    const body = ctx.body;
    if (body !== null && body !== undefined && typeof body === 'object' && !Buffer.isBuffer(body) && typeof (body as { pipe?: unknown }).pipe !== 'function') {
      ctx.set('Content-Type', 'application/json');
    }
  };
}

/** Maps every error below it to Camunda's `{ type, message, code? }` body (see `toCamundaBody`). */
export function camundaErrors(logger: Logger) {
  return async (ctx: Context, next: Next): Promise<void> => {
    try {
      await next();
    } catch (err) {
      const { status, body } = toCamundaBody(err);
      if (status >= 500 && body.type !== 'OptimisticLockingException' && body.type !== 'TaskAlreadyClaimedException') {
        logger.error({ err, requestId: ctx.state.requestId, path: ctx.path }, 'engine-rest request failed');
      }
      if (status === 401) ctx.set('WWW-Authenticate', 'Basic realm="SafeFlow"');
      ctx.status = status;
      ctx.body = body;
    }
  };
}
