export {
  createWorker,
  workerInterceptors,
  type Worker,
  type WorkerOptions,
  type TaskContext,
  type TaskHandler,
  type WorkerAuth,
  type SubscribeOptions,
} from './createWorker';
export { BpmnError } from './BpmnError';
export { nextRetry, defaultRetryPolicy, type RetryPolicy } from './retryBackoff';
