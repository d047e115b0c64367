import type { AppDeps } from '../app/AppDeps';
import type { ModuleFactory } from '../app/RuntimeModule';
import { seedDemoAi } from '../ai/seedDemoAi';
import { demoProcessesEnabled } from './demoProcessesEnabled';
import { seedDemoInstances, type DemoInstancesReport } from './seedInstances';

const runs = new WeakMap<object, Promise<DemoInstancesReport | undefined>>();

/** The demo-instance run of a runtime started at listen (undefined when demo data is off), e.g. for tests to await. */
export function demoInstancesRun(deps: AppDeps): Promise<DemoInstancesReport | undefined> | undefined {
  return runs.get(deps);
}

/**
 * With demo data on (SEED_DEMO) and {@link demoProcessesEnabled}: once the server listens (the workers need
 * it), starts the demo's living processes in the background — see
 * {@link seedDemoInstances}, then the demo's AI patrol ({@link seedDemoAi}); a failure is logged, never stops the server;
 * a shutdown stops it between steps.
 */
export const demoInstancesModule: ModuleFactory = (deps) => {
  const stopping = new AbortController();
  return {
    name: 'demoInstances',
    async start() {
      if (!deps.config.seedDemo || !demoProcessesEnabled()) return;
      runs.set(
        deps,
        seedDemoInstances(deps, { signal: stopping.signal })
          .catch((err: unknown) => {
            deps.logger.warn({ err }, 'demo processes not seeded');
            return undefined;
          })
          .then(async (report) => {
            // then the AI patrol of the demo (a model, cameras with a picture, two routes run once)
            if (stopping.signal.aborted) return report;
            await seedDemoAi(deps).then(
              (ai) => deps.logger.info({ ai }, 'demo AI patrol'),
              (err: unknown) => deps.logger.warn({ err }, 'demo AI patrol not seeded'),
            );
            return report;
          }),
      );
    },
    async stop() {
      stopping.abort();
      await runs.get(deps);
    },
  };
};
