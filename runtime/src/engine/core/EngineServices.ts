import type { DefinitionCache } from '../persistence/DefinitionCache';

/** Long-lived engine services commands use (one set per runtime node). */
export interface EngineServices {
  definitions: DefinitionCache;
  /** Called after commit with the topics that got fetchable tasks. */
  onTopicsChanged(topics: string[]): void;
  /** Called after commit when a job may be due. */
  onJobsChanged(): void;
  /** A lock that expires this many times without a report turns into an incident. */
  maxLockExpiries: number;
}
