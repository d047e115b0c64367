import type { ModuleFactory } from './app/RuntimeModule';
import { filesModule } from './files/files.module';
import { idempotencyModule } from './idempotency/idempotency.module';

/**
 * The runtime's modules, in start order. Each feature adds its factory here
 * (one line); `createRuntime` builds them from the shared dependencies.
 */
export const moduleFactories: ModuleFactory[] = [
  idempotencyModule,
  filesModule,
];
