import type { AppDeps } from '../app/AppDeps';
import type { ModuleFactory } from '../app/RuntimeModule';
import { processStartRoutes } from './processStart.route';
import { Scheduler } from './Scheduler';
import { scheduleRoutes } from './schedules.route';
import { hazardStatisticsRoutes } from '../hazards/hazardStatistics.route';

const handles = new WeakMap<object, Scheduler>();

/** The scheduler of a runtime (by its deps object), e.g. for tests to `tick()` after moving a FakeClock. */
export function schedulerOf(deps: AppDeps): Scheduler {
  const s = handles.get(deps);
  if (!s) throw new Error('scheduler module is not installed in this runtime');
  return s;
}

/**
 * The scheduler module: schedules, occurrences, pauses and the downward
 * process start (`/api/v1/processes/:key/start`). Every node ticks every
 * `SCHEDULER_TICK_MS` ms (default 15000; `0` = this node does not tick).
 */
export const schedulerModule: ModuleFactory = (deps) => {
  const tickMs = Number(process.env.SCHEDULER_TICK_MS ?? 15_000);
  const scheduler = new Scheduler(deps, { tickMs: Number.isFinite(tickMs) && tickMs > 0 ? tickMs : undefined });
  handles.set(deps, scheduler);
  return {
    name: 'scheduler',
    routes: [...scheduleRoutes(deps), ...processStartRoutes(deps), ...hazardStatisticsRoutes(deps)],
    async start() {
      if (tickMs > 0) scheduler.start();
    },
    async stop() {
      await scheduler.stop();
    },
  };
};
