/** A label in both UI languages (zh-CN is the default UI language, English is available). */
export interface LocalizedText {
  'zh-CN': string;
  en: string;
}
