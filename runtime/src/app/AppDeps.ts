import type { Config } from '../config/loadConfig';
import type { Database } from '../db/Database';
import type { Logger } from '../logging/createLogger';

/** An injectable clock: production uses the wall clock, tests advance a fake one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What every module of the runtime is built from. */
export interface AppDeps {
  config: Config;
  db: Database;
  logger: Logger;
  clock: Clock;
  /** The signing secret (generated on first start, kept in DATA_DIR). */
  secret: Buffer;
}
