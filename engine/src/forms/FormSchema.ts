/**
 * A Formily 2 JSON Schema node as SafeFlow stores it (plain JSON). Only the
 * keys SafeFlow reads are typed; everything else is kept as unknown.
 */
export interface FormSchema {
  type?: string;
  title?: unknown;
  description?: unknown;
  properties?: Record<string, FormSchema>;
  items?: FormSchema | FormSchema[];
  required?: boolean | string[];
  enum?: unknown[];
  default?: unknown;
  'x-component'?: string;
  'x-component-props'?: Record<string, unknown>;
  'x-decorator'?: string;
  'x-decorator-props'?: Record<string, unknown>;
  'x-reactions'?: unknown;
  'x-validator'?: unknown;
  'x-display'?: unknown;
  'x-pattern'?: unknown;
  'x-index'?: number;
  [key: string]: unknown;
}

/** True when `value` is a `{{ ... }}` expression string (Formily compiles only whole-string expressions). */
export function isExpressionString(value: unknown): value is string {
  return typeof value === 'string' && /^\s*\{\{[\s\S]*\}\}\s*$/.test(value);
}

/** The text inside the braces of a whole-string `{{ ... }}` expression. */
export function expressionBody(value: string): string {
  const m = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(value);
  return m ? m[1]! : value;
}

/**
 * The child properties of `schema` in Formily's order: by `x-index`
 * (missing = after indexed ones), then by declaration order.
 */
export function orderedProperties(schema: FormSchema | undefined): Array<[string, FormSchema]> {
  const props = schema?.properties;
  if (!props || typeof props !== 'object') return [];
  const entries = Object.entries(props).filter(([, s]) => s !== null && typeof s === 'object') as Array<
    [string, FormSchema]
  >;
  return entries
    .map((e, i) => ({
      e,
      i,
      x: typeof e[1]['x-index'] === 'number' ? (e[1]['x-index'] as number) : Number.POSITIVE_INFINITY,
    }))
    .sort((a, b) => a.x - b.x || a.i - b.i)
    .map((x) => x.e);
}

/** The row schema of an array field (Formily uses `items` as an object schema; a tuple uses its first entry). */
export function itemsSchema(schema: FormSchema): FormSchema | undefined {
  const items = schema.items;
  if (Array.isArray(items)) return items[0];
  return items && typeof items === 'object' ? items : undefined;
}

/** How a schema node maps onto Formily's field kinds. */
export type FieldKind = 'void' | 'object' | 'array' | 'leaf';

/**
 * `void` (layout, no value), `object` (has child properties), `array` (rows
 * of an object `items` schema) or `leaf` (a value validated as a whole,
 * including object/array values of components such as Photo or ScoredItem).
 */
export function fieldKind(schema: FormSchema): FieldKind {
  if (schema.type === 'void') return 'void';
  if (schema.type === 'object' && schema.properties && Object.keys(schema.properties).length > 0)
    return 'object';
  if (schema.type === 'array') {
    const items = itemsSchema(schema);
    if (items && (items.type === 'object' || items.type === 'void') && items.properties) return 'array';
  }
  return 'leaf';
}
