/**
 * The plugin's typed error: a stable code (`model.invalid`, `detect.image_unreadable`, ...),
 * a message for people and details for machines. Routes map it to
 * `{ code, message, details }` with {@link SafeFlowAiError.status}.
 */
export class SafeFlowAiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly status = 400,
  ) {
    super(message);
    this.name = 'SafeFlowAiError';
  }
}
