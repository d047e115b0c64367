import type { FormSchema, LinkageCondition } from '@safeflow/engine/forms';
import { outline } from '../schemaNodes';

/** A field the logic tab offers as a condition or target. */
export interface LinkageField {
  path: string;
  title: string;
  component: string;
  /** JSON type of its value (`string`, `number`, `boolean`, `array`, `object`). */
  type: string;
  /** Its options (`enum`), as value/label pairs. */
  options: Array<{ value: string | number | boolean; label: string }>;
  deprecated: boolean;
}

/** Operators of a condition. */
export type LinkageOp = LinkageCondition['op'];

function optionsOf(node: FormSchema): LinkageField['options'] {
  if (!Array.isArray(node.enum)) return [];
  return node.enum.flatMap((e) => {
    if (e && typeof e === 'object' && 'value' in e) {
      const o = e as { value: string | number | boolean; label?: unknown };
      return [{ value: o.value, label: typeof o.label === 'string' ? o.label : String(o.value) }];
    }
    return typeof e === 'string' || typeof e === 'number' || typeof e === 'boolean' ? [{ value: e, label: String(e) }] : [];
  });
}

/**
 * The fields linkage can name: every non-void field outside array rows
 * (row fields have no single value to compare; compileLinkage addresses
 * fields by absolute data path).
 */
export function linkageFields(schema: FormSchema): LinkageField[] {
  return outline(schema)
    .filter((n) => n.dataPath && !n.dataPath.includes('*'))
    .map((n) => ({
      path: n.dataPath,
      title: typeof n.schema.title === 'string' && n.schema.title ? n.schema.title : n.name,
      component: String(n.schema['x-component'] ?? ''),
      type: String(n.schema.type ?? 'string'),
      options: optionsOf(n.schema),
      deprecated: n.schema['x-deprecated'] === true,
    }));
}

/** The operators that make sense for a field: options compare by equality/membership, numbers also by order. */
export function opsFor(field: LinkageField | undefined): LinkageOp[] {
  if (!field) return ['eq', 'ne', 'empty', 'notEmpty'];
  if (field.type === 'boolean') return ['eq', 'ne'];
  if (field.options.length) return field.type === 'array' ? ['empty', 'notEmpty'] : ['eq', 'ne', 'in', 'empty', 'notEmpty'];
  if (field.type === 'number' || field.type === 'integer') return ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'];
  if (field.type === 'array' || field.type === 'object') return ['empty', 'notEmpty'];
  return ['eq', 'ne', 'empty', 'notEmpty'];
}

/**
 * Turns what the user typed or picked into the condition's value, typed like
 * the field (numbers for number fields, booleans for switches, the option's
 * own value for choices). Never builds expression text: compileLinkage
 * writes values as JSON literals.
 */
export function coerceValue(field: LinkageField | undefined, raw: unknown): string | number | boolean | null {
  if (raw === null || raw === undefined) return null;
  if (field?.type === 'boolean') return raw === true || raw === 'true';
  if (field?.type === 'number' || field?.type === 'integer') {
    const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
    return Number.isFinite(n) ? n : null;
  }
  const option = field?.options.find((o) => String(o.value) === String(raw));
  if (option) return option.value;
  return typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : String(raw);
}
