export { SafeFlowError, assertThat } from './SafeFlowError';
