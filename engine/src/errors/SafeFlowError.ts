/**
 * Base class of every error SafeFlow raises on purpose.
 *
 * `code` is stable and machine-readable (`external_task.not_found`); `status`
 * is the HTTP status the edge maps it to; `expose` says whether `message` may
 * be shown to the caller (false for internal failures, whose message is
 * replaced by a generic one). `details` carries structured context such as
 * field paths. Errors survive JSON round-trips through {@link toJSON} and
 * {@link SafeFlowError.fromJSON}, so errors stored on jobs and incidents keep
 * their code.
 */
export class SafeFlowError extends Error {
  readonly code: string;
  readonly status: number;
  readonly expose: boolean;
  readonly details?: unknown;

  constructor(code: string, message: string, opts: { status?: number; expose?: boolean; details?: unknown; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'SafeFlowError';
    this.code = code;
    this.status = opts.status ?? 400;
    this.expose = opts.expose ?? this.status < 500;
    this.details = opts.details;
  }

  toJSON(): { code: string; message: string; status: number; details?: unknown } {
    return { code: this.code, message: this.message, status: this.status, details: this.details };
  }

  static fromJSON(json: { code: string; message: string; status?: number; details?: unknown }): SafeFlowError {
    return new SafeFlowError(json.code, json.message, { status: json.status, details: json.details });
  }
}

/** Throws a {@link SafeFlowError} with `code` unless `condition` holds; narrows the condition. */
export function assertThat(
  condition: unknown,
  code: string,
  message: string,
  opts: { status?: number; details?: unknown } = {},
): asserts condition {
  if (!condition) throw new SafeFlowError(code, message, opts);
}
