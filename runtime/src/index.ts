export { createRuntime, type Runtime } from './app/createRuntime';
export { loadConfig, type Config } from './config/loadConfig';
export type { AppDeps, Clock } from './app/AppDeps';
