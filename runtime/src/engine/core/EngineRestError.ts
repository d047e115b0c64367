import { SafeFlowError } from '@safeflow/engine/errors';

/** Camunda 7 exception types SafeFlow's `/engine-rest` answers with. */
export type CamundaErrorType =
  | 'RestException'
  | 'InvalidRequestException'
  | 'OptimisticLockingException'
  | 'TaskAlreadyClaimedException'
  | 'AuthorizationException'
  | 'AuthenticationException'
  | 'ParseException'
  | 'ProcessEngineException'
  | 'NullValueException'
  | 'BadUserRequestException';

/**
 * An error of the engine with the Camunda exception `type` the REST layer
 * answers with (`{ type, message, code? }`). `code` is SafeFlow's stable code
 * (`external_task.not_found`); `camundaCode` is Camunda's numeric error code
 * (1 for optimistic locking). Thrown by commands, mapped once by
 * {@link toCamundaBody}.
 */
export class EngineRestError extends SafeFlowError {
  constructor(
    code: string,
    readonly type: CamundaErrorType,
    message: string,
    opts: { status: number; camundaCode?: number; details?: unknown; cause?: unknown },
  ) {
    super(code, message, { status: opts.status, expose: true, details: opts.details, cause: opts.cause });
    this.camundaCode = opts.camundaCode;
  }
  readonly camundaCode?: number;
}

/** 404 RestException (an id that does not exist, or is outside the caller's scope). */
export const notFound = (code: string, message: string) =>
  new EngineRestError(code, 'RestException', message, { status: 404 });

/** 400 RestException (bad input on external-task and most other endpoints). */
export const badRequest = (code: string, message: string) =>
  new EngineRestError(code, 'RestException', message, { status: 400 });

/** 400 InvalidRequestException (malformed query/body values, unsupported variable types). */
export const invalidRequest = (code: string, message: string) =>
  new EngineRestError(code, 'InvalidRequestException', message, { status: 400 });

/** 500 OptimisticLockingException, Camunda code 1: the row changed under the command; retry. */
export const optimisticLocking = (what: string) =>
  new EngineRestError('engine.optimistic_locking', 'OptimisticLockingException', `${what} was updated by another transaction concurrently`, {
    status: 500,
    camundaCode: 1,
  });

/** 403 AuthorizationException. */
export const forbidden = (message: string) =>
  new EngineRestError('engine.forbidden', 'AuthorizationException', message, { status: 403 });

/**
 * Maps anything thrown to Camunda's error body and status. SafeFlowErrors
 * from the executor keep their message (`bpmn.*` codes) and become 400
 * RestException for client errors, 500 ProcessEngineException otherwise;
 * unknown errors become 500 ProcessEngineException without leaking details.
 */
export function toCamundaBody(err: unknown): { status: number; body: Record<string, unknown> } {
  if (err instanceof EngineRestError) {
    const body: Record<string, unknown> = { type: err.type, message: err.message };
    if (err.camundaCode !== undefined) body.code = err.camundaCode;
    if (err.details !== undefined) body.details = err.details;
    return { status: err.status, body };
  }
  if (err instanceof SafeFlowError) {
    if (err.status === 401 || err.status === 423) return { status: 401, body: { type: 'AuthenticationException', message: err.message } };
    if (err.status === 403) return { status: 403, body: { type: 'AuthorizationException', message: err.message } };
    if (err.status === 404) return { status: 404, body: { type: 'RestException', message: err.message } };
    if (err.code === 'concurrency.conflict') return { status: 500, body: { type: 'OptimisticLockingException', message: err.message, code: 1 } };
    if (err.status === 409 || (err.status >= 500 && err.expose)) return { status: 500, body: { type: 'ProcessEngineException', message: err.message } };
    if (err.status < 500) return { status: 400, body: { type: 'RestException', message: err.message } };
    return { status: 500, body: { type: 'ProcessEngineException', message: err.expose ? err.message : 'Internal server error' } };
  }
  const e = err as { status?: number; message?: string };
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return { status: e.status, body: { type: 'RestException', message: e.message ?? 'Bad request' } };
  }
  return { status: 500, body: { type: 'ProcessEngineException', message: 'Internal server error' } };
}
