import { EngineRestError, toCamundaBody } from '../core/EngineRestError';

/**
 * What `POST /process-definition/{id|key/...}/start` answers when the start
 * fails, as Camunda 7's `ProcessDefinitionResourceImpl.startProcessInstance`
 * does: an AuthorizationException (401/403 here) passes unchanged; a
 * REST-layer error (`restLayer`: reading the request's variables) becomes an
 * InvalidRequestException with the same status; anything the engine threw
 * while starting and running the instance (a missing called definition, an
 * expression error, an optimistic-locking conflict, ...) becomes a 500
 * RestException. Both carry the message
 * `Cannot instantiate process definition <definition id>: <cause message>`.
 */
export function instantiationFailed(definitionId: string, err: unknown, restLayer = false): unknown {
  const { status, body } = toCamundaBody(err);
  if (status === 401 || status === 403) return err;
  const inner = (err as { code?: unknown } | null)?.code;
  const code = typeof inner === 'string' ? inner : 'engine.start_failed';
  const message = `Cannot instantiate process definition ${definitionId}: ${String(body.message)}`;
  if (restLayer) return new EngineRestError(code, 'InvalidRequestException', message, { status, cause: err });
  return new EngineRestError(code, 'RestException', message, { status: 500, cause: err });
}
