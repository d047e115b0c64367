import { SafeFlowError } from '@safeflow/engine/errors';

/**
 * An error answered by (or on the way to) a remote Camunda 7 / Operaton
 * engine. Codes:
 * - `engine.remote_error` — the engine answered with an error; `type` is
 *   Camunda's exception type (`RestException`, `TaskAlreadyClaimedException`,
 *   …), `status` the remote status (a remote 401, i.e. bad `ENGINE_*`
 *   credentials, becomes 502), `details` `{ remoteStatus, remoteType, remoteMessage, url }`;
 * - `engine.remote_unreachable` (502) — connection refused, DNS, reset;
 * - `engine.remote_timeout` (504) — no answer within `ENGINE_TIMEOUT_MS`.
 */
export class RemoteEngineError extends SafeFlowError {
  constructor(
    code: 'engine.remote_error' | 'engine.remote_unreachable' | 'engine.remote_timeout',
    message: string,
    readonly type: string | null,
    opts: { status: number; details: Record<string, unknown>; cause?: unknown },
  ) {
    super(code, message, { status: opts.status, expose: true, details: opts.details, cause: opts.cause });
  }
}

/** Maps a non-2xx answer (Camunda's `{ type, message }` body, or anything else) to {@link RemoteEngineError}. */
export function remoteErrorOf(method: string, url: string, status: number, text: string): RemoteEngineError {
  let body: { type?: unknown; message?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = {};
  }
  const remoteType = typeof body?.type === 'string' ? body.type : null;
  const remoteMessage = typeof body?.message === 'string' ? body.message : text.slice(0, 300);
  return new RemoteEngineError(
    'engine.remote_error',
    `Engine ${method} ${pathOf(url)} failed with ${status}${remoteType ? ` ${remoteType}` : ''}: ${remoteMessage}`,
    remoteType,
    { status: status === 401 ? 502 : status, details: { remoteStatus: status, remoteType, remoteMessage, url: pathOf(url) } },
  );
}

/** Maps a failed fetch (network error or abort by timeout) to {@link RemoteEngineError}. */
export function transportErrorOf(method: string, url: string, err: unknown, timeoutMs: number): RemoteEngineError {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new RemoteEngineError('engine.remote_timeout', `Engine ${method} ${pathOf(url)} did not answer within ${timeoutMs} ms`, null, {
      status: 504, details: { url: pathOf(url), timeoutMs }, cause: err,
    });
  }
  const reason = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
  return new RemoteEngineError('engine.remote_unreachable', `Engine at ${originOf(url)} is unreachable (${reason})`, null, {
    status: 502, details: { url: pathOf(url), reason }, cause: err,
  });
}

/** Camunda's exception type of an engine error, local ({@link EngineRestError}) or remote; undefined for other errors. */
export function engineErrorType(err: unknown): string | undefined {
  const t = (err as { type?: unknown })?.type;
  return err instanceof SafeFlowError && typeof t === 'string' ? t : undefined;
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
