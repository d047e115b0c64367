import { isConflictError } from '../engine/core/CommandExecutor';

/**
 * Runs `fn` (one or more complete transactions) again when it loses a race —
 * a deadlock, lock wait timeout or duplicate first insert (MySQL/MariaDB gap
 * locks on `record_count`, SQLite busy) — up to `attempts` times with a short
 * random pause; any other error, or the last conflict, is thrown.
 */
export async function withConflictRetry<T>(fn: () => Promise<T>, attempts = 6): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts || !isConflictError(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * i));
    }
  }
}
