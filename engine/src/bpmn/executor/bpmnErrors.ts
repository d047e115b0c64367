import { SafeFlowError } from '../../errors';

/** `bpmn.execution_not_found` (404): no execution with that id in the instance. */
export function executionNotFound(executionId: string): SafeFlowError {
  return new SafeFlowError('bpmn.execution_not_found', `Execution '${executionId}' does not exist in this process instance`, {
    status: 404,
    details: { executionId },
  });
}

/** `bpmn.not_waiting` (409): the execution exists but does not wait for this kind of trigger. */
export function notWaiting(executionId: string, expected: string, actual: string | undefined): SafeFlowError {
  return new SafeFlowError('bpmn.not_waiting', `Execution '${executionId}' is not waiting for ${expected}${actual ? ` (it waits for ${actual})` : ''}`, {
    status: 409,
    details: { executionId, expected, actual },
  });
}

/** `bpmn.instance_ended` (409): the process instance has already ended. */
export function instanceEnded(processInstanceId: string): SafeFlowError {
  return new SafeFlowError('bpmn.instance_ended', `Process instance '${processInstanceId}' has ended`, { status: 409, details: { processInstanceId } });
}

/** `bpmn.no_outgoing_flow` (500): no sequence flow could be selected; the runtime rolls back. */
export function noOutgoingFlow(activityId: string): SafeFlowError {
  return new SafeFlowError('bpmn.no_outgoing_flow', `No outgoing sequence flow of '${activityId}' could be selected (no condition is true and there is no default flow)`, {
    status: 500,
    expose: true,
    details: { activityId },
  });
}

/** `bpmn.expression_error` (500): an expression failed (unknown variable, wrong result type, ...). */
export function expressionFailed(message: string, details: Record<string, unknown>, cause?: unknown): SafeFlowError {
  return new SafeFlowError('bpmn.expression_error', message, { status: 500, expose: true, details, cause });
}

/** `bpmn.invalid_state` (400): the state does not belong to this definition or is malformed. */
export function invalidState(message: string): SafeFlowError {
  return new SafeFlowError('bpmn.invalid_state', message, { status: 400 });
}
