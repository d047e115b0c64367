import { fieldKind, orderedProperties, type FormSchema } from '@safeflow/engine/forms';

/** Options of {@link prepareSchema}. */
export interface PrepareSchemaOptions {
  /** Flat forms with more top-level fields than this are split into sections (0 = never). */
  sectionSize?: number;
  /** Title of an automatic section (1-based index, first and last field number). */
  sectionTitle?: (index: number, from: number, to: number) => string;
  /** The reader's language: with `en`, a field's English title (`x-title-en`) replaces its zh-CN `title`. */
  locale?: string;
}

const LAYOUT_COMPONENTS = /^(FormCollapse|FormTab|FormStep|Card|SafeSection|FormLayout|FormGrid|Space)/;

/**
 * The render schema of a stored form schema (the stored one is never
 * mutated): every value field without a decorator gets `FormItem` (label,
 * required mark, errors), and a long flat form — more than `sectionSize`
 * top-level fields and no layout containers — is split into void
 * `SafeSection`s of `sectionSize` fields. Void containers are not part of
 * data paths in Formily, so values and error paths stay exactly those of the
 * stored schema (server validation runs on the stored schema). Titles
 * follow the reader's language (`locale`; English from `x-title-en`).
 */
export function prepareSchema(schema: FormSchema, opts: PrepareSchemaOptions = {}): FormSchema {
  const withItems = decorate(schema, opts.locale === 'en');
  const size = opts.sectionSize ?? 0;
  const props = orderedProperties(withItems);
  const hasLayout = props.some(([, s]) => s.type === 'void' && LAYOUT_COMPONENTS.test(String(s['x-component'] ?? '')));
  if (!size || hasLayout || props.length <= size) return withItems;
  const title = opts.sectionTitle ?? ((i: number, from: number, to: number) => `${i} (${from}–${to})`);
  const sections: Record<string, FormSchema> = {};
  for (let i = 0; i * size < props.length; i++) {
    const chunk = props.slice(i * size, (i + 1) * size);
    sections[`__section${i + 1}`] = {
      type: 'void',
      title: title(i + 1, i * size + 1, i * size + chunk.length),
      'x-component': 'SafeSection',
      'x-index': i,
      properties: Object.fromEntries(chunk.map(([k, s], j) => [k, { ...s, 'x-index': j }])),
    } as FormSchema;
  }
  return { ...withItems, properties: sections };
}

function decorate(schema: FormSchema, en: boolean): FormSchema {
  const out: FormSchema = { ...schema };
  const kind = fieldKind(schema);
  const english = schema['x-title-en'];
  if (en && typeof english === 'string' && english.trim()) {
    out.title = english;
    const cp = schema['x-component-props'];
    if (schema.type === 'void' && cp && typeof cp.title === 'string') out['x-component-props'] = { ...cp, title: english };
  }
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, s]) => [k, decorate(s, en)]));
  }
  if (schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)) out.items = decorate(schema.items as FormSchema, en);
  const isValueField = kind === 'leaf' && schema.type !== 'void' && schema['x-component'] !== undefined;
  if (isValueField && schema['x-decorator'] === undefined) out['x-decorator'] = 'FormItem';
  return out;
}
