import { i18n } from '@/i18n';

/** A refused command's code (`designer.not_a_container`) in words, in the current language. */
export function refusedMessage(code: string): string {
  const g = i18n.global as unknown as { t(key: string): string; te(key: string): boolean };
  const key = `studio.designer.refused.${code.replace(/^designer\./, '')}`;
  return g.te(key) ? g.t(key) : code;
}
