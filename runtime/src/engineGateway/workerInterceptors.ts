/** Re-exported from the worker helper: one implementation of worker authentication. */
export { workerInterceptors } from '@safeflow/plugin-kit';
