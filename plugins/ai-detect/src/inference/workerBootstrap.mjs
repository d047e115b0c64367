// Entry of a detector worker thread: registers tsx (SafeFlow runs its TypeScript
// sources directly) and loads the worker's TypeScript module.
import { register } from 'tsx/esm/api';

register();
await import('./detectorWorker.ts');
