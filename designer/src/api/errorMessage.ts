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
    if (te(key)) return t(key, { ...detailParams(error.details), message: error.message });
    const suffix = error.code.endsWith('.not_found') ? t('errors.not_found') : error.message;
    const ref = error.requestId ? ` (${error.code}, ${error.requestId})` : ` (${error.code})`;
    return `${suffix}${ref}`;
  }
  if (error instanceof Error) return error.message || t('errors.unknown');
  return typeof error === 'string' ? error : t('errors.unknown');
}

/** The server's details as named parameters of the text (`{classCount}`): numbers and strings as they are, lists joined. */
function detailParams(details: unknown): Record<string, string | number> {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return {};
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(details as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) out[k] = v.join(', ');
  }
  return out;
}
