import type { Form, GeneralField } from '@formily/core';
import type { FormSchema } from '@safeflow/engine/forms';
import { isFilled, sectionProgress, type FormProgress, type ProgressField } from './sectionProgress';

const isData = (f: GeneralField) => f.displayName !== 'VoidField';

function dataParent(f: GeneralField): GeneralField | undefined {
  let p = f.parent;
  while (p && !isData(p)) p = p.parent;
  return p;
}

/** Value leaves of a schema below `s` (through void containers), with their data paths. */
function schemaLeaves(s: FormSchema, prefix: string, out: Array<{ path: string; schema: FormSchema }>): void {
  for (const [name, child] of Object.entries(s.properties ?? {})) {
    if (child.type === 'void') schemaLeaves(child, prefix, out);
    else if (child.type === 'object' && child.properties && !child['x-component']) schemaLeaves(child, `${prefix}${name}.`, out);
    else out.push({ path: prefix + name, schema: child });
  }
}

function valueAt(values: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), values);
}

/**
 * The progress of a live Formily form: answered visible leaf value fields
 * (fields holding other value fields are not counted themselves), grouped by
 * their top-level void container (sections). Sections of `schema` whose
 * fields are not mounted yet (lazily rendered) are counted from the schema
 * and the values (static visibility).
 */
export function collectProgress(form: Form, schema?: FormSchema): FormProgress {
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
  for (const [key, section] of Object.entries(schema?.properties ?? {})) {
    if (section.type !== 'void' || fields.some((f) => f.address[0] === key)) continue;
    sections.set(key, String(section.title ?? ''));
    const leaves: Array<{ path: string; schema: FormSchema }> = [];
    schemaLeaves(section, '', leaves);
    for (const leaf of leaves) {
      const d = leaf.schema['x-display'];
      fields.push({
        address: [key, ...leaf.path.split('.')],
        visible: d !== 'none' && d !== 'hidden' && leaf.schema['x-visible'] !== false && leaf.schema['x-hidden'] !== true,
        filled: isFilled(valueAt(form.values, leaf.path)),
        required: leaf.schema.required === true,
        invalid: false,
      });
    }
  }
  return sectionProgress(fields, sections);
}
