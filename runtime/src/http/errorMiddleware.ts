import type { Context, Next } from 'koa';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { Logger } from '../logging/createLogger';

/**
 * Maps every error thrown below it to SafeFlow's error body
 * `{ code, message, details }` with the error's status. Unexpected errors are
 * logged with the request id and answered `internal.error` (500) without
 * leaking their message.
 */
export function errorMiddleware(logger: Logger) {
  return async (ctx: Context, next: Next): Promise<void> => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new SafeFlowError('route.not_found', `No route for ${ctx.method} ${ctx.path}`, { status: 404 });
      }
    } catch (err) {
      const e = toSafeFlowError(err);
      if (e.status >= 500) logger.error({ err, requestId: ctx.state.requestId }, 'request failed');
      ctx.status = e.status;
      ctx.body = {
        code: e.code,
        message: e.expose ? e.message : 'Internal server error',
        ...(e.details !== undefined && e.expose ? { details: e.details } : {}),
        requestId: ctx.state.requestId,
      };
    }
  };
}

/** Normalises anything thrown into a {@link SafeFlowError}. */
export function toSafeFlowError(err: unknown): SafeFlowError {
  if (err instanceof SafeFlowError) return err;
  const e = err as { status?: number; statusCode?: number; expose?: boolean; message?: string; code?: string };
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new SafeFlowError('request.invalid', e.message ?? 'Bad request', { status });
  }
  return new SafeFlowError('internal.error', e?.message ?? String(err), { status: 500, expose: false, cause: err });
}
