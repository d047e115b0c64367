import { createI18n } from 'vue-i18n';

/** The languages of the app; zh-CN is the default. */
export const LOCALES = ['zh-CN', 'en'] as const;
/** One app language. */
export type AppLocale = (typeof LOCALES)[number];

const STORAGE_KEY = 'safeflow.locale';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- message trees are free-form
type Messages = Record<string, any>;

/**
 * Message files: `src/i18n/messages/<locale>/<namespace>.ts`, each
 * `export default { ... }`, merged under their file name — `shell.ts` gives
 * `t('shell.…')`, `studio.ts` gives `t('studio.…')`. Add a file per area
 * (no edits to others' files needed). `errors.ts` holds messages for API codes.
 */
const files = import.meta.glob<Messages>('./messages/*/*.ts', { eager: true, import: 'default' });

function collect(): Record<AppLocale, Messages> {
  const out: Record<string, Messages> = { 'zh-CN': {}, en: {} };
  for (const [path, messages] of Object.entries(files)) {
    const m = /\.\/messages\/([^/]+)\/([^/]+)\.ts$/.exec(path);
    if (!m) continue;
    (out[m[1]!] ??= {})[m[2]!] = messages;
  }
  return out as Record<AppLocale, Messages>;
}

/** The saved language (or zh-CN). */
export function savedLocale(): AppLocale {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return (LOCALES as readonly string[]).includes(v ?? '') ? (v as AppLocale) : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** Remembers the language. */
export function saveLocale(locale: AppLocale): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

/** The app's vue-i18n instance (composition mode). */
export const i18n = createI18n({
  legacy: false,
  locale: savedLocale() as string,
  fallbackLocale: 'zh-CN',
  messages: collect() as Record<string, Messages>,
  missingWarn: false,
  fallbackWarn: false,
});
