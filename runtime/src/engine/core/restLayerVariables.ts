import { EngineRestError } from './EngineRestError';

/** Codes {@link readWireVariables} throws for a variable the REST layer cannot read. */
const VARIABLE_CODES = new Set([
  'engine.unsupported_value_type',
  'engine.invalid_variable_value',
  'engine.invalid_variables',
]);

/**
 * Reads request variables as a Camunda resource does where it wraps
 * `VariableValueDto.toMap`: a variable the REST layer cannot read becomes an
 * InvalidRequestException with the same status and the message
 * `<prefix>: <cause>` — e.g. "Cannot complete task 42: Unsupported value type
 * 'JSON'" (TaskResourceImpl), "Cannot modify variables for process instance:
 * ..." (AbstractVariablesResource), "Cannot deliver message: ..."
 * (MessageRestServiceImpl). Endpoints that do not wrap (external-task
 * complete) call the reader directly.
 */
export function readWrapped<T>(prefix: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof EngineRestError && VARIABLE_CODES.has(err.code)) {
      throw new EngineRestError(err.code, 'InvalidRequestException', `${prefix}: ${err.message}`, {
        status: err.status,
        cause: err,
      });
    }
    throw err;
  }
}
