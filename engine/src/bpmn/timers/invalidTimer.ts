import { SafeFlowError } from '../../errors';

/** The error every timer parser throws: code `bpmn.invalid_timer`, status 400. */
export function invalidTimer(message: string, expression: string): SafeFlowError {
  return new SafeFlowError('bpmn.invalid_timer', message, { status: 400, details: { expression } });
}
