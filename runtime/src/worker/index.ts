export { createWorker, workerInterceptors, type Worker, type WorkerOptions, type TaskContext, type TaskHandler, type WorkerAuth } from './createWorker';
export { BpmnError } from './BpmnError';
export { nextRetry, defaultRetryPolicy, type RetryPolicy } from './retryBackoff';
