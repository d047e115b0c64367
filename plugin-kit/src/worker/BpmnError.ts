/**
 * Thrown by a worker handler to raise a BPMN error from its external task
 * (`POST /external-task/{id}/bpmnError`): an error boundary event with the
 * same `errorCode` catches it. Any other thrown error is a technical failure
 * and is reported with `handleFailure` (retries and backoff).
 */
export class BpmnError extends Error {
  constructor(
    readonly errorCode: string,
    message?: string,
    readonly variables?: Record<string, unknown>,
  ) {
    super(message ?? errorCode);
    this.name = 'BpmnError';
  }
}
