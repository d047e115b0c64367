import type { ModuleFactory } from '../app/RuntimeModule';
import { CommandExecutor } from './core/CommandExecutor';
import type { EngineServices } from './core/EngineServices';
import { JobExecutor } from './jobs/JobExecutor';
import { LockExpirySweeper } from './jobs/LockExpirySweeper';
import { DefinitionCache } from './persistence/DefinitionCache';
import { engineRestRouter } from './rest/engineRestRouter';
import { LongPollRegistry } from './rest/LongPollRegistry';

/** Default of `ENGINE_MAX_LOCK_EXPIRIES`: lock expiries without a report before a task becomes an incident. */
export const DEFAULT_MAX_LOCK_EXPIRIES = 5;

/** The engine's pieces, exposed for tests and other modules (`engineOf(runtime)`). */
export interface EngineHandle {
  executor: CommandExecutor;
  services: EngineServices;
  longPoll: LongPollRegistry;
  jobs: JobExecutor;
  sweeper: LockExpirySweeper;
}

const handles = new WeakMap<object, EngineHandle>();

/** The engine of a runtime built with {@link engineModule} (by its deps object). */
export function engineOf(deps: object): EngineHandle {
  const h = handles.get(deps);
  if (!h) throw new Error('engine module is not installed in this runtime');
  return h;
}

/**
 * The BPMN engine module: persistence of instances and side rows, the
 * Camunda-7-compatible `/engine-rest`, long polling, the job executor and the
 * lock-expiry sweeper. With `ENGINE_URL` set (a remote Camunda 7 / Operaton
 * engine, see engineGateway/) this node is no engine: it neither mounts
 * `/engine-rest` nor runs the job executor and sweeper.
 */
export const engineModule: ModuleFactory = (deps) => {
  const maxLockExpiries = Number(process.env.ENGINE_MAX_LOCK_EXPIRIES ?? DEFAULT_MAX_LOCK_EXPIRIES);
  const longPoll = new LongPollRegistry(deps.logger);
  const wakeJobs = { fn: (): void => undefined };
  const services: EngineServices = {
    definitions: new DefinitionCache(),
    onTopicsChanged: (topics) => longPoll.wake(topics),
    onJobsChanged: () => wakeJobs.fn(),
    maxLockExpiries: Number.isInteger(maxLockExpiries) && maxLockExpiries > 0 ? maxLockExpiries : DEFAULT_MAX_LOCK_EXPIRIES,
  };
  const executor = new CommandExecutor(deps, services);
  const jobs = new JobExecutor(deps, executor);
  wakeJobs.fn = () => jobs.wake();
  const sweeper = new LockExpirySweeper(deps, longPoll);
  handles.set(deps, { executor, services, longPoll, jobs, sweeper });
  const remote = !!deps.config.engineUrl;
  return {
    name: 'engine',
    mount(app) {
      if (remote) return;
      const router = engineRestRouter({ deps, executor, services, longPoll });
      app.use(router.routes()).use(router.allowedMethods());
    },
    async start() {
      if (remote) return;
      jobs.start();
      sweeper.start();
    },
    async stop() {
      sweeper.stop();
      longPoll.close();
      await jobs.stop();
    },
  };
};
