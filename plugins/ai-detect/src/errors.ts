import { SafeFlowError } from '@safeflow/plugin-kit';

/**
 * The plugin's typed error: a {@link SafeFlowError} with a stable code (`model.corrupt`,
 * `detect.image_unreadable`, ...), a message for people, details for machines and the
 * HTTP status the edge maps it to (default 400).
 */
export class SafeFlowAiError extends SafeFlowError {
  declare readonly details: Record<string, unknown>;

  constructor(code: string, message: string, details: Record<string, unknown> = {}, status = 400) {
    super(code, message, { status, details });
    this.name = 'SafeFlowAiError';
  }
}
