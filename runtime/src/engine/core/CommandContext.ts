import type { ExecutionContext } from '@safeflow/engine/bpmn';
import type { AppDeps } from '../../app/AppDeps';
import type { Tx } from '../../db/Database';
import type { EngineServices } from './EngineServices';

/** What a running {@link Command} sees: the transaction, the fixed "now", services and after-commit hooks. */
export interface CommandContext {
  tx: Tx;
  deps: AppDeps;
  services: EngineServices;
  /** The command's time (read once from the injectable clock). */
  now: Date;
  /** The executor's view: `now` and uuid generation. */
  exec: ExecutionContext;
  /** Runs `fn` after the transaction commits (never on rollback). */
  afterCommit(fn: () => void): void;
  /** Wakes long polls of `topic` after commit. */
  wakeTopic(topic: string): void;
  /** Wakes the job executor after commit (a job became due). */
  wakeJobs(): void;
}
