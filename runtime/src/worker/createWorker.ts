/** Moved to `@safeflow/plugin-kit`; kept so existing imports of `../worker/createWorker` keep working. */
export { createWorker, workerInterceptors, type Worker, type WorkerOptions, type TaskContext, type TaskHandler, type WorkerAuth, type SubscribeOptions } from '@safeflow/plugin-kit';
