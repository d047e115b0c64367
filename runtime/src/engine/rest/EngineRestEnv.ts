import type { AppDeps } from '../../app/AppDeps';
import type { CommandExecutor } from '../core/CommandExecutor';
import type { EngineServices } from '../core/EngineServices';
import type { LongPollRegistry } from './LongPollRegistry';

/** What `/engine-rest` resources are built from. */
export interface EngineRestEnv {
  deps: AppDeps;
  executor: CommandExecutor;
  services: EngineServices;
  longPoll: LongPollRegistry;
}
