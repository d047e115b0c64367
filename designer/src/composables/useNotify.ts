import { ElMessage } from 'element-plus';
import { errorMessage } from '@/api/errorMessage';

/** Shows an error to the user in words. Use in every catch that does not show the error inline. */
export function showError(error: unknown): void {
  ElMessage({ type: 'error', message: errorMessage(error), showClose: true, duration: 6000, grouping: true });
}

/** Shows a short success note. */
export function showSuccess(message: string): void {
  ElMessage({ type: 'success', message, duration: 2500, grouping: true });
}
