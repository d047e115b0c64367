/** A value field as the progress bar sees it. */
export interface ProgressField {
  /** Address segments (void containers included), e.g. `['__section1', 'q3']`. */
  address: string[];
  visible: boolean;
  filled: boolean;
  required: boolean;
  /** Has errors now. */
  invalid: boolean;
}

/** Progress of one section (a top-level void container), or of the unsectioned rest. */
export interface SectionProgress {
  key: string;
  title: string;
  filled: number;
  total: number;
  requiredMissing: number;
  errors: number;
}

/** Progress of the whole form. */
export interface FormProgress {
  filled: number;
  total: number;
  /** 0–100, rounded down (100 only when everything is filled). */
  percent: number;
  requiredMissing: number;
  sections: SectionProgress[];
}

/** True for values that count as answered (empty strings, arrays and objects do not). */
export function isFilled(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.values(value as object).some(isFilled);
  return true;
}

/**
 * Counts answered visible fields per top-level section. `sections` maps the
 * first address segment of a top-level void container to its title; fields
 * outside any container are grouped under key `''`. Hidden fields do not count.
 */
export function sectionProgress(fields: readonly ProgressField[], sections: ReadonlyMap<string, string>): FormProgress {
  const by = new Map<string, SectionProgress>();
  for (const [key, title] of sections) by.set(key, { key, title, filled: 0, total: 0, requiredMissing: 0, errors: 0 });
  let filled = 0;
  let total = 0;
  let requiredMissing = 0;
  for (const f of fields) {
    if (!f.visible) continue;
    const head = f.address[0] ?? '';
    const key = sections.has(head) ? head : '';
    let s = by.get(key);
    if (!s) {
      s = { key, title: '', filled: 0, total: 0, requiredMissing: 0, errors: 0 };
      by.set(key, s);
    }
    s.total++;
    total++;
    if (f.filled) {
      s.filled++;
      filled++;
    } else if (f.required) {
      s.requiredMissing++;
      requiredMissing++;
    }
    if (f.invalid) s.errors++;
  }
  const percent = total === 0 ? 100 : filled === total ? 100 : Math.floor((filled / total) * 100);
  return { filled, total, percent, requiredMissing, sections: [...by.values()].filter((s) => s.total > 0) };
}
