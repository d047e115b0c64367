/**
 * An error answered by the SafeFlow API (`{code,message,details,requestId}`)
 * or raised by the client itself (`network.unreachable`, `http.<status>`).
 * `status` 0 means the request never got an answer.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True for a network failure (offline, server down): worth retrying later. */
  get isNetwork(): boolean {
    return this.status === 0;
  }

  /** True when the server refused the request (4xx): retrying it unchanged will not help. */
  get isRejection(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

/** The body of an API error response. */
export interface ApiErrorBody {
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

/** Type guard for an API error body. */
export function isApiErrorBody(v: unknown): v is ApiErrorBody {
  return typeof v === 'object' && v !== null && typeof (v as ApiErrorBody).code === 'string' && typeof (v as ApiErrorBody).message === 'string';
}
