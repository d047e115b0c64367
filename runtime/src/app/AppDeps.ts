import type { PluginRegistries } from '@safeflow/plugin-kit';
import type { Config } from '../config/loadConfig';
import type { Database } from '../db/Database';
import type { Logger } from '../logging/createLogger';

/** An injectable clock: production uses the wall clock, tests advance a fake one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * What every module of the runtime is built from. The plugin registries
 * (`plugins`, `taskTypes`, `detectors`, `formComponents`) are built once at
 * start-up from the built-in task types and the configured plugins
 * (runtime/src/plugins/installPlugins.ts) and frozen.
 */
export interface AppDeps extends PluginRegistries {
  config: Config;
  db: Database;
  logger: Logger;
  clock: Clock;
  /** The signing secret (generated on first start, kept in DATA_DIR). */
  secret: Buffer;
}
