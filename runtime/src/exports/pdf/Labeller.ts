import type { CollectionContent } from '../../definitions/CollectionContent';
import { chinaTime } from '../../records/ledgerLabels';
import type { FormEnumLabels } from '../formEnumLabels';

/** Languages of generated documents. */
export type ExportLocale = 'zh-CN' | 'en';

type I18n = { zh: string; en: string };

/**
 * Words of a generated document in the requester's language: collection,
 * field, state and enum labels from the collection definitions, the
 * document's own headings from a small bilingual dictionary.
 */
export class Labeller {
  constructor(readonly locale: ExportLocale) {}

  /** The text of a bilingual label. */
  t(text: I18n | undefined, fallback = ''): string {
    if (!text) return fallback;
    return this.locale === 'en' ? text.en : text.zh;
  }

  /** Picks the Chinese or the English of a heading written in code. */
  say(zh: string, en: string): string {
    return this.locale === 'en' ? en : zh;
  }

  field(c: CollectionContent, field: string): string {
    return this.t(c.fields[field]?.title, field);
  }

  state(c: CollectionContent, status: string): string {
    return this.t(c.states.find((s) => s.key === status)?.name, status);
  }

  /**
   * A record value as words: enum labels (the collection's, else in Chinese
   * the form's option labels), yes/no, numbers, dates as China-time days;
   * '' when empty.
   */
  value(c: CollectionContent, field: string, v: unknown, formEnums?: FormEnumLabels): string {
    if (v === undefined || v === null || v === '') return '';
    const def = c.fields[field];
    if (typeof v === 'string' && (def?.type === 'enum' || formEnums?.[field]?.[v])) {
      const own = def?.enumLabels?.[v];
      if (own) return this.t(own);
      return this.locale === 'zh-CN' ? (formEnums?.[field]?.[v] ?? v) : v;
    }
    if (def?.type === 'date' && typeof v === 'string') return this.day(v);
    if (typeof v === 'boolean') return v ? this.say('是', 'Yes') : this.say('否', 'No');
    if (typeof v === 'number') return String(v);
    if (typeof v === 'string') return v;
    if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' && x ? ((x as { name?: string }).name ?? JSON.stringify(x)) : String(x))).join('、');
    return JSON.stringify(v);
  }

  /** A date or timestamp as its China-time day `YYYY-MM-DD` (text that is no date as it is). */
  day(v: string): string {
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? v : chinaTime(ms).slice(0, 10);
  }

  /** `YYYY-MM-DD HH:mm:ss` (China time). */
  time(ms: number): string {
    return chinaTime(ms);
  }
}
