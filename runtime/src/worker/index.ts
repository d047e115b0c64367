/**
 * The typed worker helper lives in `@safeflow/plugin-kit` (plugins may not
 * import the runtime); the runtime re-exports it for its own modules and for
 * `@safeflow/runtime/worker` users.
 */
export {
  createWorker,
  workerInterceptors,
  BpmnError,
  nextRetry,
  defaultRetryPolicy,
  type Worker,
  type WorkerOptions,
  type TaskContext,
  type TaskHandler,
  type WorkerAuth,
  type SubscribeOptions,
  type RetryPolicy,
} from '@safeflow/plugin-kit';
