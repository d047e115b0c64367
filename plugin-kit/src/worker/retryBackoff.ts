/**
 * Default retry policy of SafeFlow's workers: `retries` attempts in all, the
 * wait doubling from `baseMs` and capped at `maxMs`.
 */
export interface RetryPolicy {
  retries: number;
  baseMs: number;
  maxMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 3, baseMs: 1000, maxMs: 5 * 60_000 };

/**
 * What to report after a handler failed: the retries left after this failure
 * (the engine never decrements them itself; workers do) and the retry timeout.
 * `taskRetries` is the task's current `retries` (null before the first failure).
 */
export function nextRetry(taskRetries: number | null | undefined, policy: RetryPolicy): { retries: number; retryTimeout: number } {
  const left = taskRetries === null || taskRetries === undefined ? policy.retries - 1 : taskRetries - 1;
  const retries = Math.max(0, left);
  const attempt = policy.retries - 1 - retries; // 0 for the first failure
  const retryTimeout = retries === 0 ? 0 : Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return { retries, retryTimeout };
}
