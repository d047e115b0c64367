import type { PropertySchema } from '@safeflow/engine/forms';

/** The editor a property panel row uses. */
export type PropertyEditor = 'text' | 'textarea' | 'number' | 'switch' | 'select' | 'multiselect' | 'color' | 'dictionary' | 'group';

/** One row of the property panel, generated from a component's property schema. */
export interface PropertyField {
  /** Path inside `x-component-props`, e.g. `['onFail', 'requirePhoto']`. */
  key: string[];
  title: { 'zh-CN': string; en: string };
  editor: PropertyEditor;
  options?: Array<{ value: string; label: { 'zh-CN': string; en: string } }>;
  min?: number;
  max?: number;
  integer?: boolean;
  /** For `group`: the nested rows. */
  children?: PropertyField[];
}

type Json = Record<string, unknown>;

function labelsOf(p: Json, value: string): { 'zh-CN': string; en: string } {
  const l = (p['x-enum-labels'] as Record<string, { 'zh-CN'?: string; en?: string }> | undefined)?.[value];
  return { 'zh-CN': l?.['zh-CN'] ?? value, en: l?.en ?? value };
}

function editorOf(p: Json): PropertyEditor {
  const hint = p['x-editor'];
  if (hint === 'textarea' || hint === 'color' || hint === 'dictionary') return hint;
  const items = p.items as Json | undefined;
  if (p.type === 'array' && Array.isArray(items?.enum)) return 'multiselect';
  if (Array.isArray(p.enum)) return 'select';
  if (p.type === 'boolean') return 'switch';
  if (p.type === 'number' || p.type === 'integer') return 'number';
  if (p.type === 'object') return 'group';
  return 'text';
}

/**
 * The property panel's rows for a component's property schema (JSON-Schema
 * like: `type`, `title` zh-CN, `x-title-en`, `enum` + `x-enum-labels`,
 * `minimum`/`maximum`, `x-editor` hints); nested objects become groups.
 * Properties without a type are shown as text.
 */
export function propertyFields(schema: PropertySchema, base: string[] = []): PropertyField[] {
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  return Object.entries(properties).map(([name, p]) => {
    const key = [...base, name];
    const editor = editorOf(p);
    const zh = typeof p.title === 'string' ? p.title : name;
    const field: PropertyField = { key, editor, title: { 'zh-CN': zh, en: typeof p['x-title-en'] === 'string' ? p['x-title-en'] : zh } };
    const values = (editor === 'multiselect' ? (p.items as Json).enum : p.enum) as unknown[] | undefined;
    if (values) field.options = values.map((v) => ({ value: String(v), label: labelsOf(p, String(v)) }));
    if (typeof p.minimum === 'number') field.min = p.minimum;
    if (typeof p.maximum === 'number') field.max = p.maximum;
    if (p.type === 'integer') field.integer = true;
    if (editor === 'group') field.children = propertyFields(p as PropertySchema, key);
    return field;
  });
}

/** The value at `key` in a props object. */
export function readProp(props: Record<string, unknown> | undefined, key: string[]): unknown {
  let v: unknown = props;
  for (const k of key) v = v && typeof v === 'object' ? (v as Json)[k] : undefined;
  return v;
}

/**
 * A copy of `props` with `key` set to `value` (`undefined` or `''` removes
 * it; groups left empty are removed too), for one `field.update` of
 * `x-component-props`.
 */
export function writeProp(props: Record<string, unknown> | undefined, key: string[], value: unknown): Record<string, unknown> {
  const out: Json = JSON.parse(JSON.stringify(props ?? {}));
  const parents: Json[] = [out];
  let cur = out;
  for (const k of key.slice(0, -1)) {
    if (!cur[k] || typeof cur[k] !== 'object') cur[k] = {};
    cur = cur[k] as Json;
    parents.push(cur);
  }
  const last = key[key.length - 1]!;
  if (value === undefined || value === '' || (typeof value === 'number' && !Number.isFinite(value))) delete cur[last];
  else cur[last] = value;
  for (let i = parents.length - 1; i > 0; i--) if (Object.keys(parents[i]!).length === 0) delete parents[i - 1]![key[i - 1]!];
  return out;
}

/** Why a number is not acceptable for a row (a stable code), or undefined. */
export function numberProblem(field: PropertyField, value: number | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (field.integer && !Number.isInteger(value)) return 'designer.not_integer';
  if (field.min !== undefined && value < field.min) return 'designer.below_minimum';
  if (field.max !== undefined && value > field.max) return 'designer.above_maximum';
  return undefined;
}
