import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from 'koa';
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
  // the policy has no koa context: the request's context travels in async-local storage
  const current = new AsyncLocalStorage<Context>();
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
      idempotent: async (auth, key, scope, body, run) => {
        const outcome = await store.run(auth, key, scope, body, run);
        if (outcome.replayed) current.getStore()?.set('Idempotent-Replayed', 'true');
        return outcome;
      },
    },
    mount(app) {
      app.use((ctx, next) => current.run(ctx, next));
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
