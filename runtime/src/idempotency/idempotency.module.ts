import type { ModuleFactory } from '../app/RuntimeModule';
import { IdempotencyStore } from './IdempotencyStore';

/** How often expired idempotency keys are removed (hourly). */
export const IDEMPOTENCY_CLEANUP_INTERVAL_MS = 3600 * 1000;

/**
 * Supplies the `idempotent` HTTP policy (replay of creating calls by
 * `Idempotency-Key`) and removes keys older than 24 h on an hourly timer.
 */
export const idempotencyModule: ModuleFactory = (deps) => {
  const store = new IdempotencyStore(deps.db, deps.clock);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const cleanup = () => {
    running = store.expire().then(
      () => undefined,
      (err) => deps.logger.warn({ err }, 'idempotency key cleanup failed'),
    );
  };
  return {
    name: 'idempotency',
    policies: {
      idempotent: (auth, key, scope, body, run) => store.run(auth, key, scope, body, run),
    },
    async start() {
      cleanup();
      timer = setInterval(cleanup, IDEMPOTENCY_CLEANUP_INTERVAL_MS);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
};
