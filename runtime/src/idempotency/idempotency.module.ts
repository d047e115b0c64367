import type { ModuleFactory } from '../app/RuntimeModule';
import { IdempotencyStore } from './IdempotencyStore';

/** How often expired idempotency keys are removed (hourly). */
export const IDEMPOTENCY_CLEANUP_INTERVAL_MS = 3600 * 1000;

/**
 * Supplies the `idempotent` HTTP policy (replay of creating calls by
 * `Idempotency-Key`; replays carry the header `Idempotent-Replayed: true`)
 * and removes keys older than 24 h on an hourly timer.
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
      // no AsyncLocalStorage for the koa context: it would turn on promise hooks for every promise of the process
      idempotent: async (auth, key, scope, body, run) => {
        const outcome = await store.run(auth, key, scope, body, run);
        return outcome.replayed ? { status: outcome.status, body: outcome.body, headers: { 'Idempotent-Replayed': 'true' } } : outcome;
      },
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
