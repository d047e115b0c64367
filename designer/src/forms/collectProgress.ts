import type { Form, GeneralField } from '@formily/core';
import { isFilled, sectionProgress, type FormProgress, type ProgressField } from './sectionProgress';

const isData = (f: GeneralField) => f.displayName !== 'VoidField';

function dataParent(f: GeneralField): GeneralField | undefined {
  let p = f.parent;
  while (p && !isData(p)) p = p.parent;
  return p;
}

/**
 * The progress of a live Formily form: answered visible leaf value fields
 * (fields holding other value fields are not counted themselves), grouped by
 * their top-level void container (sections).
 */
export function collectProgress(form: Form): FormProgress {
  const all = Object.values(form.fields);
  const withChildren = new Set<string>();
  for (const f of all) {
    if (!isData(f)) continue;
    const p = dataParent(f);
    if (p) withChildren.add(p.address.toString());
  }
  const sections = new Map<string, string>();
  for (const f of all) {
    if (!isData(f) && f.address.segments.length === 1) sections.set(String(f.address.segments[0]), String((f as { title?: unknown }).title ?? ''));
  }
  const fields: ProgressField[] = [];
  for (const f of all) {
    if (!isData(f) || withChildren.has(f.address.toString())) continue;
    const field = f as GeneralField & { value: unknown; required: boolean; selfErrors: string[] };
    fields.push({
      address: f.address.segments.map(String),
      visible: f.display === 'visible',
      filled: isFilled(field.value),
      required: !!field.required,
      invalid: (field.selfErrors?.length ?? 0) > 0,
    });
  }
  return sectionProgress(fields, sections);
}
