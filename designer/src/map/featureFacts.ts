import type { MapFeature } from './mapApi';

/** Props not shown as facts (ids, counters for the UI itself). */
const HIDDEN = new Set(['revision', 'cameraId', 'alarmHours']);
/** Flags shown only when set. */
const ONLY_WHEN_TRUE = new Set(['approximate']);

/** One line of a feature's details: a label key (`map.props.<key>`) and the value in words. */
export interface Fact {
  key: string;
  value: string;
}

type Translate = { t(key: string): string; te(key: string): boolean };

/**
 * The facts of a feature's popup, from its `props`: nulls dropped, booleans
 * as yes/no, lists joined with arrows, known enum values (`map.values.<key>.<value>`)
 * and dates translated; unknown props (other layers' providers) shown by key.
 */
export function featureFacts(f: MapFeature, i18n: Translate): Fact[] {
  const out: Fact[] = [];
  for (const [key, raw] of Object.entries(f.props ?? {})) {
    if (HIDDEN.has(key) || raw === null || raw === undefined || raw === '' || (ONLY_WHEN_TRUE.has(key) && raw !== true)) continue;
    let value: string;
    if (typeof raw === 'boolean') value = i18n.t(raw ? 'map.yes' : 'map.no');
    else if (Array.isArray(raw)) value = raw.map(String).join(' → ');
    else if (typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(raw)) value = new Date(raw).toLocaleString();
    else if (typeof raw === 'object') value = JSON.stringify(raw);
    else {
      const k = `map.values.${key}.${String(raw)}`;
      value = i18n.te(k) ? i18n.t(k) : String(raw);
    }
    out.push({ key: i18n.te(`map.props.${key}`) ? i18n.t(`map.props.${key}`) : key, value });
  }
  return out;
}
