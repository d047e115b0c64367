import { i18n } from '@/i18n';
import { ApiError } from './ApiError';

/**
 * Turns any error into a sentence for the user, in the current language:
 * known codes get a translated message (`errors.<code>` in the i18n files),
 * others the server's message plus the code and request id, so nothing is
 * shown as "[object Object]" and nothing is swallowed.
 */
export function errorMessage(error: unknown): string {
  const g = i18n.global as unknown as { t(key: string, named?: Record<string, unknown>): string; te(key: string): boolean };
  const t = g.t.bind(g);
  const te = g.te.bind(g);
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    if (te(key)) return t(key, { message: error.message });
    const suffix = error.code.endsWith('.not_found') ? t('errors.not_found') : error.message;
    const ref = error.requestId ? ` (${error.code}, ${error.requestId})` : ` (${error.code})`;
    return `${suffix}${ref}`;
  }
  if (error instanceof Error) return error.message || t('errors.unknown');
  return typeof error === 'string' ? error : t('errors.unknown');
}
