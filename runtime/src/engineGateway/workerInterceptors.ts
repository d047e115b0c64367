/** Re-exported from the worker helper: one implementation of worker authentication. */
export { workerInterceptors } from '../worker/createWorker';
